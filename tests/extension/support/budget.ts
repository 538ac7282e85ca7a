// Sizes of the theme app extension, as the budgets test asserts them and `npm run bench:widget` prints them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { EXTENSION_DIR, assetPath, blockAssets } from "../../../app/sandbox/storefront-render";

/** The stylesheet the block loads itself, without blocking rendering (the schema names none). */
export const STYLESHEET = "social-feed.css";
/** The lightbox's shop code: loaded by social-feed.js only once a post with products is opened. */
export const SHOP_JAVASCRIPT = "social-feed-shop.js";
/** The block's inline layout CSS, sent with every page the block is on. */
export const INLINE_CSS_SNIPPET = path.join(EXTENSION_DIR, "snippets", "sf-style.liquid");

/** Our own budgets for what every storefront visitor downloads (gzip -9, as a CDN would serve them). */
export const JS_GZIP_BUDGET = 4096;
/** What a visitor who opens a post with products downloads on top of JS_GZIP_BUDGET. */
export const SHOP_JS_GZIP_BUDGET = 2048;
export const CSS_GZIP_BUDGET = 4096;
/** The inline layout CSS is in every page's HTML, once per block: kept to layout only. */
export const INLINE_CSS_GZIP_BUDGET = 1536;

/** Shopify's enforced limits for a theme app extension (and theme-check's size thresholds). */
export const SHOPIFY_LIMITS = {
  extensionBytes: 10 * 1024 * 1024,
  liquidBytes: 100 * 1024,
  localeFileBytes: 15 * 1024,
  blocks: 30,
  /** theme-check's AssetSizeAppBlockJavaScript threshold, measured on the file as it is. */
  javascriptBytes: 10_000,
  /** theme-check's AssetSizeAppBlockCSS threshold. */
  stylesheetBytes: 100_000,
};

export function gzipBytes(data: Buffer | string): number {
  return gzipSync(data, { level: 9 }).length;
}

export function extensionFiles(dir = EXTENSION_DIR): { path: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? extensionFiles(full)
      : [{ path: path.relative(EXTENSION_DIR, full), bytes: statSync(full).size }];
  });
}

export function assetSizes() {
  const { javascript } = blockAssets();
  if (!javascript) throw new Error("the block schema names no javascript");
  const js = readFileSync(assetPath(javascript));
  const css = readFileSync(assetPath(STYLESHEET));
  const shop = readFileSync(assetPath(SHOP_JAVASCRIPT));
  // What the block prints: the snippet less its Liquid comment.
  const inline = readFileSync(INLINE_CSS_SNIPPET, "utf8").replace(
    /\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/,
    "",
  );
  return {
    javascript: { name: javascript, bytes: js.length, gzip: gzipBytes(js) },
    stylesheet: { name: STYLESHEET, bytes: css.length, gzip: gzipBytes(css) },
    shopJavascript: { name: SHOP_JAVASCRIPT, bytes: shop.length, gzip: gzipBytes(shop) },
    inlineCss: { name: path.basename(INLINE_CSS_SNIPPET), bytes: Buffer.byteLength(inline), gzip: gzipBytes(inline) },
  };
}
