// npm run bench:widget — what the Instagram feed block costs a storefront.
// Prints: the gzipped size of the block's JavaScript (and of the shop code it loads once a post with
// products is opened), its stylesheet and its inline layout CSS, the block's HTML for 12 posts in each
// layout and with products (rendered with app/sandbox/storefront-render.ts), the size of the published
// feed metafield for makeFeed(50), the requests a page with the block makes to anything but its own
// origin and Shopify's CDN (measured in Chromium: load, scroll, open the lightbox, play a video, open a
// post with products and add one to the stand-in cart; the app's web pixel runs on that page against the
// stand-in of Shopify's customer-events bus, and its requests to the app's /ingest, a server of its own
// here, are counted before and after the page's load event), first paint in Chromium with and without the
// block (and with its stylesheet in <head>, as the schema's "stylesheet" had Shopify put it), and for
// each layout and a shoppable grid Lighthouse's performance score, LCP and page weight with the block and
// without it (median of 3 runs). Figures only: the 4 KB budgets are asserted in
// tests/extension/budgets.test.ts, and no timing is asserted anywhere.
//
// Everything stays on this machine: pages, assets and images come from a server on 127.0.0.1, the images
// as real-size photos (1080px, scaled to each ?width= and served as WebP to browsers that take it, as
// Shopify's CDN does), and Chromium resolves no other host name.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import lighthouse from "lighthouse";
import { launch } from "chrome-launcher";
import jpeg from "jpeg-js";
import sharp from "sharp";
import { FEED_MAX_BYTES } from "../../app/feed/feed-document";
import { colourFor } from "../../app/sandbox/stand-ins/instagram/png";
import { renderFeedBlock, storefrontPage, type FeedBlockSettings } from "../../app/sandbox/storefront-render";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, launchBrowser, newLocalContext } from "../e2e/support/browser";
import { assetSizes, gzipBytes, STYLESHEET } from "../extension/support/budget";
import { CDN_HOST, routeShopifyCdn, startStorefront, type ImageEncoder } from "../extension/support/storefront";
import { live, makeShopProducts, taggedFeed } from "../extension/support/products";
import { makeFeed } from "../fixtures/make-feed";

/** The tests' Chromium, and no host name resolves but 127.0.0.1. */
const LIGHTHOUSE_FLAGS = [...CHROMIUM_FLAGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"];
const LAYOUTS = ["grid", "slider", "masonry", "highlight"] as const satisfies FeedBlockSettings["layout"][];
const RUNS = 3;
/** The storefront's home page content above the block, the same with and without it. */
const INTRO = `<section class="intro page-width"><h1>New season, new pieces</h1>
<p>Handmade ceramics and linen from our studio, fired and sewn in small batches. Free shipping on orders over $50.</p></section>`;

const kb = (bytes: number) => `${bytes.toLocaleString("en-US")} B (${(bytes / 1024).toFixed(1)} KiB)`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${Math.round(value)} ms`;
const signed = (value: number, unit = "") => `${value > 0 ? "+" : ""}${value}${unit}`;

/**
 * A photo-like image (gradient, texture and grain): as a JPEG of quality 82, about 190 KB at 1080×1080 and
 * 29 KB at 360px, like a real post's image, where the tests' gradient PNGs would be unrealistically small
 * or large. Like Shopify's CDN, it is served as WebP (quality 80) to a browser that accepts WebP.
 */
const photoCache = new Map<string, Promise<{ contentType: string; body: Buffer }>>();
const photo: ImageEncoder = (path, frame, accept) => {
  const webp = /\bimage\/webp\b/.test(accept);
  const key = `${path}@${frame.width}x${frame.height}${webp ? ".webp" : ".jpg"}`;
  let image = photoCache.get(key);
  if (!image) {
    const { data, width, height } = photoPixels(path, frame);
    image = webp
      ? sharp(data, { raw: { width, height, channels: 4 } })
          .webp({ quality: 80 })
          .toBuffer()
          .then((body) => ({ contentType: "image/webp", body }))
      : Promise.resolve({ contentType: "image/jpeg", body: jpeg.encode({ width, height, data }, 82).data });
    photoCache.set(key, image);
  }
  return image;
};

function photoPixels(path: string, { width, height, scale, left, top }: Parameters<ImageEncoder>[1]) {
  const [r1, g1, b1] = colourFor(path);
  const [r2, g2, b2] = colourFor(`${path}#2`);
  let state = 0x9e3779b9;
  for (const c of path) state = Math.imul(state ^ c.charCodeAt(0), 0x85ebca6b);
  const random = () => ((state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) ^ 0x6d2b79f5) >>> 0) / 2 ** 32;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // The same picture at every size and crop: drawn in the source image's pixels.
      const [px, py] = [(x + left) / scale, (y + top) / scale];
      const t = (px / 1080 + py / 1350) / 2;
      const texture =
        22 * Math.sin(px / 23 + Math.sin(py / 41) * 3) * Math.cos(py / 17 - px / 61) +
        14 * Math.sin((px * px + py * py) / 9000);
      const grain = (random() - 0.5) * 16;
      const i = (y * width + x) * 4;
      data[i] = Math.max(0, Math.min(255, r1 + (r2 - r1) * t + texture + grain));
      data[i + 1] = Math.max(0, Math.min(255, g1 + (g2 - g1) * t + texture * 0.8 + grain));
      data[i + 2] = Math.max(0, Math.min(255, b1 + (b2 - b1) * t + texture * 0.6 + grain));
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

const { javascript, stylesheet, inlineCss, shopJavascript } = assetSizes();
console.log(`JavaScript ${javascript.name}: ${kb(javascript.gzip)} gzipped, ${kb(javascript.bytes)} as shipped`);
console.log(
  `JavaScript ${shopJavascript.name} (loaded only once a post with products is opened): ${kb(shopJavascript.gzip)} gzipped, ${kb(shopJavascript.bytes)} as shipped; ${kb(javascript.gzip + shopJavascript.gzip)} gzipped with ${javascript.name}`,
);
console.log(`CSS ${stylesheet.name}: ${kb(stylesheet.gzip)} gzipped, ${kb(stylesheet.bytes)} as shipped`);
console.log(`inline layout CSS (${inlineCss.name}): ${kb(inlineCss.gzip)} gzipped, ${kb(inlineCss.bytes)} per block`);

const feed = makeFeed(12);
// Shoppable: 3 live products (one with sizes, one sold out) tagged on 3 of the 12 posts.
const { mug, shirt, vase } = makeShopProducts();
const products = live(mug, shirt, vase);
const shoppable = taggedFeed(12, [[mug, shirt], [], [vase], [shirt]]);
const shoppableHtml = await renderFeedBlock({ feed: shoppable, products });
console.log(
  `HTML, 12 posts, grid, 3 of them with products (3 products): ${kb(Buffer.byteLength(shoppableHtml))}, ${kb(gzipBytes(shoppableHtml))} gzipped`,
);
for (const [label, settings] of [
  ...LAYOUTS.map((layout) => [`12 posts, ${layout} (lightbox)`, { layout }] as const),
  ["12 posts, grid, posts open on Instagram", { click_action: "instagram" as const }],
] as const) {
  const html = await renderFeedBlock({ feed, settings });
  console.log(`HTML, ${label}: ${kb(Buffer.byteLength(html))}, ${kb(gzipBytes(html))} gzipped`);
}

const published = JSON.stringify(makeFeed(50));
console.log(
  `published metafield for makeFeed(50): ${kb(Buffer.byteLength(published))} of JSON (publishing limit ${kb(FEED_MAX_BYTES)}, Shopify's 128 KB)`,
);

// The app's /ingest: when each batch arrived, and how many events it carried.
const batches: { at: number; events: number }[] = [];
const ingest = createServer(async (request, response) => {
  let body = "";
  for await (const chunk of request) body += chunk;
  batches.push({ at: Date.now(), events: (JSON.parse(body) as { events: unknown[] }).events.length });
  response.writeHead(204).end();
});
await new Promise<void>((resolve) => ingest.listen(0, "127.0.0.1", resolve));
const ingestUrl = `http://127.0.0.1:${(ingest.address() as AddressInfo).port}/ingest`;
const pixel = { ingestUrl, shop: "bench.myshopify.com", key: "bench-ingest-key-0123456789" };
const [browser, store] = await Promise.all([launchBrowser(), startStorefront({ products, pixel })]);
/** The pages Lighthouse measures, by name: "no block" and each layout. */
const pages = new Map<string, string>();
try {
  // Requests: the block's page with Shopify's CDN stood in for by a route.
  const url = store.page(
    "/",
    storefrontPage({
      blocks: await renderFeedBlock({ feed: shoppable, products, assetBaseUrl: store.assetBaseUrl }),
      assetBaseUrl: store.assetBaseUrl,
      head: store.pixelHead(),
    }),
  );
  const context = await newLocalContext(browser);
  await routeShopifyCdn(context, [shoppable], 0, products);
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
  const beforeShop = requests.length;
  await page.keyboard.press("Escape");
  await page.locator(".sf-tile").nth(0).click(); // products: social-feed-shop.js, the cards' images
  await page.locator("dialog .sf-prod:not([hidden]) button").first().click(); // Add to cart
  await page.waitForFunction(() => document.querySelector("[data-cart-count]")?.textContent === "1");
  await page.waitForLoadState("networkidle");
  console.log(
    `requests for a post with products and Add to cart: ${requests.length - beforeShop} (${requests
      .slice(beforeShop)
      .map((request) => new URL(request).pathname.split("/").pop())
      .join(", ")})`,
  );
  const elsewhere = requests.filter((request) => {
    const { origin, hostname, protocol } = new URL(request);
    return origin !== store.origin && hostname !== CDN_HOST && protocol !== "data:" && request !== ingestUrl;
  });
  // The pixel sends a page view's events when the next page view starts: go on to the cart page.
  const loadedAt = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    return performance.timeOrigin + navigation!.loadEventStart;
  });
  await page.goto(`${store.origin}/cart`, { waitUntil: "load" });
  await page.waitForTimeout(500);
  const early = batches.filter((batch) => batch.at < loadedAt).length;
  console.log(
    `requests to the app's /ingest (the web pixel): ${early} before the page's load event; ${batches.length} in all, for the feed page's ${batches.reduce((sum, batch) => sum + batch.events, 0)} events, sent when the visitor went on to the cart`,
  );
  const cdn = requests.filter((request) => new URL(request).hostname === CDN_HOST).length;
  console.log(
    `requests: ${onLoad} to load and scroll the page, ${beforeShop} after using the lightbox, ${requests.length} after shopping; ${cdn} to ${CDN_HOST}`,
  );
  console.log(
    `requests to anything but ${CDN_HOST}, the page's own origin and the pixel's /ingest: ${elsewhere.length}${elsewhere.length ? ` (${elsewhere.join(", ")})` : ""}`,
  );
  await context.close();

  // The pages measured from here on: the storefront's home page, its images (real-size JPEGs) hosted
  // on the same server, with each layout's block, and without any block.
  const photos = store.hostFeed(feed, photo);
  pages.set(
    "no block",
    store.page("/none", storefrontPage({ blocks: [], assetBaseUrl: store.assetBaseUrl, before: INTRO })),
  );
  for (const layout of LAYOUTS) {
    const block = await renderFeedBlock({ feed: photos, settings: { layout }, assetBaseUrl: store.assetBaseUrl });
    pages.set(
      layout,
      store.page(`/${layout}`, storefrontPage({ blocks: block, assetBaseUrl: store.assetBaseUrl, before: INTRO })),
    );
  }
  // A shoppable grid: tiles with bag marks, the product cards in the (closed) lightbox.
  const shoppablePhotos = store.hostFeed(shoppable, photo);
  pages.set(
    "grid, shoppable",
    store.page(
      "/grid-shoppable",
      storefrontPage({
        blocks: await renderFeedBlock({ feed: shoppablePhotos, products, assetBaseUrl: store.assetBaseUrl }),
        assetBaseUrl: store.assetBaseUrl,
        before: INTRO,
      }),
    ),
  );
  // The block as it was: the schema's stylesheet, which Shopify links render-blocking in <head>.
  const gridHtml = storefrontPage({
    blocks: await renderFeedBlock({ feed: photos, assetBaseUrl: store.assetBaseUrl }),
    assetBaseUrl: store.assetBaseUrl,
    before: INTRO,
  });
  const headLink = `<link rel="stylesheet" href="${store.assetBaseUrl}${STYLESHEET}">\n</head>`;
  const blockingUrl = store.page("/grid-head-stylesheet", gridHtml.replace("</head>", headLink));
  // Every image any page names, made once now: a CDN answers from its cache, not by encoding a JPEG.
  const named = new Set<string>();
  for (const target of [...pages.values(), blockingUrl]) {
    const html = await (await fetch(target)).text();
    for (const [address] of html.replaceAll("&amp;", "&").matchAll(/http:\/\/127\.0\.0\.1:\d+\/s\/files\/[^\s"]+/g))
      named.add(address);
  }
  for (const address of named) await (await fetch(address)).arrayBuffer();

  // First paint in Chromium on a slow 4G link (Lighthouse's: 150 ms round trips, 1.6 Mbit/s), cold cache.
  const paintRuns = 7;
  const firstPaint = async (target: string) => {
    const times: number[] = [];
    for (let run = 0; run < paintRuns; run++) {
      const paintContext = await newLocalContext(browser);
      const paintPage = await paintContext.newPage();
      const cdp = await paintContext.newCDPSession(paintPage);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8,
      });
      await paintPage.goto(target, { waitUntil: "commit" });
      await paintPage.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0);
      times.push(await paintPage.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]!.startTime));
      await paintContext.close();
    }
    return median(times);
  };
  const paintNone = await firstPaint(pages.get("no block")!);
  const paintBlock = await firstPaint(pages.get("grid")!);
  const paintBlocking = await firstPaint(blockingUrl);
  console.log(`\nfirst contentful paint in Chromium (slow 4G, cold cache, median of ${paintRuns}):`);
  console.log(`  without the block: ${ms(paintNone)}`);
  console.log(`  with the block (grid): ${ms(paintBlock)} (${signed(Math.round(paintBlock - paintNone), " ms")})`);
  console.log(
    `  with the block and its stylesheet in <head>, as before: ${ms(paintBlocking)} (${signed(Math.round(paintBlocking - paintNone), " ms")})`,
  );
} finally {
  await browser.close();
}

// Lighthouse: its default mobile run (Moto G Power, simulated slow 4G and 4× CPU), performance only.
interface Figures {
  score: number;
  lcp: number;
  fcp: number;
  cls: number;
  tbt: number;
  bytes: number;
  offsite: string[];
}
const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: LIGHTHOUSE_FLAGS, logLevel: "silent" });
const runs = new Map<string, Figures[]>();
try {
  for (let run = 0; run < RUNS; run++) {
    // Interleaved, so a busy moment of this machine weighs on every page alike.
    for (const [name, target] of pages) {
      const result = await lighthouse(target, {
        port: chrome.port,
        logLevel: "error",
        output: "json",
        onlyCategories: ["performance"],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${target}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${target}: ${lhr.runtimeError.message}`);
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      const requests = (lhr.audits["network-requests"]?.details as { items?: { url: string }[] } | undefined)?.items;
      const figures: Figures = {
        score: Math.round((lhr.categories.performance?.score ?? Number.NaN) * 100),
        lcp: audit("largest-contentful-paint"),
        fcp: audit("first-contentful-paint"),
        cls: audit("cumulative-layout-shift"),
        tbt: audit("total-blocking-time"),
        bytes: audit("total-byte-weight"),
        offsite: (requests ?? [])
          .map((request) => request.url)
          .filter((address) => !/^(data:|https?:\/\/127\.0\.0\.1[:/])/.test(address)),
      };
      runs.set(name, [...(runs.get(name) ?? []), figures]);
    }
  }
} finally {
  chrome.kill();
  await store.close();
  ingest.close();
}

const summary = (name: string) => {
  const all = runs.get(name)!;
  const pick = (key: Exclude<keyof Figures, "offsite">) => median(all.map((figures) => figures[key]));
  return {
    score: pick("score"),
    lcp: pick("lcp"),
    fcp: pick("fcp"),
    cls: pick("cls"),
    tbt: pick("tbt"),
    bytes: pick("bytes"),
    offsite: all.flatMap((figures) => figures.offsite),
  };
};
const base = summary("no block");
console.log(
  `\nLighthouse ${RUNS} runs each, median (mobile, simulated slow 4G; 1080px photos served per ?width=, WebP as Shopify's CDN serves Chromium):`,
);
console.log(
  `  without the block: score ${base.score}, LCP ${ms(base.lcp)}, FCP ${ms(base.fcp)}, TBT ${ms(base.tbt)}, CLS ${base.cls.toFixed(3)}, ${kb(base.bytes)} transferred`,
);
for (const layout of [...LAYOUTS, "grid, shoppable"]) {
  const withBlock = summary(layout);
  const delta = withBlock.score - base.score;
  console.log(
    `  ${layout}: score ${withBlock.score} (${signed(delta)}${Math.abs(delta) > 1 ? ", OVER the 1-point allowance" : ""}), LCP ${ms(withBlock.lcp)} (${signed(Math.round(withBlock.lcp - base.lcp), " ms")}), FCP ${ms(withBlock.fcp)} (${signed(Math.round(withBlock.fcp - base.fcp), " ms")}), TBT ${ms(withBlock.tbt)}, CLS ${withBlock.cls.toFixed(3)}, ${kb(withBlock.bytes)} transferred (${signed(Math.round((withBlock.bytes - base.bytes) / 1024), " KiB")})`,
  );
}
const offsite = [...runs.keys()].flatMap((name) => summary(name).offsite);
console.log(
  `Lighthouse requests to anything but 127.0.0.1: ${offsite.length}${offsite.length ? ` (${offsite.join(", ")})` : ""}`,
);
