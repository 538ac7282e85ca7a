// Renders the Social Feed theme app extension (extensions/social-feed) with liquidjs, as Shopify would
// render the "Instagram feed" app block on a storefront, so the sandbox's Storefront preview
// (app/cli/sandbox-storefront.ts), the tests and the benchmarks all see the real block. Only what the block uses is emulated:
//   - tags: {% schema %}, {% stylesheet %}, {% javascript %} are swallowed (Shopify reads them, never prints them)
//   - filters: liquidjs' built-ins (escape, append, json, ...), plus `t` (the extension's locale files, with
//     `name: value` interpolation), `asset_url` (base URL + file name), `stylesheet_tag` (Shopify's <link>,
//     extra `name: value` attributes; `preload` only adds a Link response header, never a tag attribute)
//     and Shopify's integer `divided_by`
//   - objects: block (id, settings from the schema defaults merged with overrides, shopify_attributes; the
//     `feed` setting as the $app:feed metaobject entry Shopify would hand over: name and key fields),
//     app.metafields.social_feed[<key>].value (the chosen feed's document), request (design_mode, locale)
// Filters the block uses but this file doesn't know fail the render (strictFilters), so a new Shopify
// filter in the block shows up here instead of silently rendering nothing.
//
// Development only: liquidjs is a devDependency. `npm run sandbox` runs after `npm ci`, which installs
// devDependencies, so the sandbox has it; the app's bundle (app/routes, build/) must never import this file.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { Liquid, Tag, TypeGuards, type TagToken, type TopLevelToken } from "liquidjs";
import { FEED_METAFIELD, feedMetafieldKey, type FeedDocument } from "../feed/feed-document";

export const EXTENSION_DIR = path.resolve(import.meta.dirname, "../../extensions/social-feed");
export const BLOCK_NAME = "instagram-feed";
export const BLOCK_FILE = path.join(EXTENSION_DIR, "blocks", `${BLOCK_NAME}.liquid`);

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

export interface RenderFeedBlockOptions {
  /**
   * The block's feed. A document alone stands for a chosen feed named "Main"; null/undefined = no feed
   * chosen, or the chosen one was deleted (Shopify then hands the setting over as blank).
   */
  feed?: FeedDocument | ChosenFeed | null | unknown;
  settings?: Partial<FeedBlockSettings>;
  /** request.design_mode: true inside the theme editor. */
  designMode?: boolean;
  /** Storefront locale (e.g. "en", "fr"); falls back to the default locale file. */
  locale?: string;
  blockId?: string;
  /** Where the extension's assets are served from (asset_url); ends with "/". */
  assetBaseUrl?: string;
}

export function blockSchema(): BlockSchema {
  const source = readFileSync(BLOCK_FILE, "utf8");
  const match = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(source);
  if (!match) throw new Error(`${BLOCK_FILE} has no {% schema %}`);
  return JSON.parse(match[1]!) as BlockSchema;
}

/** The schema's defaults: what a merchant gets when adding the block. */
export function defaultSettings(): FeedBlockSettings {
  const settings: Record<string, unknown> = {};
  for (const setting of blockSchema().settings) {
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
export function blockAssets(): { stylesheet?: string; javascript?: string } {
  const { stylesheet, javascript } = blockSchema();
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

/** The block's HTML, as Shopify renders it inside its app-block wrapper. */
export async function renderFeedBlock(options: RenderFeedBlockOptions = {}): Promise<string> {
  const {
    feed = null,
    settings = {},
    designMode = false,
    locale = "en",
    blockId = "AbCdEf123",
    assetBaseUrl = "/assets/",
  } = options;
  const chosen = chosenFeed(feed);
  const key = chosen && feedMetafieldKey(chosen.id);
  const metafields =
    chosen && key && chosen.document != null ? { [key]: { value: chosen.document, type: FEED_METAFIELD.type } } : {};
  const scope = {
    app: { metafields: { [FEED_METAFIELD.namespace]: metafields } },
    block: {
      id: blockId,
      type: `social-feed/${BLOCK_NAME}`,
      settings: {
        ...defaultSettings(),
        ...settings,
        feed: chosen ? { name: { value: chosen.name }, key: { value: key } } : null,
      },
      shopify_attributes: designMode ? `data-shopify-editor-block="{&quot;id&quot;:&quot;${blockId}&quot;}"` : "",
    },
    request: { design_mode: designMode, locale: { iso_code: locale } },
    section: { id: "template--apps" },
  };
  return engineFor(locale, assetBaseUrl).renderFile(BLOCK_NAME, scope);
}

export interface StorefrontPageOptions {
  /** The rendered block(s), each placed in its own app-block wrapper in an "Apps" section. */
  blocks: string | string[];
  /** Base URL the extension's assets are served from (the block's stylesheet and javascript). */
  assetBaseUrl: string;
  title?: string;
  lang?: string;
  /** Extra HTML placed before the feed (e.g. a hero), to test the block further down the page. */
  before?: string;
}

/**
 * A minimal Dawn-like storefront around the block(s): Dawn's colour and button variables, 62.5% root
 * size, page-width container, a header (Dawn's "logo left, menu middle-left"), a system font; what the
 * schema names in <head> as Shopify injects it for an app block (a stylesheet, render-blocking, and the
 * javascript, deferred), when there is a block.
 * Like the block, the page never moves what is already painted while the HTML streams in, so layout
 * shift measured on it is the block's own.
 */
export function storefrontPage(options: StorefrontPageOptions): string {
  const blocks = Array.isArray(options.blocks) ? options.blocks : [options.blocks];
  // Shopify injects a block's assets only on pages the block is on.
  const { stylesheet, javascript } = blocks.length ? blockAssets() : ({} as ReturnType<typeof blockAssets>);
  const title = options.title ?? "Acme Studio";
  const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const sections = blocks
    .map(
      (html, i) =>
        `<div class="section-apps page-width"><div id="shopify-block-${i}" class="shopify-app-block">${html}</div></div>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="${escapeHtml(options.lang ?? "en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
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
.footer { margin-top: 4rem; padding: 4rem 0; border-top: 1px solid rgba(var(--color-foreground), .08); font-size: 1.3rem; }
</style>
${stylesheet ? `<link rel="stylesheet" href="${escapeHtml(options.assetBaseUrl + stylesheet)}">` : ""}
${javascript ? `<script src="${escapeHtml(options.assetBaseUrl + javascript)}" defer></script>` : ""}
</head>
<body>
<div class="announcement" role="region" aria-label="Announcement">Free shipping on orders over $50</div>
<div class="header-wrapper"><header class="header page-width">
<h1 class="header__heading"><a class="header__logo" href="/">${escapeHtml(title)}</a></h1>
<ul class="header__nav"><li><a href="/">Home</a></li><li><a href="/collections/all">Catalog</a></li><li><a href="/pages/contact">Contact</a></li></ul>
<div class="header__icons"><a href="/search" aria-label="Search"><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6"><circle cx="11" cy="11" r="7"/><path d="M20 20l-3.5-3.5"/></svg></a><a href="/cart" aria-label="Cart"><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.6"><path d="M5 8h14l-1 12H6L5 8z"/><path d="M9 8V6a3 3 0 0 1 6 0v2"/></svg></a></div>
</header></div>
<main>
${options.before ?? ""}
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
  });
}
