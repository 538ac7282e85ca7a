// The Instagram feed block on a Dawn-like page in real Chromium: each layout (grid, slider, masonry,
// highlight) at desktop and mobile widths, zero layout shift while images and the stylesheet load, the
// page painted before the block's stylesheet arrives, images sized to their tiles, the lightbox by keyboard
// (with each post's own account), two blocks with their own feeds, the feed without JavaScript, and
// screenshots (tests/.artifacts/extension/) that are checked not to be blank.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { launchBrowser } from "../e2e/support/browser";
import { makeAccount, makeFeed } from "../fixtures/make-feed";
import { ROOT } from "../setup/paths";
import type { FeedDocument } from "../../app/feed/feed-document";
import {
  renderFeedBlock,
  renderFeedPage,
  storefrontPage,
  type RenderFeedBlockOptions,
} from "../../app/sandbox/storefront-render";
import { CDN_HOST, pngStatistics, routeShopifyCdn, startStorefront, type Storefront } from "./support/storefront";

vi.setConfig({ testTimeout: 60_000 }); // real browser on a shared machine

const SCREENSHOTS = path.join(ROOT, "tests/.artifacts/extension");
const DESKTOP = { width: 1280, height: 900 };
const MOBILE = { width: 390, height: 844 };
const feed = makeFeed(8);
const long = makeFeed(12);
/** Two accounts merged: even posts are @acme.studio's, odd ones @acme.outlet's. */
const merged = makeFeed(6, "acme.studio", { moreAccounts: [makeAccount("acme.outlet")] });
const sale = makeFeed(5, "acme.sale", { name: "Sale" });
sale.posts = sale.posts.map((post) => ({ ...post, permalink: post.permalink.replace("/p/", "/p/sale-") }));

let browser: Browser;
let store: Storefront;
const contexts: BrowserContext[] = [];
/** Every request the pages made to anything but the storefronts' origins and Shopify's CDN. */
const offsite: string[] = [];
const origins = new Set<string>();
const urls: Record<
  "grid" | "original" | "slider" | "masonry" | "highlight" | "merged" | "two" | "editor" | "local" | "held",
  string
> = {
  grid: "",
  original: "",
  slider: "",
  masonry: "",
  highlight: "",
  merged: "",
  two: "",
  editor: "",
  local: "",
  held: "",
};
/** An image of the theme's that never finishes loading on the "held" page: its load event never comes. */
const NEVER = "/never-loads.jpg";
/** The media of the "local" page: hosted on the storefront's own origin over http. */
let local: FeedDocument;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [browser, store] = await Promise.all([launchBrowser(), startStorefront()]);
  origins.add(store.origin);
  const page = async (path: string, options: RenderFeedBlockOptions & { before?: string }) =>
    store.page(path, await renderFeedPage({ ...options, assetBaseUrl: store.assetBaseUrl }));
  urls.grid = await page("/grid", { feed });
  urls.original = await page("/original", {
    feed,
    settings: { aspect_ratio: "original", columns_desktop: 3, gap: 16, corner_radius: 12, show_heading: false },
  });
  urls.slider = await page("/slider", { feed: long, settings: { layout: "slider", corner_radius: 8 } });
  urls.masonry = await page("/masonry", { feed: long, settings: { layout: "masonry" } });
  urls.highlight = await page("/highlight", { feed: long, settings: { layout: "highlight" } });
  urls.merged = await page("/merged", { feed: merged });
  urls.editor = await page("/editor", { feed: null, designMode: true });
  urls.held = await page("/held", { feed, before: `<img src="${NEVER}" width="10" height="10" alt="">` });
  const blocks = await Promise.all([
    renderFeedBlock({
      feed: { id: "main", name: "Main", document: feed },
      blockId: "One",
      assetBaseUrl: store.assetBaseUrl,
    }),
    renderFeedBlock({
      feed: { id: "sale", name: "Sale", document: sale },
      settings: { layout: "slider" },
      blockId: "Two",
      assetBaseUrl: store.assetBaseUrl,
    }),
  ]);
  urls.two = store.page("/two", storefrontPage({ blocks, assetBaseUrl: store.assetBaseUrl }));
  local = store.hostFeed(feed);
  urls.local = await page("/local", { feed: local });
});

afterAll(async () => {
  await browser?.close();
  await store?.close();
});

/**
 * A context that reaches only the local storefront and the (stand-in) Shopify CDN, watching for layout
 * shifts. Every request that leaves this machine is aborted, as it would fail here anyway.
 */
async function storefrontContext(
  viewport: { width: number; height: number },
  { javaScriptEnabled = true, deviceScaleFactor = 1 } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, javaScriptEnabled, deviceScaleFactor });
  await context.route(/^https?:\/\//, (route) =>
    new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort(),
  );
  await routeShopifyCdn(context, [long, merged, sale]);
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (!origins.has(url.origin) && url.hostname !== CDN_HOST && url.protocol !== "data:") offsite.push(request.url());
  });
  if (javaScriptEnabled) {
    await context.addInitScript(() => {
      const shifts: { value: number; hadRecentInput: boolean; nodes: string[] }[] = [];
      (window as unknown as { shifts: typeof shifts }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as {
          value: number;
          hadRecentInput: boolean;
          sources?: { node?: Element }[];
        }[]) {
          shifts.push({
            value: entry.value,
            hadRecentInput: entry.hadRecentInput,
            nodes: (entry.sources ?? []).map(
              (s) =>
                `${s.node?.nodeName}.${s.node instanceof Element ? s.node.className : ""} ${JSON.stringify((s as { previousRect?: DOMRect }).previousRect)} -> ${JSON.stringify((s as { currentRect?: DOMRect }).currentRect)}`,
            ),
          });
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
  }
  contexts.push(context);
  return context;
}

/** Loads the page, then scrolls through it (by script, not input) until every image has arrived. */
async function loadFully(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "load" });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 400) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(30);
  }
  // Lazy images never load while out of sight, rightly: those in the closed lightbox (its avatars) and
  // the slider's posts beyond its right edge.
  await page.waitForFunction(
    () =>
      Array.from(document.images).every((img) => {
        const box = img.getBoundingClientRect();
        const list = img.closest(".sf-list")?.getBoundingClientRect();
        const outOfSight =
          img.closest("dialog") || (list && (box.left >= list.right - 1 || box.right <= list.left + 1));
        return outOfSight || (img.complete && img.naturalWidth > 0);
      }),
    undefined,
    { timeout: 10_000 },
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
}

async function layoutShift(page: Page): Promise<{ total: number; entries: unknown[] }> {
  const entries = await page.evaluate(() => (window as unknown as { shifts: { value: number }[] }).shifts);
  return { total: entries.reduce((sum, e) => sum + e.value, 0), entries };
}

async function tileBoxes(page: Page) {
  return page
    .locator(".sf-tile")
    .evaluateAll((tiles) =>
      tiles.map(
        (tile) => tile.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number },
      ),
    );
}

/** Saves a screenshot and checks it isn't blank: varied brightness and many colours (the posts' images). */
async function screenshot(
  page: Page,
  name: string,
  fullPage = true,
  minimum = { bytes: 20_000, lumaStdDev: 20, colours: 100 },
): Promise<void> {
  const png = await page.screenshot({ fullPage });
  writeFileSync(path.join(SCREENSHOTS, `${name}.png`), png);
  const stats = pngStatistics(png);
  expect(png.length, `${name}.png size`).toBeGreaterThan(minimum.bytes);
  expect(stats.lumaStdDev, `${name}.png luma deviation`).toBeGreaterThan(minimum.lumaStdDev);
  expect(stats.colours, `${name}.png colours`).toBeGreaterThan(minimum.colours);
}

const activeInfo = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    const dialog = document.querySelector("dialog.sf-lb") as HTMLDialogElement;
    const tiles = Array.from(document.querySelectorAll(".sf-tile"));
    return { tile: tiles.indexOf(active as Element), inDialog: dialog.contains(active), open: dialog.open };
  });
/** The lightbox shows the tile's image at once, then swaps in the large one once decoded. */
async function largeImageShown(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator("[data-sf-media] > img").getAttribute("src"), { timeout: 10_000 })
    .toMatch(/[?&]width=1080$/);
  await page.locator("[data-sf-media] > img").evaluate((img: HTMLImageElement) => img.decode());
}
const status = (page: Page) => page.locator("[data-sf-status]").textContent();
const lightboxImage = (page: Page) => page.locator("[data-sf-media] > img").getAttribute("src");

describe("grid", () => {
  for (const [name, viewport, columns] of [
    ["desktop", DESKTOP, 4],
    ["mobile", MOBILE, 2],
  ] as const) {
    it(`shows ${columns} columns at ${viewport.width}px, square tiles 8px apart, without any layout shift`, async () => {
      const page = await (await storefrontContext(viewport)).newPage();
      await loadFully(page, urls.grid);
      const boxes = await tileBoxes(page);
      expect(boxes).toHaveLength(8);
      const rows = [...new Set(boxes.map((b) => Math.round(b.y)))];
      expect(rows).toHaveLength(8 / columns);
      expect(boxes.filter((b) => Math.round(b.y) === rows[0])).toHaveLength(columns);
      for (const box of boxes) {
        expect(box.width).toBeCloseTo(boxes[0]!.width, 0);
        expect(box.height).toBeCloseTo(box.width, 0);
      }
      expect(boxes[1]!.x - (boxes[0]!.x + boxes[0]!.width)).toBeCloseTo(8, 0);

      const shift = await layoutShift(page);
      expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
      // The browser chose a srcset candidate near the tile's size, not the full 1080px image.
      const chosen = await page
        .locator(".sf-img")
        .first()
        .evaluate((img: HTMLImageElement) => Number(new URL(img.currentSrc).searchParams.get("width")));
      expect(chosen).toBeGreaterThanOrEqual(boxes[0]!.width);
      expect(chosen).toBeLessThanOrEqual(360);
      await screenshot(page, `grid-${name}`);
      if (name === "desktop") {
        // The caption fades in over the tile on hover, as text (a hostile one included).
        await page.locator(".sf-tile").nth(2).hover();
        const caption = page.locator(".sf-tile").nth(2).locator(".sf-caption");
        await expect.poll(() => caption.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
        expect(await caption.textContent()).toBe(feed.posts[2]!.caption);
        await screenshot(page, "grid-hover", false);
      }
    });
  }

  it("keeps each post's own shape in the original aspect ratio, still without shifting", async () => {
    const page = await (await storefrontContext(DESKTOP)).newPage();
    await loadFully(page, urls.original);
    const boxes = await tileBoxes(page);
    expect(boxes.filter((b) => Math.round(b.y) === Math.round(boxes[0]!.y))).toHaveLength(3);
    boxes.forEach((box, i) => {
      const { width, height } = feed.posts[i]!.image;
      const shown = Math.min(Math.max(height / width, 1 / 1.91), 5 / 4); // Instagram's feed range
      expect(box.height / box.width).toBeCloseTo(shown, 1);
    });
    expect(boxes[1]!.height / boxes[1]!.width).toBeCloseTo(1.25, 2); // a 9:16 reel shows as 4:5
    const shift = await layoutShift(page);
    expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
    await screenshot(page, "grid-original-desktop");
  });

  it("doesn't shift even when painted while the HTML is still being parsed (CPU slowed 8×)", async () => {
    const context = await storefrontContext(MOBILE);
    const page = await context.newPage();
    await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: 8 });
    await loadFully(page, urls.grid);
    const shift = await layoutShift(page);
    expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
  });

  it("opens the lightbox by keyboard, steps through posts and carousel slides, traps focus, and gives focus back", async () => {
    const page = await (await storefrontContext(DESKTOP)).newPage();
    await loadFully(page, urls.grid);
    for (let i = 0; i < 30 && (await activeInfo(page)).tile < 0; i++) await page.keyboard.press("Tab");
    expect(await activeInfo(page)).toMatchObject({ tile: 0, open: false });

    await page.keyboard.press("Enter");
    await expect.poll(() => activeInfo(page)).toMatchObject({ open: true, inDialog: true });
    expect(await status(page)).toBe("Post 1 of 8");
    expect(await lightboxImage(page)).toContain("/image-0.jpg");
    expect(await page.locator("[data-sf-caption]").textContent()).toBe(feed.posts[0]!.caption);
    expect(await page.locator("[data-sf-view]").getAttribute("href")).toBe(feed.posts[0]!.permalink);
    await largeImageShown(page);
    await screenshot(page, "lightbox-desktop", false, { bytes: 20_000, lumaStdDev: 20, colours: 30 });

    await page.keyboard.press("ArrowRight");
    expect(await status(page)).toBe("Post 2 of 8");
    expect(await lightboxImage(page)).toContain("/reel-1.jpg");
    expect(await page.locator("[data-sf-play]").isVisible()).toBe(true); // reel with a hosted video
    // A hostile caption lands as text.
    expect(await page.locator("[data-sf-caption]").textContent()).toBe("<script>alert(1)</script> new drop friday");
    expect(await page.locator("[data-sf-caption] *").count()).toBe(0);

    await page.keyboard.press("ArrowRight");
    expect(await status(page)).toBe("Post 3 of 8, slide 1 of 3");
    await page.keyboard.press("ArrowRight");
    expect(await status(page)).toBe("Post 3 of 8, slide 2 of 3");
    expect(await lightboxImage(page)).toContain("/carousel-2-1.jpg");
    expect(await page.locator("[data-sf-dots] i").count()).toBe(3);
    await page.keyboard.press("ArrowRight");
    expect(await status(page)).toBe("Post 3 of 8, slide 3 of 3");
    expect(await page.locator("[data-sf-play]").isVisible()).toBe(true); // the carousel's video slide
    await page.keyboard.press("ArrowRight");
    expect(await status(page)).toBe("Post 4 of 8");
    // A video without a hosted file: its play control links to Instagram instead.
    expect(await page.locator("[data-sf-play]").isVisible()).toBe(false);
    expect(await page.locator("[data-sf-watch]").isVisible()).toBe(true);
    expect(await page.locator("[data-sf-watch]").getAttribute("href")).toBe(feed.posts[3]!.permalink);
    await page.keyboard.press("ArrowLeft");
    expect(await status(page)).toBe("Post 3 of 8, slide 3 of 3");

    // Focus stays inside the dialog, both ways round.
    for (const key of [...Array(12).fill("Tab"), ...Array(12).fill("Shift+Tab")]) {
      await page.keyboard.press(key);
      expect(await activeInfo(page)).toMatchObject({ open: true, inDialog: true });
    }

    await page.keyboard.press("Escape");
    await expect.poll(() => activeInfo(page)).toMatchObject({ open: false, tile: 0 });
  });

  it("plays a hosted video in the lightbox, over its cover", async () => {
    const page = await (await storefrontContext(MOBILE)).newPage();
    await loadFully(page, urls.grid);
    await page.locator(".sf-tile").nth(1).click();
    await expect.poll(() => activeInfo(page)).toMatchObject({ open: true, inDialog: true });
    await largeImageShown(page);
    await screenshot(page, "lightbox-mobile", false, { bytes: 20_000, lumaStdDev: 20, colours: 30 });
    await page.locator("[data-sf-play]").click();
    const video = page.locator("[data-sf-media] > video");
    expect(await video.getAttribute("src")).toBe(feed.posts[1]!.video!.url);
    expect(await video.getAttribute("poster")).toContain("/reel-1.jpg");
    expect(await video.evaluate((v) => v === document.activeElement)).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => activeInfo(page)).toMatchObject({ open: false, tile: 1 });
    // The dialog's "close" event (which removes the video) comes a task after it stops being open.
    await expect.poll(() => video.count()).toBe(0);
  });
});

describe("slider", () => {
  it("scroll-snaps through the posts with prev/next buttons, without any layout shift", async () => {
    const page = await (await storefrontContext(DESKTOP)).newPage();
    await loadFully(page, urls.slider);
    const list = page.locator(".sf-list");
    const track = (await list.boundingBox())!;
    const visible = (await tileBoxes(page)).filter(
      (b) => b.x >= track.x - 1 && b.x + b.width <= track.x + track.width + 1,
    );
    expect(visible).toHaveLength(4);
    const next = page.locator("[data-sf-next]");
    const prev = page.locator("[data-sf-prev]");
    expect(await next.isVisible()).toBe(true);
    expect(await prev.getAttribute("aria-disabled")).toBe("true");
    const shift = await layoutShift(page);
    expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
    await screenshot(page, "slider-desktop", false);

    await next.click();
    await expect.poll(() => list.evaluate((el) => el.scrollLeft)).toBeGreaterThan(track.width * 0.9);
    await expect.poll(() => prev.getAttribute("aria-disabled")).toBe("false");
    // Snapped: a tile starts exactly at the track's left edge.
    await expect.poll(async () => (await tileBoxes(page)).some((b) => Math.abs(b.x - track.x) < 1)).toBe(true);
  });

  it("shows the mobile columns with a peek of the next post", async () => {
    const page = await (await storefrontContext(MOBILE)).newPage();
    await loadFully(page, urls.slider);
    const track = (await page.locator(".sf-list").boundingBox())!;
    const boxes = await tileBoxes(page);
    const inside = boxes.filter((b) => b.x >= track.x - 1 && b.x + b.width <= track.x + track.width + 1);
    expect(inside).toHaveLength(2);
    expect(boxes[2]!.x).toBeLessThan(track.x + track.width); // the third one peeks in
    const shift = await layoutShift(page);
    expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
    await screenshot(page, "slider-mobile", false);
  });
});

describe("masonry", () => {
  for (const [name, viewport, columns] of [
    ["desktop", DESKTOP, 4],
    ["mobile", MOBILE, 2],
  ] as const) {
    it(`keeps reading order in ${columns} columns at ${viewport.width}px, each tile its post's shape, without any layout shift`, async () => {
      const page = await (await storefrontContext(viewport)).newPage();
      await loadFully(page, urls.masonry);
      const boxes = await tileBoxes(page);
      expect(boxes).toHaveLength(12);
      // The first row is the first posts, left to right, one per column.
      const columnXs = boxes.slice(0, columns).map((box) => box.x);
      for (const box of boxes.slice(0, columns)) expect(box.y).toBeCloseTo(boxes[0]!.y, 0);
      expect([...columnXs].sort((a, b) => a - b)).toEqual(columnXs);
      const width = boxes[0]!.width;
      const unit = width / 40;
      // Then each post goes below the shortest column (to within a row of 1/40 of a column), 8px below.
      const bottoms = columnXs.map(() => boxes[0]!.y - 8);
      boxes.forEach((box, i) => {
        const column = columnXs.findIndex((x) => Math.abs(x - box.x) < 1);
        expect(column, `tile ${i} in a column`).toBeGreaterThanOrEqual(0);
        expect(box.width).toBeCloseTo(width, 0);
        expect(bottoms[column]!).toBeLessThanOrEqual(Math.min(...bottoms) + unit + 1);
        expect(Math.abs(box.y - (bottoms[column]! + 8)), `tile ${i} top`).toBeLessThan(1.5);
        bottoms[column] = box.y + box.height;
        // Its shape: the post's (4:5 to 1.91:1) in whole rows, less the gap below it.
        const { width: iw, height: ih } = long.posts[i]!.image;
        const rows = Math.min(50, Math.max(21, Math.round((40 * ih) / iw)));
        expect(Math.abs(box.height - (rows * unit - 8)), `tile ${i} height`).toBeLessThan(1.5);
      });
      const shift = await layoutShift(page);
      expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
      await screenshot(page, `masonry-${name}`);
    });
  }
});

describe("highlight", () => {
  it("shows the first post 2×2 with the next ones beside it at 1280px, without any layout shift", async () => {
    const page = await (await storefrontContext(DESKTOP)).newPage();
    await loadFully(page, urls.highlight);
    const [large, ...small] = await tileBoxes(page);
    const side = small[0]!.width;
    for (const box of small) {
      expect(box.width).toBeCloseTo(side, 0);
      expect(box.height).toBeCloseTo(side, 0);
    }
    expect(large!.width).toBeCloseTo(2 * side + 8, 0);
    expect(large!.height).toBeCloseTo(large!.width, 0);
    // Rows 1 and 2: two small tiles each, right of the large one; then full rows of 4 below it.
    const right = large!.x + large!.width + 8;
    expect(small.slice(0, 4).map((b) => [Math.round(b.x - right), Math.round(b.y - large!.y)])).toEqual([
      [0, 0],
      [Math.round(side + 8), 0],
      [0, Math.round(side + 8)],
      [Math.round(side + 8), Math.round(side + 8)],
    ]);
    expect(small[4]!.x).toBeCloseTo(large!.x, 0);
    expect(small[4]!.y).toBeCloseTo(large!.y + large!.height + 8, 0);
    const shift = await layoutShift(page);
    expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
    await screenshot(page, "highlight-desktop");
  });

  it("shows the first post across both columns at 390px", async () => {
    const page = await (await storefrontContext(MOBILE)).newPage();
    await loadFully(page, urls.highlight);
    const [large, first, second] = await tileBoxes(page);
    expect(large!.width).toBeCloseTo(first!.width * 2 + 8, 0);
    expect(large!.height).toBeCloseTo(large!.width, 0);
    expect(first!.y).toBeCloseTo(large!.y + large!.height + 8, 0);
    expect(second!.y).toBeCloseTo(first!.y, 0);
    const shift = await layoutShift(page);
    expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
    await screenshot(page, "highlight-mobile");
  });
});

describe("image sizes", () => {
  const CANDIDATES = [180, 360, 540, 720, 1080];
  /** The candidates either side of what a tile needs: the browser may round either way, never further. */
  const bracket = (needed: number) => [
    CANDIDATES.filter((width) => width <= needed).pop() ?? CANDIDATES[0]!,
    CANDIDATES.find((width) => width >= needed) ?? CANDIDATES[CANDIDATES.length - 1]!,
  ];

  for (const layout of ["grid", "slider", "masonry", "highlight"] as const) {
    it(`picks images close to the ${layout}'s tile width × device pixel ratio at 375px and 1280px`, async () => {
      const url = layout === "grid" ? urls.grid : urls[layout];
      for (const [viewport, ratio] of [
        [{ width: 375, height: 812 }, 2],
        [{ width: 375, height: 812 }, 3],
        [DESKTOP, 1],
        [DESKTOP, 2],
      ] as const) {
        const context = await storefrontContext(viewport, { deviceScaleFactor: ratio });
        const page = await context.newPage();
        await loadFully(page, url);
        const chosen = await page.locator(".sf-img").evaluateAll((images) =>
          (images as HTMLImageElement[])
            .filter((img) => img.currentSrc)
            .map((img) => ({
              tile: img.getBoundingClientRect().width,
              width: Number(new URL(img.currentSrc).searchParams.get("width")),
              loading: img.loading,
            })),
        );
        expect(chosen.filter((image) => image.loading === "eager").length).toBeGreaterThan(0);
        for (const image of chosen) {
          const needed = image.tile * ratio;
          expect(bracket(needed), `${viewport.width}px @${ratio}x, ${JSON.stringify(image)}`).toContain(image.width);
        }
        await context.close();
      }
    });
  }
});

describe("the later tiles' images", () => {
  it("start only once the page has loaded, so they never compete with the first row; then all arrive without a shift", async () => {
    const page = await (await storefrontContext(MOBILE)).newPage();
    await loadFully(page, urls.highlight);
    // 12 posts, highlight: the large tile and the two beside it (on desktop) start at once, the rest after
    // the load event; on a phone every one of them is within the browser's lazy-loading distance.
    const timing = await page.evaluate(() => {
      const loadEvent = (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventStart;
      const started = new Map(performance.getEntriesByType("resource").map((entry) => [entry.name, entry.startTime]));
      return Array.from(document.querySelectorAll<HTMLImageElement>(".sf-img")).map((img) => ({
        afterLoad: started.get(img.currentSrc)! >= loadEvent,
        loaded: img.complete && img.naturalWidth > 0,
      }));
    });
    expect(timing).toEqual([
      ...Array(3).fill({ afterLoad: false, loaded: true }),
      ...Array(9).fill({ afterLoad: true, loaded: true }),
    ]);
    const shift = await layoutShift(page);
    expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
    await screenshot(page, "highlight-later-tiles-mobile");
  });

  it("open in the lightbox even before the page has loaded", async () => {
    const page = await (await storefrontContext(DESKTOP)).newPage();
    await page.route(`**${NEVER}`, () => {}); // never answered: the page never finishes loading
    await page.goto(urls.held, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(() => document.querySelector(".sf-tile[aria-haspopup]"));
    expect(await page.evaluate(() => document.readyState)).not.toBe("complete");
    const later = page.locator(".sf-tile").nth(5).locator("img");
    expect(await later.getAttribute("src")).toBeNull();
    await page.locator(".sf-tile").nth(5).click();
    await expect.poll(() => activeInfo(page)).toMatchObject({ open: true, inDialog: true });
    expect(await status(page)).toBe("Post 6 of 8");
    await largeImageShown(page);
    expect(await lightboxImage(page)).toBe(`${feed.posts[5]!.image.url}&width=1080`);
    // Opening it gave the tile its image too.
    expect(await later.getAttribute("src")).toContain("/image-5.jpg");
    await page.keyboard.press("Escape");
    expect(await page.locator(".sf-tile").nth(7).locator("img").getAttribute("src")).toBeNull();
  });
});

describe("first paint", () => {
  it("paints the page and lays the block out before its stylesheet arrives, and nothing moves when it does", async () => {
    const slow = await startStorefront({ assetDelayMs: 1500 });
    origins.add(slow.origin);
    try {
      const url = slow.page("/", await renderFeedPage({ feed, assetBaseUrl: slow.assetBaseUrl }));
      const page = await (await storefrontContext(DESKTOP)).newPage();
      const stylesheetApplied = () =>
        page.evaluate(() => getComputedStyle(document.querySelector(".sf-img")!).transitionDuration !== "0s");
      await page.goto(url, { waitUntil: "commit" });
      await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0);
      const paint = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]!.startTime);
      await page.waitForFunction(() => document.querySelectorAll(".sf-tile").length === 8);
      expect(await stylesheetApplied()).toBe(false);
      const before = await tileBoxes(page);
      expect(paint).toBeLessThan(1500);
      expect(before[0]!.height).toBeCloseTo(before[0]!.width, 0); // square tiles, four a row
      expect(new Set(before.map((box) => Math.round(box.y))).size).toBe(2);

      await expect.poll(stylesheetApplied, { timeout: 10_000 }).toBe(true);
      expect(await tileBoxes(page)).toEqual(before);
      await page.waitForLoadState("load");
      const shift = await layoutShift(page);
      expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
      // Shopify puts nothing of the block's in <head>; the browser loads its stylesheet without blocking.
      expect(await page.locator("head link[rel=stylesheet]").count()).toBe(0);
      const status = await page.evaluate(() =>
        (performance.getEntriesByType("resource") as (PerformanceResourceTiming & { renderBlockingStatus?: string })[])
          .filter((entry) => entry.name.endsWith("/social-feed.css"))
          .map((entry) => entry.renderBlockingStatus),
      );
      expect(status).toEqual(["non-blocking"]);
    } finally {
      await slow.close();
    }
  });
});

describe("a feed merging several accounts", () => {
  it("shows each post's own account in the lightbox", async () => {
    const page = await (await storefrontContext(DESKTOP)).newPage();
    await loadFully(page, urls.merged);
    const account = () =>
      page.locator(".sf-lb__account").evaluateAll((lines) =>
        lines
          .filter((line) => !(line as HTMLElement).hidden && line.getClientRects().length)
          .map((line) => ({
            username: line.querySelector(".sf-username")!.textContent,
            avatar: line.querySelector("img")?.getAttribute("src") ?? null,
          })),
      );
    await page.locator(".sf-tile").nth(1).click();
    await expect.poll(() => activeInfo(page)).toMatchObject({ open: true, inDialog: true });
    expect(await account()).toEqual([
      { username: "@acme.outlet", avatar: `${merged.accounts[1]!.avatar!.url}&width=96` },
    ]);
    // The avatar really arrives: it's the outlet's, not the header's.
    await expect
      .poll(() =>
        page
          .locator(".sf-lb__account:not([hidden]) img")
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    await screenshot(page, "lightbox-second-account", false, { bytes: 20_000, lumaStdDev: 20, colours: 30 });
    await page.keyboard.press("ArrowRight"); // post 3 is a carousel of @acme.studio's
    expect(await account()).toEqual([{ username: "@acme.studio", avatar: `${merged.account.avatar!.url}&width=96` }]);
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    expect(await status(page)).toBe("Post 4 of 6");
    expect(await account()).toEqual([
      { username: "@acme.outlet", avatar: `${merged.accounts[1]!.avatar!.url}&width=96` },
    ]);
    // The header stays the feed's first account.
    await page.keyboard.press("Escape");
    expect(await page.locator(".sf-header .sf-username").textContent()).toBe("@acme.studio");
  });
});

describe("two blocks with different feeds", () => {
  it("shows each block's own posts, and each lightbox steps through its own posts only", async () => {
    const page = await (await storefrontContext(DESKTOP)).newPage();
    await loadFully(page, urls.two);
    const one = page.locator("#sf-One");
    const two = page.locator("#sf-Two");
    expect(await one.locator(".sf-tile").evaluateAll((tiles) => tiles.map((t) => t.getAttribute("href")))).toEqual(
      feed.posts.map((post) => post.permalink),
    );
    expect(await two.locator(".sf-tile").evaluateAll((tiles) => tiles.map((t) => t.getAttribute("href")))).toEqual(
      sale.posts.map((post) => post.permalink),
    );
    expect(await two.locator(".sf-header .sf-username").textContent()).toBe("@acme.sale");

    await two.locator(".sf-tile").first().click();
    await expect.poll(() => two.locator("dialog").evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(await two.locator("[data-sf-status]").textContent()).toBe("Post 1 of 5");
    await page.keyboard.press("ArrowLeft"); // round to its own last post, not the other block's
    expect(await two.locator("[data-sf-status]").textContent()).toBe("Post 5 of 5");
    expect(await two.locator("[data-sf-view]").getAttribute("href")).toBe(sale.posts[4]!.permalink);
    await page.keyboard.press("Escape");
    expect(await one.locator("dialog").evaluate((d: HTMLDialogElement) => d.open)).toBe(false);

    await one.locator(".sf-tile").first().click();
    expect(await one.locator("[data-sf-status]").textContent()).toBe("Post 1 of 8");
    await page.keyboard.press("ArrowLeft"); // its last post is a carousel: its last slide
    expect(await one.locator("[data-sf-status]").textContent()).toBe("Post 8 of 8, slide 3 of 3");
    expect(await one.locator("[data-sf-view]").getAttribute("href")).toBe(feed.posts[7]!.permalink);
    await page.keyboard.press("Escape");
    // The slider's buttons are the second block's own.
    expect(await one.locator("[data-sf-next]").count()).toBe(0);
    expect(await two.locator("[data-sf-next]").count()).toBe(1);
    const shift = await layoutShift(page);
    expect(shift.total, JSON.stringify(shift.entries)).toBe(0);
  });
});

describe("without JavaScript", () => {
  it("shows every post as a plain link to Instagram with its image, styled by the <noscript> stylesheet", async () => {
    const page = await (await storefrontContext(DESKTOP, { javaScriptEnabled: false })).newPage();
    await page.goto(urls.grid, { waitUntil: "load" });
    const tiles = page.locator(".sf-tile");
    expect(await tiles.count()).toBe(8);
    for (let i = 0; i < 8; i++) {
      expect(await tiles.nth(i).isVisible()).toBe(true);
      expect(await tiles.nth(i).getAttribute("href")).toBe(feed.posts[i]!.permalink);
    }
    // Every image has arrived and fills its tile: the later tiles' from their <noscript> copies (the
    // script that would give them their src never runs).
    for (let i = 0; i < 8; i++) {
      const img = tiles.nth(i).locator("img[src]");
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
      expect(await img.evaluate((el: HTMLImageElement) => new URL(el.currentSrc).pathname)).toContain(
        new URL(feed.posts[i]!.image.url).pathname,
      );
      expect((await img.boundingBox())!.width).toBeGreaterThan(200);
    }
    expect(await page.locator(".sf-img:not([src])").count()).toBe(4);
    for (const hidden of await page.locator(".sf-img:not([src])").all()) expect(await hidden.isVisible()).toBe(false);
    // The stylesheet applies though its onload can't run: hover captions are there.
    expect(
      await page
        .locator(".sf-caption")
        .first()
        .evaluate((el) => getComputedStyle(el).position),
    ).toBe("absolute");
    expect(await page.locator("dialog.sf-lb").evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await screenshot(page, "grid-no-js", false);
  });
});

describe("theme editor", () => {
  it("asks for a feed when the block has none", async () => {
    const page = await (await storefrontContext(DESKTOP)).newPage();
    await page.goto(urls.editor, { waitUntil: "load" });
    expect(await page.getByText("Choose a feed for this block").isVisible()).toBe(true);
    // Mostly white, no images: text and the dashed frame are enough to tell it from a blank page.
    await screenshot(page, "editor-placeholder", false, { bytes: 5_000, lumaStdDev: 5, colours: 4 });
  });
});

describe("media over http from the page's own origin", () => {
  // The sandbox serves its Storefront preview over http on localhost, and its stand-in for Shopify's
  // Files hosts the images over http on 127.0.0.1 (a real shop's are on https://cdn.shopify.com). The
  // block must still behave as on a storefront: a carousel opens on its slides, one after another.
  it("opens a carousel on its slides, each from the shop's Files, and steps through them", async () => {
    const page = await (await storefrontContext(DESKTOP)).newPage();
    await page.goto(urls.local, { waitUntil: "load" });
    const carousel = local.posts[2]!;
    expect(carousel.type).toBe("CAROUSEL_ALBUM");
    expect(carousel.children).toHaveLength(3);
    expect(carousel.children[1]!.image.url.startsWith(`${store.origin}/`)).toBe(true);

    await page.locator(".sf-tile").nth(2).click();
    await expect.poll(() => activeInfo(page)).toMatchObject({ open: true, inDialog: true });
    expect(await status(page)).toBe("Post 3 of 8, slide 1 of 3");
    expect(await page.locator("[data-sf-dots] i").count()).toBe(3);
    await largeImageShown(page);
    expect(await lightboxImage(page)).toBe(`${carousel.children[0]!.image.url}&width=1080`);

    await page.keyboard.press("ArrowRight");
    expect(await status(page)).toBe("Post 3 of 8, slide 2 of 3");
    expect(await lightboxImage(page)).toBe(`${carousel.children[1]!.image.url}&width=1080`);
    // The slide's image really arrives (from the stand-in Files host), it isn't just named.
    await expect
      .poll(() =>
        page.locator("[data-sf-media] > img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
      )
      .toBe(1080);
    expect(await page.locator("[data-sf-dots] i.on").count()).toBe(1);

    await page.keyboard.press("ArrowRight");
    expect(await status(page)).toBe("Post 3 of 8, slide 3 of 3");
    expect(await page.locator("[data-sf-play]").isVisible()).toBe(true); // the carousel's video slide
    await page.keyboard.press("ArrowRight");
    expect(await status(page)).toBe("Post 4 of 8");
    await page.keyboard.press("Escape");
    await expect.poll(() => activeInfo(page)).toMatchObject({ open: false, tile: 2 });
  });
});

it("never requests anything but the storefront's own origin and Shopify's CDN", () => {
  expect(contexts.length).toBeGreaterThan(0);
  expect(offsite).toEqual([]);
});
