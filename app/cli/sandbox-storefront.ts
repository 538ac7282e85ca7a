// The sandbox's "Storefront preview": the real theme blocks, rendered by liquidjs exactly as the theme
// would render them. For one template (`?template=`, the home page by default) it renders every Instagram
// feed block the stand-in theme editor saved there (app/sandbox/sandbox-theme.ts), in order, each with
// the feed chosen in its Feed setting: that feed's published document (Feed.document, the same JSON as
// its app-data metafield) and the live products its products metafield (feed_<id>_products, as the
// Admin API stand-in holds it) resolves to, ACTIVE and on the Online Store only, as on Shopify. The
// product template (`?template=product&product=<handle>`, or `products/<handle>`) shows the product and
// the "Instagram posts for this product" block (the product_posts metafield), as the sandbox theme's
// product template has it. A stand-in cart (app/sandbox/storefront-cart.ts) answers the Ajax Cart API
// below the preview (window.Shopify.routes.root), and the header's count follows its cart events; its
// cart page's "Complete order" places a stand-in order. Once the app has connected its web pixel, every
// page runs it against a stand-in of Shopify's customer-events bus (app/sandbox/pixel-stand-in.ts), with
// the settings the app gave it: the block's events, cart adds and orders reach the app's /ingest.
// `?design=1` renders as the theme editor does (placeholders visible).
// Lives beside the sandbox CLI (not in the app bundle): liquidjs is a devDependency, which `npm ci`
// installs and the sandbox (a development tool) may use.
import path from "node:path";
import express from "express";
import { feedProductsKey } from "../feed/feed-document";
import { GALLERY_METAFIELD } from "../feed/gallery-document";
import { SANDBOX_STOREFRONT_PATH, SANDBOX_THEME_EDITOR_PATH } from "../sandbox/paths";
import { pixelHead, pixelWorkerScript, type PixelSettings, type StandardEvent } from "../sandbox/pixel-stand-in";
import { createStandInCart } from "../sandbox/storefront-cart";
import {
  BLOCK_NAME,
  EXTENSION_DIR,
  PRODUCT_POSTS_BLOCK,
  isOnOnlineStore,
  liquidProduct,
  renderFeedBlock,
  renderProductPostsBlock,
  resolveProductReferences,
  storefrontPage,
  type AdminProduct,
  type RenderedBlock,
} from "../sandbox/storefront-render";
import {
  THEME_TEMPLATES,
  ThemeTemplateName,
  themeBlocksFromCookie,
  type ThemeTemplate,
} from "../sandbox/sandbox-theme";

const ASSETS = `${SANDBOX_STOREFRONT_PATH}/assets/`;

/** A live feed of the sandbox shop, as stored: `document` is its published JSON, null before the first publish. */
export interface StoredFeed {
  id: string;
  name: string;
  document: string | null;
}

export interface StorefrontPreviewOptions {
  /** The sandbox shop's live (not deleted) feeds among `ids`. */
  readFeeds(ids: string[]): Promise<StoredFeed[]>;
  /** The app's API key, for the theme editor link that adds a block (as "Add to theme" does). */
  apiKey: string;
  /** The sandbox shop's products, as the Admin API stand-in holds them. */
  products(): AdminProduct[];
  /** The value of the app-data metafield social_feed.<key> the Admin API stand-in holds, parsed; undefined when absent. */
  metafield(key: string): unknown;
  /** The web pixel's settings as the app connected it (webPixelCreate); null while it isn't: no pixel runs. */
  pixelSettings(): Promise<PixelSettings | null>;
}

/** Where the preview's storefront lives: its cart and product pages are below it, as below a shop's root. */
const ROOT = `${SANDBOX_STOREFRONT_PATH}/`;
const PIXEL_WORKER = `${SANDBOX_STOREFRONT_PATH}/pixel/worker.js`;
/** The sandbox shop's currency (the Admin API stand-in's prices are in it). */
const CURRENCY = "USD";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** For the sandbox user, not a storefront visitor: why the page shows no feed, and where to add one. */
function noBlockNote(template: string, apiKey: string): string {
  const label = THEME_TEMPLATES.find((entry) => entry.template === template)?.label ?? template;
  const editor = `${SANDBOX_THEME_EDITOR_PATH}?${new URLSearchParams({ template, addAppBlockId: `${apiKey}/${BLOCK_NAME}` })}`;
  return `<div class="page-width" style="padding-top:2.4rem">
<p role="note" style="margin:0;padding:1.2rem 1.6rem;border:1px dashed #8a8a8a;border-radius:8px;background:#fff8e5;color:#1a1a1a">
No Instagram feed block on this template (${escapeHtml(label)}) yet — <a href="${escapeHtml(editor)}">add one in the theme editor</a>.
</p>
</div>`;
}

/** For the sandbox user: the product template names no product the storefront shows. */
function noProductNote(): string {
  return `<div class="page-width" style="padding-top:2.4rem"><p role="note" style="margin:0;padding:1.2rem 1.6rem;border:1px dashed #8a8a8a;border-radius:8px;background:#fff8e5;color:#1a1a1a">
No such product on the Online Store: the sandbox shop has no active product published there with this handle.
</p></div>`;
}

export function storefrontPreviewRoutes(options: StorefrontPreviewOptions) {
  const liveProducts = () => options.products().filter(isOnOnlineStore);
  const cart = createStandInCart(() => liveProducts().map((product) => liquidProduct(product, ROOT)), ROOT, CURRENCY);
  /** The <head> HTML that runs the pixel on a page with these standard events, when the app connected it. */
  const headFor = async () => {
    const settings = await options.pixelSettings();
    return (events: StandardEvent[] = []) =>
      settings ? pixelHead({ workerUrl: PIXEL_WORKER, settings, currency: CURRENCY, events }) : "";
  };

  const renderPage = async (req: express.Request, template: ThemeTemplate, handle?: string) => {
    const designMode = req.query.design === "1";
    const blocks = themeBlocksFromCookie(req.headers.cookie).filter((block) => block.template === template);
    const chosenIds = [...new Set(blocks.flatMap((block) => (block.feedId ? [block.feedId] : [])))];
    const feeds = new Map((await options.readFeeds(chosenIds)).map((feed) => [feed.id, feed]));
    const all = options.products();
    const rendered: RenderedBlock[] = await Promise.all(
      blocks.map(async (block, index) => {
        const stored = block.feedId ? feeds.get(block.feedId) : undefined;
        // No feed chosen, or the chosen one was deleted: Shopify hands the block a blank setting.
        const feed = stored
          ? {
              id: stored.id,
              name: stored.name,
              document: stored.document ? (JSON.parse(stored.document) as unknown) : null,
            }
          : null;
        const gids = stored ? options.metafield(feedProductsKey(stored.id)) : undefined;
        const html = await renderFeedBlock({
          feed,
          products: gids === undefined ? undefined : resolveProductReferences(gids, all, ROOT),
          designMode,
          blockId: `SandboxBlock${index + 1}`,
          assetBaseUrl: ASSETS,
          routesRoot: ROOT,
        });
        return { name: BLOCK_NAME, html };
      }),
    );
    let product;
    let before = blocks.length ? "" : noBlockNote(template, options.apiKey);
    if (template === "product") {
      const live = liveProducts();
      const found = handle === undefined ? live[0] : live.find((candidate) => candidate.handle === handle);
      product = found && liquidProduct(found, ROOT);
      if (!product) before = noProductNote() + before;
      const html = await renderProductPostsBlock({
        product: product ?? null,
        gallery: options.metafield(GALLERY_METAFIELD.key) ?? null,
        designMode,
        blockId: "SandboxProductPosts",
        assetBaseUrl: ASSETS,
        routesRoot: ROOT,
      });
      rendered.unshift({ name: PRODUCT_POSTS_BLOCK, html });
    }
    return storefrontPage({
      blocks: rendered,
      assetBaseUrl: ASSETS,
      title: "Sandbox shop",
      before: before || undefined,
      product,
      routesRoot: ROOT,
      cartCount: cart.itemCount(req.headers.cookie),
      head: (await headFor())(),
    });
  };

  return (app: express.Express) => {
    app.use(ASSETS, express.static(path.join(EXTENSION_DIR, "assets")));
    app.get(PIXEL_WORKER, async (_req, res, next) => {
      try {
        res.type("js").send(await pixelWorkerScript());
      } catch (error) {
        next(error);
      }
    });
    app.get(SANDBOX_STOREFRONT_PATH, async (req, res, next) => {
      try {
        const template = ThemeTemplateName.catch("index").parse(req.query.template);
        const handle = typeof req.query.product === "string" ? req.query.product : undefined;
        res.type("html").send(await renderPage(req, template, handle));
      } catch (error) {
        next(error);
      }
    });
    app.get(`${ROOT}products/:handle`, async (req, res, next) => {
      try {
        res.type("html").send(await renderPage(req, "product", req.params.handle));
      } catch (error) {
        next(error);
      }
    });
    // The Ajax Cart API, the cart page and the stand-in checkout, below the storefront's root as
    // Shopify.routes.root says.
    app.all(
      [`${ROOT}cart*`, `${ROOT}checkout*`],
      express.text({ type: "*/*", limit: "64kb" }),
      async (req, res, next) => {
        try {
          const answer = cart.handle({
            method: req.method,
            path: req.path.slice(ROOT.length),
            cookie: req.headers.cookie,
            contentType: req.headers["content-type"],
            body: typeof req.body === "string" ? req.body : "",
            pageHead: await headFor(),
          });
          if (!answer) return next();
          res.status(answer.status).set(answer.headers).send(answer.body);
        } catch (error) {
          next(error);
        }
      },
    );
  };
}
