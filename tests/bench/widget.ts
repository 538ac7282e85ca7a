// npm run bench:widget — what the Instagram feed block costs a storefront.
// Prints: the gzipped size of the block's JavaScript and CSS, the block's HTML for 12 posts (rendered
// with app/sandbox/storefront-render.ts), the requests a page with the block makes to anything but its own
// origin and Shopify's CDN (measured in Chromium: load, scroll, open the lightbox, play a video), and
// the size of the published feed metafield for makeFeed(50). Figures only: the 4 KB budgets are
// asserted in tests/extension/budgets.test.ts.
import { FEED_MAX_BYTES } from "../../app/feed/feed-document";
import { launchBrowser, newLocalContext } from "../e2e/support/browser";
import { assetSizes, gzipBytes } from "../extension/support/budget";
import { CDN_HOST, routeShopifyCdn, startStorefront } from "../extension/support/storefront";
import { makeFeed } from "../fixtures/make-feed";
import { renderFeedBlock, storefrontPage } from "../../app/sandbox/storefront-render";

const kb = (bytes: number) => `${bytes.toLocaleString("en-US")} B (${(bytes / 1024).toFixed(1)} KiB)`;

const { javascript, stylesheet } = assetSizes();
console.log(`JavaScript ${javascript.name}: ${kb(javascript.gzip)} gzipped, ${kb(javascript.bytes)} as shipped`);
console.log(`CSS ${stylesheet.name}: ${kb(stylesheet.gzip)} gzipped, ${kb(stylesheet.bytes)} as shipped`);

const feed = makeFeed(12);
for (const [label, settings] of [
  ["12 posts, defaults (grid, lightbox)", { post_count: 12 }],
  ["12 posts, posts open on Instagram", { post_count: 12, click_action: "instagram" as const }],
] as const) {
  const html = await renderFeedBlock({ feed, settings });
  console.log(`HTML, ${label}: ${kb(Buffer.byteLength(html))}, ${kb(gzipBytes(html))} gzipped`);
}

const published = JSON.stringify(makeFeed(50));
console.log(
  `published metafield for makeFeed(50): ${kb(Buffer.byteLength(published))} of JSON (publishing limit ${kb(FEED_MAX_BYTES)}, Shopify's 128 KB)`,
);

const [browser, store] = await Promise.all([launchBrowser(), startStorefront()]);
try {
  const url = store.page(
    "/",
    storefrontPage({
      blocks: await renderFeedBlock({ feed, settings: { post_count: 12 }, assetBaseUrl: store.assetBaseUrl }),
      assetBaseUrl: store.assetBaseUrl,
    }),
  );
  const context = await newLocalContext(browser);
  await routeShopifyCdn(context, [feed], 0);
  const requests: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += 300) {
      window.scrollTo(0, y);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  await page.waitForLoadState("networkidle");
  const onLoad = requests.length;
  await page.locator(".sf-tile").nth(1).click(); // a reel with a hosted video
  await page.locator("[data-sf-play]").click();
  await page.keyboard.press("Escape");
  await page.locator(".sf-tile").nth(2).click(); // a carousel
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.waitForLoadState("networkidle");
  const elsewhere = requests.filter((request) => {
    const { origin, hostname, protocol } = new URL(request);
    return origin !== store.origin && hostname !== CDN_HOST && protocol !== "data:";
  });
  const cdn = requests.filter((request) => new URL(request).hostname === CDN_HOST).length;
  console.log(
    `requests: ${onLoad} to load and scroll the page, ${requests.length} after using the lightbox; ${cdn} to ${CDN_HOST}`,
  );
  console.log(
    `requests to anything but ${CDN_HOST} and the page's own origin: ${elsewhere.length}${elsewhere.length ? ` (${elsewhere.join(", ")})` : ""}`,
  );
} finally {
  await browser.close();
  await store.close();
}
