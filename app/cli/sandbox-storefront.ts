// The sandbox's "Storefront preview": the real theme block, rendered by liquidjs exactly as the theme
// would render it. For one template (`?template=`, the home page by default) it renders every Instagram
// feed block the stand-in theme editor saved there (app/sandbox/sandbox-theme.ts), in order, each with
// the feed chosen in its Feed setting: that feed's published document (Feed.document, the same JSON as
// its app-data metafield). `?design=1` renders as the theme editor does (placeholders visible).
// Lives beside the sandbox CLI (not in the app bundle): liquidjs is a devDependency, which `npm ci`
// installs and the sandbox (a development tool) may use.
import path from "node:path";
import express from "express";
import { SANDBOX_STOREFRONT_PATH, SANDBOX_THEME_EDITOR_PATH } from "../sandbox/paths";
import { BLOCK_NAME, EXTENSION_DIR, renderFeedBlock, storefrontPage } from "../sandbox/storefront-render";
import { THEME_TEMPLATES, ThemeTemplateName, themeBlocksFromCookie } from "../sandbox/sandbox-theme";

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
}

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

export function storefrontPreviewRoutes(options: StorefrontPreviewOptions) {
  return (app: express.Express) => {
    app.use(ASSETS, express.static(path.join(EXTENSION_DIR, "assets")));
    app.get(SANDBOX_STOREFRONT_PATH, async (req, res, next) => {
      try {
        const template = ThemeTemplateName.catch("index").parse(req.query.template);
        const designMode = req.query.design === "1";
        const blocks = themeBlocksFromCookie(req.headers.cookie).filter((block) => block.template === template);
        const chosenIds = [...new Set(blocks.flatMap((block) => (block.feedId ? [block.feedId] : [])))];
        const feeds = new Map((await options.readFeeds(chosenIds)).map((feed) => [feed.id, feed]));
        const rendered = await Promise.all(
          blocks.map((block, index) => {
            const stored = block.feedId ? feeds.get(block.feedId) : undefined;
            // No feed chosen, or the chosen one was deleted: Shopify hands the block a blank setting.
            const feed = stored
              ? {
                  id: stored.id,
                  name: stored.name,
                  document: stored.document ? (JSON.parse(stored.document) as unknown) : null,
                }
              : null;
            return renderFeedBlock({ feed, designMode, blockId: `SandboxBlock${index + 1}`, assetBaseUrl: ASSETS });
          }),
        );
        const html = storefrontPage({
          blocks: rendered,
          assetBaseUrl: ASSETS,
          title: "Sandbox shop",
          before: blocks.length ? undefined : noBlockNote(template, options.apiKey),
        });
        res.type("html").send(html);
      } catch (error) {
        next(error);
      }
    });
  };
}
