// The Instagram feed block on a Dawn-like page in real Chromium: columns at desktop and mobile widths,
// zero layout shift while images load, the lightbox by keyboard, the slider, the feed without
// JavaScript, and screenshots (tests/.artifacts/extension/) that are checked not to be blank.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { launchBrowser, newLocalContext } from "../e2e/support/browser";
import { makeFeed } from "../fixtures/make-feed";
import { ROOT } from "../setup/paths";
import type { AddressInfo } from "node:net";
import express from "express";
import { storefrontPreviewRoutes } from "../../app/cli/sandbox-storefront";
import type { FeedDocument } from "../../app/feed/feed-document";
import { placeholderMp4 } from "../../app/sandbox/stand-ins/instagram/png";
import { renderFeedPage, type RenderFeedBlockOptions } from "../../app/sandbox/storefront-render";
import {
  CDN_HOST,
  feedImages,
  gradientPng,
  pngStatistics,
  routeShopifyCdn,
  startStorefront,
  type Storefront,
} from "./support/storefront";

vi.setConfig({ testTimeout: 60_000 }); // real browser on a shared machine

const SCREENSHOTS = path.join(ROOT, "tests/.artifacts/extension");
const DESKTOP = { width: 1280, height: 900 };
const MOBILE = { width: 390, height: 844 };
const feed = makeFeed(12);

let browser: Browser;
let store: Storefront;
const contexts: BrowserContext[] = [];
/** Every request the pages made to anything but the storefront's origin and Shopify's CDN. */
const offsite: string[] = [];
const urls: Record<"grid" | "original" | "slider" | "editor", string> = {
  grid: "",
  original: "",
  slider: "",
  editor: "",
};

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [browser, store] = await Promise.all([launchBrowser(), startStorefront()]);
  const page = async (path: string, options: RenderFeedBlockOptions) =>
    store.page(path, await renderFeedPage({ ...options, assetBaseUrl: store.assetBaseUrl }));
  urls.grid = await page("/grid", { feed });
  urls.original = await page("/original", {
    feed,
    settings: { aspect_ratio: "original", columns_desktop: 3, gap: 16, corner_radius: 12, show_heading: false },
  });
  urls.slider = await page("/slider", { feed, settings: { layout: "slider", post_count: 12, corner_radius: 8 } });
  urls.editor = await page("/editor", { feed: null, designMode: true });
});

afterAll(async () => {
  await browser?.close();
  await store?.close();
});

/** A context that reaches only the local storefront and the (stand-in) Shopify CDN, watching for layout shifts. */
async function storefrontContext(
  viewport: { width: number; height: number },
  javaScriptEnabled = true,
): Promise<BrowserContext> {
  let context: BrowserContext;
  if (javaScriptEnabled) context = await newLocalContext(browser, viewport);
  else {
    context = await browser.newContext({ viewport, javaScriptEnabled: false });
    await context.route(/^https?:\/\//, (route) =>
      new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort(),
    );
  }
  await routeShopifyCdn(context, [feed]);
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== store.origin && url.hostname !== CDN_HOST && url.protocol !== "data:")
      offsite.push(request.url());
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
  // Lazy images never load while out of sight, rightly: those in the closed lightbox (its avatar) and
  // the slider's posts beyond its right edge.
  await page.waitForFunction(
    () =>
      Array.from(document.images).every((img) => {
        const box = img.getBoundingClientRect();
        const outOfSight = img.closest("dialog") || box.left >= window.innerWidth || box.right <= 0;
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

describe("without JavaScript", () => {
  it("shows every post as a plain link to Instagram", async () => {
    const page = await (await storefrontContext(DESKTOP, false)).newPage();
    await page.goto(urls.grid, { waitUntil: "load" });
    const tiles = page.locator(".sf-tile");
    expect(await tiles.count()).toBe(8);
    for (let i = 0; i < 8; i++) {
      expect(await tiles.nth(i).isVisible()).toBe(true);
      expect(await tiles.nth(i).getAttribute("href")).toBe(feed.posts[i]!.permalink);
    }
    // The first row's images have arrived and fill their tiles.
    for (let i = 0; i < 4; i++) {
      const img = tiles.nth(i).locator("img");
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
      expect((await img.boundingBox())!.width).toBeGreaterThan(200);
    }
    expect(await page.locator("dialog.sf-lb").evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await screenshot(page, "grid-no-js", false);
  });
});

describe("theme editor", () => {
  it("shows the placeholder when there is no feed", async () => {
    const page = await (await storefrontContext(DESKTOP)).newPage();
    await page.goto(urls.editor, { waitUntil: "load" });
    expect(await page.getByText("Your Instagram feed appears here").isVisible()).toBe(true);
    // Mostly white, no images: text and the dashed frame are enough to tell it from a blank page.
    await screenshot(page, "editor-placeholder", false, { bytes: 5_000, lumaStdDev: 5, colours: 4 });
  });
});

describe("the sandbox's Storefront preview", () => {
  // The sandbox serves its preview over http on localhost, and its stand-in for Shopify's Files hosts
  // the images over http on 127.0.0.1 (a real shop's are on https://cdn.shopify.com). The preview must
  // still behave as the block does on a storefront: a carousel opens on its slides, one after another.
  let server: ReturnType<express.Express["listen"]>;
  let origin = "";
  let published: FeedDocument;

  beforeAll(async () => {
    const app = express();
    storefrontPreviewRoutes(async () => JSON.stringify(published))(app);
    app.use((req, res) => {
      // The Files stand-in: each image as a PNG of the asked ?width=, videos as a placeholder MP4.
      if (req.path.endsWith(".mp4")) return void res.type("video/mp4").send(placeholderMp4());
      const image = feedImages(published).get(req.path);
      if (!image) return void res.status(404).send("not found");
      const width = Math.min(Number(req.query.width) || image.width, image.width);
      res.type("image/png").send(gradientPng(req.path, width, Math.round((image.height * width) / image.width)));
    });
    await new Promise<void>((resolve) => (server = app.listen(0, "127.0.0.1", resolve)));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    published = JSON.parse(JSON.stringify(feed).replaceAll(`https://${CDN_HOST}/`, `${origin}/`)) as FeedDocument;
  });

  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("opens a carousel on its slides, each from the shop's Files, and steps through them", async () => {
    const context = await newLocalContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${origin}/sandbox/storefront`, { waitUntil: "load" });
    const carousel = published.posts[2]!;
    expect(carousel.type).toBe("CAROUSEL_ALBUM");
    expect(carousel.children).toHaveLength(3);

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
