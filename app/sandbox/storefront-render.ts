// Renders the Social Feed theme app extension (extensions/social-feed) with liquidjs, as Shopify would
// render its app blocks ("Instagram feed", "Instagram posts for this product") on a storefront, so the
// sandbox's Storefront preview (app/cli/sandbox-storefront.ts), the tests and the benchmarks all see the
// real blocks. Only what the blocks use is emulated:
//   - tags: {% schema %}, {% stylesheet %}, {% javascript %} are swallowed (Shopify reads them, never prints them)
//   - filters: liquidjs' built-ins (escape, append, ...), plus `t` (the extension's locale files, with
//     `name: value` interpolation), `asset_url` (base URL + file name), `stylesheet_tag` (Shopify's <link>,
//     extra `name: value` attributes; `preload` only adds a Link response header, never a tag attribute),
//     `money` (cents in the shop's money format), `image_url` (an image's CDN URL at `width:`), `json`
//     (escaping <, > and & as Shopify's does, so it is safe inside <script>) and Shopify's integer `divided_by`
//   - objects: block (id, settings from the schema defaults merged with overrides, shopify_attributes; the
//     `feed` setting as the $app:feed metaobject entry Shopify would hand over: name and key fields),
//     app.metafields.social_feed[<key>].value (the chosen feed's document; <key>_products, the live product
//     objects its list.product_reference resolves to; product_posts, the product-page gallery), product
//     (on a product page), shop (money format), routes, request (design_mode, locale)
// Filters the blocks use but this file doesn't know fail the render (strictFilters), so a new Shopify
// filter in a block shows up here instead of silently rendering nothing.
//
// Development only: liquidjs is a devDependency. `npm run sandbox` runs after `npm ci`, which installs
// devDependencies, so the sandbox has it; the app's bundle (app/routes, build/) must never import this file.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { Liquid, Tag, TypeGuards, type TagToken, type TopLevelToken } from "liquidjs";
import { FEED_METAFIELD, feedMetafieldKey, feedProductsKey, type FeedDocument } from "../feed/feed-document";
import { GALLERY_METAFIELD, type GalleryDocument } from "../feed/gallery-document";

export const EXTENSION_DIR = path.resolve(import.meta.dirname, "../../extensions/social-feed");
export const BLOCK_NAME = "instagram-feed";
/** The product page's block, "Instagram posts for this product". */
export const PRODUCT_POSTS_BLOCK = "product-posts";
export type BlockName = typeof BLOCK_NAME | typeof PRODUCT_POSTS_BLOCK;
export const BLOCK_FILE = path.join(EXTENSION_DIR, "blocks", `${BLOCK_NAME}.liquid`);
const blockFile = (name: BlockName) => path.join(EXTENSION_DIR, "blocks", `${name}.liquid`);

/** The block's settings, as declared in its {% schema %}. */
export interface FeedBlockSettings {
  show_heading: boolean;
  heading: string;
  show_header: boolean;
  layout: "grid" | "slider" | "masonry" | "highlight";
  columns_desktop: number;
  columns_mobile: number;
  gap: number;
  aspect_ratio: "square" | "original";
  corner_radius: number;
  show_captions: boolean;
  click_action: "lightbox" | "instagram";
}

export interface SchemaSetting {
  type: string;
  id?: string;
  default?: unknown;
  min?: number;
  max?: number;
  options?: { value: string; label: string }[];
}

export interface BlockSchema {
  name: string;
  target: string;
  stylesheet?: string;
  javascript?: string;
  settings: SchemaSetting[];
}

/** The feed chosen in the block's "Feed" setting, as Shopify resolves it. */
export interface ChosenFeed {
  /** The feed's id (its entry's key field is feedMetafieldKey(id)). */
  id: string;
  name: string;
  /** Its published document; null = the metafield is missing. Anything else is passed through as is. */
  document: FeedDocument | null | unknown;
}

/** The product-posts block's settings, as declared in its {% schema %}. */
export interface ProductPostsBlockSettings {
  show_heading: boolean;
  heading: string;
  max_posts: number;
  columns_desktop: number;
  columns_mobile: number;
  gap: number;
  corner_radius: number;
}

/** A product variant as Liquid's `variant` object shows it (prices in cents, as Liquid has them). */
export interface LiquidVariant {
  id: number;
  title: string;
  price: number;
  compare_at_price: number | null;
  available: boolean;
}

/** An image as Liquid's `image` object shows it (what `image_url` takes). */
export interface LiquidImage {
  src: string;
  width: number;
  height: number;
  alt: string;
}

/** The part of Liquid's `product` object the blocks use: always the live product, at render time. */
export interface LiquidProduct {
  id: number;
  title: string;
  handle: string;
  url: string;
  price: number;
  price_varies: boolean;
  compare_at_price: number | null;
  available: boolean;
  featured_image: LiquidImage | null;
  options: string[];
  variants: LiquidVariant[];
  has_only_default_variant: boolean;
  first_available_variant: LiquidVariant | null;
}

/**
 * A product as the Admin API describes it (prices as decimal strings, ids as GIDs): what the sandbox's
 * Admin API stand-in holds and the tests make. `liquidProduct` turns it into Liquid's product object.
 */
export interface AdminProduct {
  id: string;
  title: string;
  handle: string;
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  /** Non-null when the product is published on the Online Store. */
  onlineStoreUrl: string | null;
  image: { url: string; width: number; height: number; altText?: string | null } | null;
  options: { name: string }[];
  variants: { id: string; title: string; price: string; compareAtPrice?: string | null; availableForSale: boolean }[];
}

/** The shop's settings Liquid's `shop` object carries that the blocks use. */
export interface ShopSettings {
  /** Shopify's money format, e.g. "${{amount}}" or "{{amount_with_comma_separator}} €". */
  moneyFormat: string;
}

export const DEFAULT_SHOP: ShopSettings = { moneyFormat: "${{amount}}" };

const numericId = (gid: string) => Number(gid.slice(gid.lastIndexOf("/") + 1));
const cents = (amount: string | null | undefined) => (amount == null ? null : Math.round(Number(amount) * 100));

/** Liquid's product object for a product of the Admin API; its url below the storefront's routes root. */
export function liquidProduct(product: AdminProduct, routesRoot = "/"): LiquidProduct {
  const variants: LiquidVariant[] = product.variants.map((variant) => ({
    id: numericId(variant.id),
    title: variant.title,
    price: cents(variant.price)!,
    compare_at_price: cents(variant.compareAtPrice),
    available: variant.availableForSale,
  }));
  const firstAvailable = variants.find((variant) => variant.available) ?? null;
  const shown = firstAvailable ?? variants[0];
  const prices = variants.map((variant) => variant.price);
  return {
    id: numericId(product.id),
    title: product.title,
    handle: product.handle,
    url: `${routesRoot}products/${product.handle}`,
    price: shown?.price ?? 0,
    price_varies: new Set(prices).size > 1,
    compare_at_price: shown?.compare_at_price ?? null,
    available: firstAvailable !== null,
    featured_image: product.image
      ? {
          src: product.image.url,
          width: product.image.width,
          height: product.image.height,
          alt: product.image.altText ?? "",
        }
      : null,
    options: product.options.map((option) => option.name),
    variants,
    has_only_default_variant: variants.length === 1 && variants[0]!.title === "Default Title",
    first_available_variant: firstAvailable,
  };
}

/**
 * What a list.product_reference metafield holding `gids` resolves to in Liquid: the products that exist,
 * in the list's order, and, as on a storefront, only those ACTIVE and published on the Online Store.
 */
export function resolveProductReferences(gids: unknown, products: AdminProduct[], routesRoot = "/"): LiquidProduct[] {
  if (!Array.isArray(gids)) return [];
  const byId = new Map(products.filter(isOnOnlineStore).map((product) => [product.id, product]));
  return gids.flatMap((gid) => {
    const product = typeof gid === "string" ? byId.get(gid) : undefined;
    return product ? [liquidProduct(product, routesRoot)] : [];
  });
}

/** Whether the storefront shows the product at all: ACTIVE and published on the Online Store. */
export const isOnOnlineStore = (product: AdminProduct) =>
  product.status === "ACTIVE" && product.onlineStoreUrl !== null;

/** What every block render takes. */
interface RenderOptions {
  /** request.design_mode: true inside the theme editor. */
  designMode?: boolean;
  /** Storefront locale (e.g. "en", "fr"); falls back to the default locale file. */
  locale?: string;
  blockId?: string;
  /** Where the extension's assets are served from (asset_url); ends with "/". */
  assetBaseUrl?: string;
  /** The shop's money format (DEFAULT_SHOP when not given). */
  shop?: ShopSettings;
  /** routes.root_url with a trailing "/": where the storefront's /cart lives. */
  routesRoot?: string;
}

export interface RenderFeedBlockOptions extends RenderOptions {
  /**
   * The block's feed. A document alone stands for a chosen feed named "Main"; null/undefined = no feed
   * chosen, or the chosen one was deleted (Shopify then hands the setting over as blank).
   */
  feed?: FeedDocument | ChosenFeed | null | unknown;
  /**
   * The live products the feed's products metafield (feed_<id>_products, list.product_reference)
   * resolves to; undefined = the metafield is absent (the feed's posts have no products).
   */
  products?: LiquidProduct[];
  settings?: Partial<FeedBlockSettings>;
}

export interface RenderProductPostsOptions extends RenderOptions {
  /** The page's product (Liquid's `product`); null = not a product page. */
  product: LiquidProduct | null;
  /** The gallery document (app.metafields.social_feed.product_posts.value); null = the metafield is absent. */
  gallery: GalleryDocument | null | unknown;
  settings?: Partial<ProductPostsBlockSettings>;
}

export function blockSchema(name: BlockName = BLOCK_NAME): BlockSchema {
  const file = blockFile(name);
  const source = readFileSync(file, "utf8");
  const match = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(source);
  if (!match) throw new Error(`${file} has no {% schema %}`);
  return JSON.parse(match[1]!) as BlockSchema;
}

/** The schema's defaults: what a merchant gets when adding the block. */
export function defaultSettings(): FeedBlockSettings;
export function defaultSettings(name: typeof PRODUCT_POSTS_BLOCK): ProductPostsBlockSettings;
export function defaultSettings(name: BlockName = BLOCK_NAME): FeedBlockSettings | ProductPostsBlockSettings {
  const settings: Record<string, unknown> = {};
  for (const setting of blockSchema(name).settings) {
    if (!setting.id) continue; // header / paragraph
    settings[setting.id] =
      setting.default ?? (setting.type === "checkbox" ? false : setting.type === "text" ? "" : null);
  }
  return settings as unknown as FeedBlockSettings;
}

/**
 * The stylesheet and script the schema makes Shopify load (once per page, in <head>) for the block: only
 * those the schema names (the block loads its stylesheet itself, so as not to block first paint).
 */
export function blockAssets(name: BlockName = BLOCK_NAME): { stylesheet?: string; javascript?: string } {
  const { stylesheet, javascript } = blockSchema(name);
  return { stylesheet, javascript };
}

export function assetPath(name: string): string {
  return path.join(EXTENSION_DIR, "assets", path.basename(name));
}

type Translations = Record<string, unknown>;

function readLocale(locale: string): Translations {
  const dir = path.join(EXTENSION_DIR, "locales");
  const file = [`${locale}.json`, `${locale}.default.json`].map((name) => path.join(dir, name)).find(existsSync);
  return file ? (JSON.parse(readFileSync(file, "utf8")) as Translations) : {};
}

function defaultLocale(): Translations {
  return readLocale("en");
}

function lookup(translations: Translations, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Translations)[part] : undefined),
      translations,
    );
}

/** Shopify's `t`: the locale's string, else the default locale's, else "translation missing: …". */
export function translate(locale: string, key: string, values: Record<string, unknown> = {}): string {
  const found = lookup(readLocale(locale), key) ?? lookup(defaultLocale(), key);
  if (typeof found !== "string") return `translation missing: ${locale}.${key}`;
  return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => (name in values ? String(values[name] ?? "") : ""));
}

/** Tags whose body Shopify consumes itself: parsed over, rendered as nothing. */
function swallowedTag(name: string) {
  return class extends Tag {
    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid);
      while (remainTokens.length) {
        const next = remainTokens.shift();
        if (TypeGuards.isTagToken(next) && next.name === `end${name}`) return;
      }
      throw new Error(`{% ${name} %} is not closed`);
    }
    render(): void {}
  };
}

type FilterThis = { context: { getSync(path: string[]): unknown } };

/** Shopify's money formats: {{amount}}, {{amount_no_decimals}}, {{amount_with_comma_separator}}, … */
export function formatMoney(cents: number, format: string): string {
  const group = (value: number, decimals: number, thousands: string, decimal: string) => {
    const [whole, fraction] = (value / 100).toFixed(decimals).split(".");
    const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
    return fraction ? `${grouped}${decimal}${fraction}` : grouped;
  };
  const value = Number.isFinite(cents) ? cents : 0;
  const styles: Record<string, () => string> = {
    amount: () => group(value, 2, ",", "."),
    amount_no_decimals: () => group(value, 0, ",", "."),
    amount_with_comma_separator: () => group(value, 2, ".", ","),
    amount_no_decimals_with_comma_separator: () => group(value, 0, ".", ","),
    amount_with_apostrophe_separator: () => group(value, 2, "'", "."),
    amount_no_decimals_with_space_separator: () => group(value, 0, " ", "."),
    amount_with_space_separator: () => group(value, 2, " ", ","),
    amount_with_period_and_space_separator: () => group(value, 2, " ", "."),
  };
  return format.replace(/\{\{\s*(\w+)\s*\}\}/, (placeholder, style: string) => styles[style]?.() ?? placeholder);
}

const engines = new Map<string, Liquid>();

function engineFor(locale: string, assetBaseUrl: string): Liquid {
  const cacheKey = `${locale}\n${assetBaseUrl}`;
  const cached = engines.get(cacheKey);
  if (cached) return cached;
  const engine = new Liquid({
    root: path.join(EXTENSION_DIR, "blocks"),
    partials: path.join(EXTENSION_DIR, "snippets"),
    extname: ".liquid",
    strictFilters: true,
    ownPropertyOnly: true,
    greedy: true,
  });
  for (const name of ["schema", "stylesheet", "javascript"]) engine.registerTag(name, swallowedTag(name));
  // `{{ 'key' | t: name: value }}`: liquidjs hands keyword arguments over as [name, value] pairs.
  engine.registerFilter("t", (key: unknown, ...args: unknown[]) => {
    const values: Record<string, unknown> = {};
    for (const arg of args) if (Array.isArray(arg) && arg.length === 2) values[String(arg[0])] = arg[1];
    return translate(locale, String(key), values);
  });
  engine.registerFilter("asset_url", (name: unknown) => assetBaseUrl + String(name));
  // Shopify's stylesheet_tag: rel, type and media="all", other `name: value` arguments as attributes
  // (href and rel can't be overridden). `preload: true` only sends a Link: rel=preload header.
  engine.registerFilter("stylesheet_tag", (url: unknown, ...args: unknown[]) => {
    const attributes: Record<string, string> = { type: "text/css", media: "all" };
    for (const arg of args) {
      if (!Array.isArray(arg) || arg.length !== 2) throw new Error("stylesheet_tag takes name: value arguments");
      const [name, value] = [String(arg[0]), arg[1]];
      if (name !== "preload" && name !== "href" && name !== "rel") attributes[name] = String(value);
    }
    const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    const extra = Object.entries(attributes).map(([name, value]) => ` ${name}="${escape(value)}"`);
    return `<link href="${escape(String(url))}" rel="stylesheet"${extra.join("")} />`;
  });
  // Shopify's money: cents in the shop's money format (shop.money_format), e.g. 2500 → "$25.00".
  engine.registerFilter("money", function (this: FilterThis, amount: unknown) {
    return formatMoney(
      Number(amount),
      String(this.context.getSync(["shop", "money_format"]) ?? DEFAULT_SHOP.moneyFormat),
    );
  });
  // Shopify's image_url: the image's CDN URL at `width:` (Shopify's CDN resizes by query parameter).
  engine.registerFilter("image_url", (image: unknown, ...args: unknown[]) => {
    const src = typeof image === "string" ? image : ((image as { src?: string } | null)?.src ?? "");
    const width = args.find((arg) => Array.isArray(arg) && arg[0] === "width") as [string, unknown] | undefined;
    return width ? `${src}${src.includes("?") ? "&" : "?"}width=${Number(width[1])}` : src;
  });
  // Shopify's json escapes <, > and & (as \u003c…), so its output is safe inside <script> and attributes.
  engine.registerFilter("json", (value: unknown) =>
    JSON.stringify(value ?? null).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
  );
  // Shopify (Ruby) divides integers as integers; liquidjs would return a float.
  engine.registerFilter("divided_by", (dividend: unknown, divisor: unknown) => {
    const a = Number(dividend);
    const b = Number(divisor);
    return Number.isInteger(a) && Number.isInteger(b) ? Math.floor(a / b) : a / b;
  });
  engines.set(cacheKey, engine);
  return engine;
}

function chosenFeed(feed: RenderFeedBlockOptions["feed"]): ChosenFeed | null {
  if (feed == null) return null;
  if (typeof feed === "object" && "document" in feed && "id" in feed) return feed as ChosenFeed;
  return { id: "main", name: "Main", document: feed };
}

/** The block's own objects: block and section (a snippet sees them only when they are passed to it). */
function blockScope(name: BlockName, options: RenderOptions, settings: Record<string, unknown>) {
  const { designMode = false, blockId = "AbCdEf123" } = options;
  return {
    block: {
      id: blockId,
      type: `social-feed/${name}`,
      settings,
      shopify_attributes: designMode ? `data-shopify-editor-block="{&quot;id&quot;:&quot;${blockId}&quot;}"` : "",
    },
    section: { id: "template--apps" },
  };
}

/** Shopify's global objects, which every template and snippet sees: request, shop, routes. */
function globalObjects(options: RenderOptions) {
  const { designMode = false, locale = "en", shop = DEFAULT_SHOP, routesRoot = "/" } = options;
  return {
    request: { design_mode: designMode, locale: { iso_code: locale } },
    shop: { money_format: shop.moneyFormat },
    routes: { root_url: routesRoot, cart_url: `${routesRoot}cart`, cart_add_url: `${routesRoot}cart/add` },
  };
}

function render(name: BlockName, options: RenderOptions, scope: Record<string, unknown>): Promise<string> {
  return engineFor(options.locale ?? "en", options.assetBaseUrl ?? "/assets/").renderFile(name, scope, {
    globals: globalObjects(options),
  });
}

/** The block's HTML, as Shopify renders it inside its app-block wrapper. */
export async function renderFeedBlock(options: RenderFeedBlockOptions = {}): Promise<string> {
  const { feed = null, settings = {}, products } = options;
  const chosen = chosenFeed(feed);
  const metafields: Record<string, { value: unknown; type: string }> = {};
  if (chosen && chosen.document != null) {
    metafields[feedMetafieldKey(chosen.id)] = { value: chosen.document, type: FEED_METAFIELD.type };
    if (products) metafields[feedProductsKey(chosen.id)] = { value: products, type: "list.product_reference" };
  }
  const key = chosen && feedMetafieldKey(chosen.id);
  return render(BLOCK_NAME, options, {
    ...blockScope(BLOCK_NAME, options, {
      ...defaultSettings(),
      ...settings,
      feed: chosen ? { name: { value: chosen.name }, key: { value: key } } : null,
    }),
    app: { metafields: { [FEED_METAFIELD.namespace]: metafields } },
  });
}

/** The "Instagram posts for this product" block's HTML, on the page of `options.product`. */
export async function renderProductPostsBlock(options: RenderProductPostsOptions): Promise<string> {
  const { gallery, product, settings = {} } = options;
  const metafields =
    gallery == null ? {} : { [GALLERY_METAFIELD.key]: { value: gallery, type: GALLERY_METAFIELD.type } };
  return render(PRODUCT_POSTS_BLOCK, options, {
    ...blockScope(PRODUCT_POSTS_BLOCK, options, { ...defaultSettings(PRODUCT_POSTS_BLOCK), ...settings }),
    app: { metafields: { [GALLERY_METAFIELD.namespace]: metafields } },
    product,
  });
}

/** A rendered block and which block it is (a plain string is an Instagram feed block). */
export interface RenderedBlock {
  name: BlockName;
  html: string;
}

export interface StorefrontPageOptions {
  /** The rendered block(s), each placed in its own app-block wrapper in an "Apps" section. */
  blocks: string | RenderedBlock | (string | RenderedBlock)[];
  /** Base URL the extension's assets are served from (the block's stylesheet and javascript). */
  assetBaseUrl: string;
  title?: string;
  lang?: string;
  /** Extra HTML placed before the feed (e.g. a hero), to test the block further down the page. */
  before?: string;
  /** The product of a product page: shown (image, title, price) above the blocks, as a theme's product section. */
  product?: LiquidProduct;
  shop?: ShopSettings;
  /** window.Shopify.routes.root, as Shopify sets it on every storefront page (the cart is at <root>cart). */
  routesRoot?: string;
  /** The header's cart count when the page is served. */
  cartCount?: number;
  /** HTML Shopify puts in <head> before the theme's scripts: the customer-events bus and pixel (pixelHead). */
  head?: string;
}

/**
 * The theme's side of the cart: like Horizon's cart icon, the header's count follows the `cart:update`
 * event (detail.resource = the cart, or detail.data.itemCount) that add-to-cart code dispatches.
 */
const THEME_CART_SCRIPT = `<script>
document.addEventListener("cart:update", function (event) {
  var detail = event.detail || {};
  var count = detail.resource && typeof detail.resource.item_count === "number" ? detail.resource.item_count : detail.data && detail.data.itemCount;
  if (typeof count !== "number") return;
  var bubble = document.querySelector("[data-cart-count]");
  bubble.textContent = String(count);
  bubble.hidden = count === 0;
});
</script>`;

function productSection(product: LiquidProduct, shop: ShopSettings, escapeHtml: (text: string) => string): string {
  const image = product.featured_image;
  const img = image
    ? `<img src="${escapeHtml(`${image.src}${image.src.includes("?") ? "&" : "?"}width=720`)}" width="${image.width}" height="${image.height}" alt="${escapeHtml(image.alt)}" style="display:block;width:100%;height:auto">`
    : "";
  return `<section class="product page-width"><div class="product__media">${img}</div><div class="product__info">
<h1 class="product__title">${escapeHtml(product.title)}</h1>
<p class="product__price">${formatMoney(product.price, shop.moneyFormat)}</p>
<p>${product.available ? "In stock" : "Sold out"}</p></div></section>`;
}

/**
 * A minimal Dawn-like storefront around the block(s): Dawn's colour and button variables, 62.5% root
 * size, page-width container, a header (Dawn's "logo left, menu middle-left") with a cart count, a system
 * font; what each block's schema names in <head> as Shopify injects it for an app block (a stylesheet,
 * render-blocking, and the javascript, deferred), when the page has such a block; window.Shopify.routes,
 * as Shopify sets it.
 * Like the block, the page never moves what is already painted while the HTML streams in, so layout
 * shift measured on it is the block's own.
 */
export function storefrontPage(options: StorefrontPageOptions): string {
  const blocks = (Array.isArray(options.blocks) ? options.blocks : [options.blocks]).map((block) =>
    typeof block === "string" ? ({ name: BLOCK_NAME, html: block } as RenderedBlock) : block,
  );
  const { shop = DEFAULT_SHOP, routesRoot = "/", cartCount = 0 } = options;
  // Shopify injects a block's assets only on pages the block is on, each once.
  const names = [...new Set(blocks.map((block) => block.name))];
  const stylesheets = [...new Set(names.flatMap((name) => blockAssets(name).stylesheet ?? []))];
  const scripts = [...new Set(names.flatMap((name) => blockAssets(name).javascript ?? []))];
  const title = options.title ?? "Acme Studio";
  const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const sections = blocks
    .map(
      ({ html }, i) =>
        `<div class="section-apps page-width"><div id="shopify-block-${i}" class="shopify-app-block">${html}</div></div>`,
    )
    .join("\n");
  const product = options.product ? productSection(options.product, shop, escapeHtml) : "";
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? "en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<script>window.Shopify = window.Shopify || {}; Shopify.routes = Shopify.routes || {}; Shopify.routes.root = ${JSON.stringify(routesRoot).replace(/</g, "\\u003c")};</script>
${options.head ?? ""}
<style>
:root { --color-foreground: 18, 18, 18; --color-background: 255, 255, 255; --buttons-radius: 0px; --font-heading-scale: 1; }
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 62.5%; }
body { margin: 0; min-height: 100vh; background: rgb(var(--color-background)); color: rgba(var(--color-foreground), .75);
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.5rem; letter-spacing: .06rem; line-height: 1.8; -webkit-font-smoothing: antialiased; }
h1, h2 { margin: 0; color: rgb(var(--color-foreground)); font-weight: 400; letter-spacing: .06rem; line-height: 1.3; }
h1 { font-size: 3rem; } h2 { font-size: 2rem; }
@media (min-width: 750px) { h1 { font-size: 4rem; } h2 { font-size: 2.4rem; } }
a { color: rgb(var(--color-foreground)); }
.page-width { max-width: 120rem; margin: 0 auto; padding: 0 1.5rem; }
@media (min-width: 750px) { .page-width { padding: 0 5rem; } }
.announcement { padding: 1rem 0; border-bottom: 1px solid rgba(var(--color-foreground), .08); font-size: 1.3rem; text-align: center; }
.header { display: grid; grid-template-columns: auto 1fr auto; align-items: center; gap: 4rem; padding-top: 2rem; padding-bottom: 2rem; }
.header__heading { margin: 0; font-size: inherit; }
.header__logo { color: rgb(var(--color-foreground)); font-size: 2.4rem; font-weight: 600; letter-spacing: .1rem; text-decoration: none; }
.header__nav { display: none; gap: 2.4rem; margin: 0; padding: 0; list-style: none; }
.header__nav a { color: rgba(var(--color-foreground), .75); text-decoration: none; }
@media (min-width: 990px) { .header__nav { display: flex; } }
.header__icons { grid-column: 3; display: flex; gap: 1.6rem; width: 6rem; }
.header__icons svg { display: block; width: 2.2rem; height: 2.2rem; }
.header-wrapper { border-bottom: 1px solid rgba(var(--color-foreground), .08); }
.intro { padding-top: 5rem; padding-bottom: 1rem; }
.intro p { max-width: 60rem; margin: 1.5rem 0 0; }
.section-apps { padding-top: 3.6rem; padding-bottom: 3.6rem; }
.header__cart { position: relative; }
.cart-count { position: absolute; right: -.8rem; bottom: -.6rem; min-width: 1.8rem; height: 1.8rem; padding: 0 .4rem; border-radius: .9rem; background: rgb(var(--color-foreground)); color: rgb(var(--color-background)); font-size: 1.1rem; line-height: 1.8rem; text-align: center; }
.cart-count[hidden] { display: none; }
.product { display: grid; gap: 3rem; padding-top: 3.6rem; }
@media (min-width: 750px) { .product { grid-template-columns: 1fr 1fr; } }
.product__title { margin-bottom: 1rem; }
.footer { margin-top: 4rem; padding: 4rem 0; border-top: 1px solid rgba(var(--color-foreground), .08); font-size: 1.3rem; }
</style>
${stylesheets.map((name) => `<link rel="stylesheet" href="${escapeHtml(options.assetBaseUrl + name)}">`).join("\n")}
${scripts.map((name) => `<script src="${escapeHtml(options.assetBaseUrl + name)}" defer></script>`).join("\n")}
${THEME_CART_SCRIPT}
</head>
<body>
<div class="announcement" role="region" aria-label="Announcement">Free shipping on orders over $50</div>
<div class="header-wrapper"><header class="header page-width">
<h1 class="header__heading"><a class="header__logo" href="/">${escapeHtml(title)}</a></h1>
<ul class="header__nav"><li><a href="/">Home</a></li><li><a href="/collections/all">Catalog</a></li><li><a href="/pages/contact">Contact</a></li></ul>
<div class="header__icons"><a href="/search" aria-label="Search"><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6"><circle cx="11" cy="11" r="7"/><path d="M20 20l-3.5-3.5"/></svg></a><a class="header__cart" href="${escapeHtml(`${routesRoot}cart`)}" aria-label="Cart"><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6"><path d="M5 8h14l-1 12H6L5 8z"/><path d="M9 8V6a3 3 0 0 1 6 0v2"/></svg><span class="cart-count" data-cart-count aria-hidden="true"${cartCount ? "" : " hidden"}>${cartCount}</span></a></div>
</header></div>
<main>
${options.before ?? ""}
${product}
${sections}
</main>
<footer class="footer"><div class="page-width">© ${escapeHtml(title)}</div></footer>
</body>
</html>
`;
}

/** renderFeedBlock + storefrontPage in one call. */
export async function renderFeedPage(
  options: RenderFeedBlockOptions & { assetBaseUrl: string; title?: string; before?: string },
): Promise<string> {
  const block = await renderFeedBlock(options);
  return storefrontPage({
    blocks: block,
    assetBaseUrl: options.assetBaseUrl,
    title: options.title,
    lang: options.locale,
    before: options.before,
    shop: options.shop,
    routesRoot: options.routesRoot,
  });
}
