// The "Instagram posts for this product" app block (blocks/product-posts.liquid), rendered with liquidjs as
// on a product page and shown in real Chromium: only the page's product's posts, nothing at all without
// any, square tiles laid out before their images arrive (no layout shift), images sized to the tiles, no
// JavaScript and no request to anything but the storefront and Shopify's CDN.
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { launchBrowser } from "../e2e/support/browser";
import {
  PRODUCT_POSTS_BLOCK,
  blockAssets,
  blockSchema,
  defaultSettings,
  renderProductPostsBlock,
  storefrontPage,
} from "../../app/sandbox/storefront-render";
import { CDN_HOST, routeShopifyCdn, startStorefront, type Storefront } from "./support/storefront";
import { live, makeGallery, makeShopProducts } from "./support/products";
import { makeFeed } from "../fixtures/make-feed";

vi.setConfig({ testTimeout: 60_000 });

const { mug, shirt, vase } = makeShopProducts();
const feed = makeFeed(10);
const gallery = makeGallery(feed, [
  [mug, [0, 2, 4, 5, 6, 7]],
  [shirt, [1]],
]);
const [liveMug, liveShirt, liveVase] = live(mug, shirt, vase);

const hrefs = (html: string) => [...html.matchAll(/<a class="sf-tile" href="([^"]+)"/g)].map((m) => m[1]);

describe("rendered with Liquid", () => {
  it("is for product templates only, named in under 25 characters, with no JavaScript", () => {
    const schema = blockSchema(PRODUCT_POSTS_BLOCK) as ReturnType<typeof blockSchema> & {
      enabled_on?: { templates: string[] };
    };
    expect(schema.enabled_on).toEqual({ templates: ["product"] });
    expect(blockAssets(PRODUCT_POSTS_BLOCK)).toEqual({ stylesheet: undefined, javascript: undefined });
    expect(defaultSettings(PRODUCT_POSTS_BLOCK)).toMatchObject({ max_posts: 4, columns_desktop: 4, columns_mobile: 2 });
  });

  it("shows the page's product's posts only, newest first, up to the block's maximum", async () => {
    const html = await renderProductPostsBlock({ product: liveMug!, gallery });
    expect(hrefs(html)).toEqual([0, 2, 4, 5].map((i) => feed.posts[i]!.permalink));
    const six = await renderProductPostsBlock({ product: liveMug!, gallery, settings: { max_posts: 12 } });
    expect(hrefs(six)).toEqual([0, 2, 4, 5, 6, 7].map((i) => feed.posts[i]!.permalink));
    const shirtHtml = await renderProductPostsBlock({ product: liveShirt!, gallery });
    expect(hrefs(shirtHtml)).toEqual([feed.posts[1]!.permalink]);
    // The list is named after the product, escaped; a reel says so.
    expect(shirtHtml).toContain('aria-label="Instagram posts with Linen shirt &#34;Dune&#34; &lt;b&gt;"');
    expect(shirtHtml).toContain('<span class="sf-vh">Reel</span>');
    expect(shirtHtml).not.toContain("<b>");
  });

  it("renders nothing at all for visitors when the product has no posts, or there is no gallery", async () => {
    for (const options of [
      { product: liveVase!, gallery },
      { product: liveMug!, gallery: null },
      { product: liveMug!, gallery: { ...gallery, products: {} } },
      { product: null, gallery },
      { product: liveMug!, gallery: "not a document" },
    ])
      expect((await renderProductPostsBlock(options)).trim()).toBe("");
  });

  it("says why it is empty in the theme editor", async () => {
    const html = await renderProductPostsBlock({ product: liveVase!, gallery, designMode: true });
    expect(html).toContain("No Instagram posts are tagged with this product yet.");
    expect(html).toContain("data-shopify-editor-block");
    expect(await renderProductPostsBlock({ product: null, gallery, designMode: true })).toContain(
      "show here on product pages",
    );
  });

  it("skips posts without an https link or an image, and links the rest to Instagram in a new window", async () => {
    const broken = structuredClone(gallery);
    broken.posts[feed.posts[0]!.id]!.permalink = "javascript:alert(1)";
    delete broken.posts[feed.posts[2]!.id];
    const html = await renderProductPostsBlock({ product: liveMug!, gallery: broken });
    expect(html).not.toContain("javascript:");
    expect(hrefs(html)).toEqual([4, 5, 6, 7].map((i) => feed.posts[i]!.permalink));
    expect(html).toContain('target="_blank" rel="noopener" aria-describedby="sf-nw-AbCdEf123"');
  });

  it("lazy-loads square-cut images sized to the tiles, with their width and height", async () => {
    const html = await renderProductPostsBlock({ product: liveMug!, gallery, settings: { columns_desktop: 3 } });
    const images = [...html.matchAll(/<img class="sf-img"[^>]*>/g)].map((m) => m[0]);
    expect(images).toHaveLength(4);
    for (const img of images) {
      expect(img).toContain('loading="lazy"');
      expect(img).toMatch(/ width="1080" height="\d+"/);
      expect(img).toContain(
        'sizes="auto, (min-width: 1200px) 361px, (min-width: 750px) calc((100vw - 116px) / 3), calc((100vw - 38px) / 2)"',
      );
    }
    // Post 4 is 1080×1080: asked for as it is; post 5 is 1080×1350: asked for cut to a square.
    expect(images[2]).toContain('image-4.jpg?v=1764000000&amp;width=540"');
    expect(images[3]).toContain("image-5.jpg?v=1764000000&amp;width=540&amp;height=540&amp;crop=center");
  });
});

describe("in Chromium", () => {
  let store: Storefront;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const offsite: string[] = [];

  beforeAll(async () => {
    [browser, store] = await Promise.all([launchBrowser(), startStorefront()]);
  });
  afterAll(async () => {
    await browser?.close();
    await store?.close();
  });

  async function context(viewport: { width: number; height: number }): Promise<BrowserContext> {
    const created = await browser.newContext({ viewport });
    await created.route(/^https?:\/\//, (route) =>
      new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort(),
    );
    await routeShopifyCdn(created, [feed]);
    created.on("request", (request) => {
      const url = new URL(request.url());
      if (url.origin !== store.origin && url.hostname !== CDN_HOST) offsite.push(request.url());
    });
    await created.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number }[]) shifts.push(entry.value);
      }).observe({ type: "layout-shift", buffered: true });
    });
    return created;
  }

  it("shows the product's posts as square tiles without any layout shift, loading no script", async () => {
    const block = await renderProductPostsBlock({
      product: liveMug!,
      gallery,
      settings: { max_posts: 6 },
      assetBaseUrl: store.assetBaseUrl,
    });
    const url = store.page(
      "/products/speckled-mug",
      storefrontPage({
        blocks: { name: PRODUCT_POSTS_BLOCK, html: block },
        assetBaseUrl: store.assetBaseUrl,
        product: liveMug,
      }),
    );
    for (const [viewport, columns] of [
      [{ width: 1280, height: 900 }, 4],
      [{ width: 390, height: 844 }, 2],
    ] as const) {
      const page = await (await context(viewport)).newPage();
      const scripts: string[] = [];
      page.on("request", (request) => request.resourceType() === "script" && scripts.push(request.url()));
      await page.goto(url, { waitUntil: "load" });
      await page.locator(".sf--product").scrollIntoViewIfNeeded();
      await expect
        .poll(() =>
          page
            .locator(".sf--product .sf-img")
            .evaluateAll(
              (images) => (images as HTMLImageElement[]).filter((img) => img.complete && img.naturalWidth).length,
            ),
        )
        .toBe(6);
      const boxes = await page
        .locator(".sf--product .sf-tile")
        .evaluateAll((tiles) => tiles.map((tile) => tile.getBoundingClientRect().toJSON() as DOMRect));
      expect(boxes).toHaveLength(6);
      expect(boxes.filter((box) => Math.round(box.y) === Math.round(boxes[0]!.y))).toHaveLength(columns);
      for (const box of boxes) expect(box.height).toBeCloseTo(box.width, 0);
      // The browser picked a candidate near the tile's width, not the 1080px original.
      const chosen = await page
        .locator(".sf--product .sf-img")
        .first()
        .evaluate((img: HTMLImageElement) => Number(new URL(img.currentSrc).searchParams.get("width")));
      expect(chosen).toBeGreaterThanOrEqual(boxes[0]!.width);
      expect(chosen).toBeLessThanOrEqual(540);
      const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
      expect(shifts.reduce((sum, value) => sum + value, 0)).toBe(0);
      expect(scripts).toEqual([]);
      await page.context().close();
    }
    expect(offsite).toEqual([]);
  });
});
