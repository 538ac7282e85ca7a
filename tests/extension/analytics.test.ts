// The storefront's side of analytics, in real Chromium: the Instagram feed block publishes its customer
// events (ids only) on the stand-in of Shopify's customer-events bus, and the app's web pixel
// (extensions/social-feed-pixel, bundled from its source and run in a Web Worker as in Shopify's strict
// sandbox) sends them to an ingest endpoint on another origin, here a local HTTP server that records
// every beacon: one batch per page view, after the page's load event, text/plain JSON with nothing about
// the visitor, and an assisted order for a checkout within 72 hours of a feed click, none beyond.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ATTRIBUTION_WINDOW_MS, TOUCH_STORAGE_KEY } from "../../app/analytics/attribution";
import { renderFeedBlock, storefrontPage } from "../../app/sandbox/storefront-render";
import { launchBrowser } from "../e2e/support/browser";
import { live, makeShopProducts, numericId, taggedFeed } from "./support/products";
import { routeShopifyCdn, startStorefront, type Storefront } from "./support/storefront";

vi.setConfig({ testTimeout: 60_000 });

const SHOP = "acme.myshopify.com";
const KEY = "k3y-0f-the-shop-0123456789abcdef";
const FEED_ID = "cm4feed0001";
const { mug, shirt, vase, draft } = makeShopProducts();
const shopProducts = live(mug, shirt, vase);
/** Post 0: the mug and the shirt; post 1: none; post 2: the sold-out vase. */
const feed = taggedFeed(6, [[mug, shirt], [], [vase], [shirt], [draft]]);
const [mugProduct, shirtProduct] = shopProducts;

interface Beacon {
  at: number;
  contentType: string;
  body: { v: number; shop: string; key: string; events: Record<string, unknown>[] };
}

let ingest: Server;
let ingestUrl = "";
const beacons: Beacon[] = [];
let store: Storefront;
let browser: Browser;
let feedUrl = "";

beforeAll(async () => {
  ingest = createServer(async (request, response) => {
    let raw = "";
    for await (const chunk of request) raw += chunk;
    if (request.method === "POST" && request.url === "/ingest")
      beacons.push({ at: Date.now(), contentType: String(request.headers["content-type"]), body: JSON.parse(raw) });
    response.writeHead(204, { "access-control-allow-origin": "*" });
    response.end();
  });
  await new Promise<void>((resolve) => ingest.listen(0, "127.0.0.1", resolve));
  ingestUrl = `http://127.0.0.1:${(ingest.address() as AddressInfo).port}/ingest`;
  store = await startStorefront({ products: shopProducts, pixel: { ingestUrl, shop: SHOP, key: KEY } });
  const block = await renderFeedBlock({
    feed: { id: FEED_ID, name: "Main", document: feed },
    products: shopProducts,
    assetBaseUrl: store.assetBaseUrl,
  });
  // The block below the fold: it is seen only once the visitor scrolls to it.
  const page = (blocks: string | string[], before = "") =>
    storefrontPage({ blocks, assetBaseUrl: store.assetBaseUrl, head: store.pixelHead(), before });
  feedUrl = store.page("/", page(block, '<div style="height: 2400px">Hero</div>'));
  for (const product of [mugProduct!, shirtProduct!]) store.page(new URL(product.url, store.origin).pathname, page([]));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await store?.close();
  await new Promise((resolve) => ingest?.close(resolve));
});

beforeEach(() => {
  beacons.length = 0;
});

/** A visitor's browser: storefront and ingest on 127.0.0.1, Shopify's CDN stood in, nothing else. */
async function visitor(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(/^https?:\/\//, (route) =>
    new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort(),
  );
  await routeShopifyCdn(context, [feed], 0, shopProducts);
  // What the bus delivers to the pixel's worker: custom events' names and data.
  await context.addInitScript(() => {
    const delivered: { name: string; customData: unknown }[] = [];
    (window as unknown as { delivered: typeof delivered }).delivered = delivered;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const sent = message as { type?: string; event?: { type: string; name: string; customData: unknown } };
      if (sent.type === "event" && sent.event?.type === "custom")
        delivered.push({ name: sent.event.name, customData: sent.event.customData });
      return post.call(this, message, ...(rest as [StructuredSerializeOptions]));
    } as typeof Worker.prototype.postMessage;
  });
  return { context, page: await context.newPage() };
}

const delivered = (page: Page) =>
  page.evaluate(() => (window as unknown as { delivered: { name: string; customData: unknown }[] }).delivered);
/** The moment the page's load event started, on this machine's clock. */
const loadedAt = (page: Page) =>
  page.evaluate(() => {
    const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    return performance.timeOrigin + navigation!.loadEventStart;
  });
const settle = (page: Page) => page.waitForTimeout(400);

describe("the feed block's events and the pixel's batches", () => {
  it("publishes ids only, a feed view once per page view, and sends each page view's batch once, after load", async () => {
    const { context, page } = await visitor();
    await page.goto(feedUrl, { waitUntil: "load" });
    await settle(page);
    expect(await delivered(page)).toEqual([]); // the block is below the fold

    await page.locator("[data-sf]").scrollIntoViewIfNeeded();
    await expect
      .poll(() => delivered(page))
      .toEqual([{ name: "social_feed:feed_view", customData: { feed: FEED_ID } }]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    await page.locator("[data-sf]").scrollIntoViewIfNeeded();
    await settle(page);
    expect((await delivered(page)).length).toBe(1); // seen again, counted once

    const post = feed.posts[0]!.id;
    await page.locator(".sf-tile").first().click();
    const mugCard = page.locator(`dialog [data-sf-product="${numericId(mug)}"]`);
    await mugCard.getByRole("button", { name: /Add to cart/ }).click();
    await expect.poll(() => page.locator("dialog [data-sf-cart]").textContent()).toContain("Added to cart");
    await expect.poll(async () => (await delivered(page)).length).toBe(3);
    expect(beacons).toEqual([]); // this page's batch waits for the page to be over

    const shirtCard = page.locator(`dialog [data-sf-product="${numericId(shirt)}"]`);
    await shirtCard.getByRole("link", { name: /View product/ }).click();
    await page.waitForURL(new URL(shirtProduct!.url, store.origin).href);
    await page.waitForLoadState("load");
    const productLoaded = await loadedAt(page);

    expect(await delivered(page)).toEqual([]); // a new page view, with no feed on it
    await expect.poll(() => beacons.length).toBe(1);
    const [batch] = beacons;
    expect(batch!.at).toBeGreaterThanOrEqual(productLoaded);
    expect(batch!.contentType).toMatch(/^text\/plain/);
    expect(Object.keys(batch!.body).sort()).toEqual(["events", "key", "shop", "v"]);
    expect(batch!.body).toMatchObject({ v: 1, shop: SHOP, key: KEY });
    const mugId = numericId(mug);
    const shirtId = numericId(shirt);
    // Shopify's own product_added_to_cart for the mug is the same add as the lightbox's: counted once.
    expect(batch!.body.events.map(({ t, ...event }) => (expect(t).toEqual(expect.any(Number)), event))).toEqual([
      { n: "feed_view", f: FEED_ID },
      { n: "post_open", f: FEED_ID, p: post },
      { n: "add_to_cart", f: FEED_ID, p: post, pr: mugId },
      { n: "product_click", f: FEED_ID, p: post, pr: shirtId },
    ]);

    // Reloading is another page view: the feed is seen again, sent by the page view after it.
    await page.goto(feedUrl, { waitUntil: "load" });
    await page.locator("[data-sf]").scrollIntoViewIfNeeded();
    await expect
      .poll(() => delivered(page))
      .toEqual([{ name: "social_feed:feed_view", customData: { feed: FEED_ID } }]);
    await settle(page);
    expect(beacons.length).toBe(1); // the product page had no events: no request for it
    await page.goto(new URL(shirtProduct!.url, store.origin).href, { waitUntil: "load" });
    await expect.poll(() => beacons.length).toBe(2);
    expect(beacons[1]!.body.events.map((event) => event.n)).toEqual(["feed_view"]);
    await settle(page);
    expect(beacons.length).toBe(2);
    await context.close();
  });

  it("publishes exactly the contract's ids: feed, post, product and variant, nothing about the visitor", async () => {
    const { context, page } = await visitor();
    await page.goto(feedUrl, { waitUntil: "load" });
    await page.locator(".sf-tile").nth(3).click(); // post 3: the shirt
    const card = page.locator(`dialog [data-sf-product="${numericId(shirt)}"]`);
    await card.locator("select").selectOption({ label: "L – $95.00" });
    await card.getByRole("button", { name: /Add to cart/ }).click();
    await expect
      .poll(async () => (await delivered(page)).map((event) => event.name))
      .toContain("social_feed:add_to_cart");
    const events = await delivered(page);
    expect(events.find((event) => event.name === "social_feed:post_open")!.customData).toEqual({
      feed: FEED_ID,
      post: feed.posts[3]!.id,
    });
    expect(events.find((event) => event.name === "social_feed:add_to_cart")!.customData).toEqual({
      feed: FEED_ID,
      post: feed.posts[3]!.id,
      product: numericId(shirt),
      variant: shirt.variants[2]!.id.split("/").pop(),
    });
    await context.close();
  });
});

describe("adds to cart", () => {
  const addThroughAjax = (page: Page, variant: number) =>
    page.evaluate(
      (id) => fetch("/cart/add.js", { method: "POST", body: new URLSearchParams({ id }) }),
      String(variant),
    );

  it("counts Shopify's own add of the product last clicked in the feed, a lightbox add once, and no other add", async () => {
    const { context, page } = await visitor();
    const post = feed.posts[0]!.id;
    /** The feed page, its block scrolled to and seen. */
    const seen = async () => {
      await page.goto(feedUrl, { waitUntil: "load" });
      await page.locator("[data-sf]").scrollIntoViewIfNeeded();
      await expect.poll(async () => (await delivered(page)).length).toBe(1);
    };
    await seen();
    await page.locator(".sf-tile").first().click();
    await page
      .locator(`dialog [data-sf-product="${numericId(mug)}"]`)
      .getByRole("link", { name: /View product/ })
      .click();
    await page.waitForURL(new URL(mugProduct!.url, store.origin).href);
    await settle(page);
    // Back in the feed, the clicked mug added from the lightbox: Shopify's add event and the block's are one add.
    await seen();
    await page.locator(".sf-tile").first().click();
    await page
      .locator(`dialog [data-sf-product="${numericId(mug)}"]`)
      .getByRole("button", { name: /Add to cart/ })
      .click();
    await expect
      .poll(async () => (await delivered(page)).map((event) => event.name))
      .toContain("social_feed:add_to_cart");
    await settle(page);
    await page.goto(new URL(shirtProduct!.url, store.origin).href, { waitUntil: "load" });
    // On the shirt's page, an add of the shirt: not the product clicked in the feed, not the feed's.
    await addThroughAjax(page, shirtProduct!.variants[1]!.id);
    await settle(page);
    await page.goto(new URL(mugProduct!.url, store.origin).href, { waitUntil: "load" });
    // ...and the mug's page: the product last clicked in the feed (its lightbox add), added again here.
    await addThroughAjax(page, mugProduct!.variants[0]!.id);
    await settle(page);
    await page.goto(`${store.origin}/cart`, { waitUntil: "load" });
    await settle(page);
    const sent = beacons.map((beacon) => beacon.body.events.map(({ t: _t, ...event }) => event));
    expect(sent).toEqual([
      [
        { n: "feed_view", f: FEED_ID },
        { n: "post_open", f: FEED_ID, p: post },
        { n: "product_click", f: FEED_ID, p: post, pr: numericId(mug) },
      ],
      [
        { n: "feed_view", f: FEED_ID },
        { n: "post_open", f: FEED_ID, p: post },
        { n: "add_to_cart", f: FEED_ID, p: post, pr: numericId(mug) },
      ],
      [{ n: "add_to_cart", f: FEED_ID, p: post, pr: numericId(mug) }],
    ]);
    await context.close();
  });
});

describe("assisted orders", () => {
  const touch = (page: Page, ageMs: number) =>
    page.evaluate(
      ([key, value]) => localStorage.setItem(key!, value!),
      [
        TOUCH_STORAGE_KEY,
        JSON.stringify({ t: Date.now() - ageMs, f: FEED_ID, p: feed.posts[0]!.id, pr: numericId(mug) }),
      ],
    );
  /** Adds the mug through the Ajax Cart API, then completes the stand-in checkout from the cart page. */
  async function order(page: Page) {
    await page.evaluate(
      (id) => fetch("/cart/add.js", { method: "POST", body: new URLSearchParams({ id }) }),
      String(mugProduct!.variants[0]!.id),
    );
    await settle(page);
    await page.goto(`${store.origin}/cart`, { waitUntil: "load" });
    await page.getByRole("button", { name: "Complete order" }).click();
    await page.waitForURL(/\/checkouts\/\d+\/thank-you$/);
    await page.waitForLoadState("load");
  }

  it("counts an order placed within 72 hours of a feed click, with its total and currency, once", async () => {
    const { context, page } = await visitor();
    await page.goto(`${store.origin}/cart`, { waitUntil: "load" });
    await touch(page, ATTRIBUTION_WINDOW_MS - 60 * 60 * 1000); // the mug, clicked in the feed 71 hours ago
    await order(page);
    expect(await page.getByRole("heading").textContent()).toBe("Thank you!");
    await expect.poll(() => beacons.length).toBe(2);
    // The add of the product clicked in the feed counts (sent by the next page view), then the order.
    expect(beacons[0]!.body.events).toEqual([
      { n: "add_to_cart", t: expect.any(Number), f: FEED_ID, p: feed.posts[0]!.id, pr: numericId(mug) },
    ]);
    expect(beacons[1]!.body.events).toEqual([
      {
        n: "assisted_order",
        t: expect.any(Number),
        f: FEED_ID,
        p: feed.posts[0]!.id,
        pr: numericId(mug),
        amount: 24,
        currency: "USD",
      },
    ]);
    // The click is spent: the next order is nobody's.
    expect(await page.evaluate((key) => localStorage.getItem(key), TOUCH_STORAGE_KEY)).toBeNull();
    await order(page);
    await settle(page);
    expect(beacons.length).toBe(2);
    await context.close();
  });

  it("does not count an order placed more than 72 hours after the feed click", async () => {
    const { context, page } = await visitor();
    await page.goto(`${store.origin}/cart`, { waitUntil: "load" });
    await touch(page, ATTRIBUTION_WINDOW_MS + 60 * 60 * 1000); // 73 hours ago: neither the add nor the order
    await order(page);
    expect(await page.getByRole("heading").textContent()).toBe("Thank you!");
    await settle(page);
    await settle(page);
    expect(beacons).toEqual([]);
    await context.close();
  });
});
