// What every storefront visitor downloads stays small, and the extension stays inside Shopify's limits.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { PIXEL_DIR, pixelWorkerScript } from "../../app/sandbox/pixel-stand-in";
import { EXTENSION_DIR, blockSchema } from "../../app/sandbox/storefront-render";
import {
  CSS_GZIP_BUDGET,
  INLINE_CSS_GZIP_BUDGET,
  JS_GZIP_BUDGET,
  SHOP_JS_GZIP_BUDGET,
  SHOPIFY_LIMITS,
  assetSizes,
  extensionFiles,
  gzipBytes,
} from "./support/budget";

it("keeps the block's JavaScript and CSS under 4 KB gzipped each, and its inline layout CSS under 1.5 KB", () => {
  const { javascript, stylesheet, inlineCss } = assetSizes();
  console.log(
    [javascript, stylesheet, inlineCss]
      .map((file) => `${file.name}: ${file.bytes} B, ${file.gzip} B gzipped`)
      .join("; "),
  );
  expect(javascript.gzip).toBeLessThanOrEqual(JS_GZIP_BUDGET);
  expect(stylesheet.gzip).toBeLessThanOrEqual(CSS_GZIP_BUDGET);
  expect(inlineCss.gzip).toBeLessThanOrEqual(INLINE_CSS_GZIP_BUDGET);
  // theme-check measures the file as it is, not compressed.
  expect(javascript.bytes).toBeLessThanOrEqual(SHOPIFY_LIMITS.javascriptBytes);
  expect(stylesheet.bytes).toBeLessThanOrEqual(SHOPIFY_LIMITS.stylesheetBytes);
});

it("keeps the shop code, loaded only once a post with products is opened, under 2 KB gzipped", () => {
  const { javascript, shopJavascript } = assetSizes();
  console.log(
    `${shopJavascript.name}: ${shopJavascript.bytes} B, ${shopJavascript.gzip} B gzipped; with ${javascript.name}: ${javascript.gzip + shopJavascript.gzip} B gzipped`,
  );
  expect(shopJavascript.gzip).toBeLessThanOrEqual(SHOP_JS_GZIP_BUDGET);
  // Not named in any schema (Shopify would load it on every page): social-feed.js loads it by its asset_url.
  expect(shopJavascript.bytes).toBeLessThanOrEqual(SHOPIFY_LIMITS.javascriptBytes);
});

it("respects Shopify's limits for a theme app extension", () => {
  const files = extensionFiles();
  const total = (filter: (file: string) => boolean) =>
    files.filter((f) => filter(f.path)).reduce((sum, f) => sum + f.bytes, 0);
  expect(total(() => true)).toBeLessThanOrEqual(SHOPIFY_LIMITS.extensionBytes);
  expect(total((f) => f.endsWith(".liquid"))).toBeLessThanOrEqual(SHOPIFY_LIMITS.liquidBytes);
  const locales = files.filter((f) => f.path.startsWith(`locales${path.sep}`));
  expect(locales.length).toBeGreaterThan(0);
  for (const locale of locales) {
    expect(locale.bytes, locale.path).toBeLessThanOrEqual(SHOPIFY_LIMITS.localeFileBytes);
    JSON.parse(readFileSync(path.join(EXTENSION_DIR, locale.path), "utf8")); // valid JSON, no comments
  }
  expect(files.filter((f) => f.path.startsWith(`blocks${path.sep}`)).length).toBeLessThanOrEqual(SHOPIFY_LIMITS.blocks);
  expect(readFileSync(path.join(EXTENSION_DIR, "shopify.extension.toml"), "utf8")).toMatch(/^type = "theme"$/m);
  const schema = blockSchema();
  expect(schema.target).toBe("section");
  // Shopify puts a schema's stylesheet in <head>, render-blocking: the block loads its own instead.
  expect(schema.stylesheet).toBeUndefined();
  const names = JSON.parse(readFileSync(path.join(EXTENSION_DIR, "locales/en.default.schema.json"), "utf8"));
  expect(names.blocks.instagram_feed.name.length).toBeLessThan(25);
  expect(names.blocks.product_posts.name.length).toBeLessThan(25);
  expect(blockSchema("product-posts")).toMatchObject({ target: "section", enabled_on: { templates: ["product"] } });
});

// Theme check reads theme app extensions only: the web pixel extension has no Liquid and no assets, so
// these are its checks. Shopify loads it in the strict sandbox, only with the visitor's analytics consent.
it("declares the web pixel extension: strict sandbox, analytics consent only, the three settings the app sets", async () => {
  const toml = readFileSync(path.join(PIXEL_DIR, "shopify.extension.toml"), "utf8");
  expect(toml).toMatch(/^type = "web_pixel_extension"$/m);
  expect(toml).toMatch(/^runtime_context = "strict"$/m);
  const privacy = /\[customer_privacy\]\n([\s\S]*?)\n\n/.exec(toml)![1];
  expect(privacy).toBe('analytics = true\nmarketing = false\npreferences = false\nsale_of_data = "disabled"');
  const fields = [...toml.matchAll(/^\[settings\.fields\.(\w+)\]$/gm)].map((m) => m[1]);
  expect(fields).toEqual(["ingestUrl", "shop", "key"]);
  const bundled = await pixelWorkerScript();
  console.log(`web pixel, bundled with the stand-in's prelude: ${bundled.length} B, ${gzipBytes(bundled)} B gzipped`);
});
