// The sandbox's "Storefront preview": the real theme block, rendered by liquidjs exactly as the theme
// would render it, from the sandbox shop's published feed (the same JSON as the app-data metafield).
// Lives beside the sandbox CLI (not in the app bundle): liquidjs is a devDependency, which `npm ci`
// installs and the sandbox (a development tool) may use.
import path from "node:path";
import express from "express";
import { EXTENSION_DIR, renderFeedPage } from "../sandbox/storefront-render";

const ASSETS = "/sandbox/storefront/assets/";

export function storefrontPreviewRoutes(readPublishedFeed: () => Promise<string | null>) {
  return (app: express.Express) => {
    app.use(ASSETS, express.static(path.join(EXTENSION_DIR, "assets")));
    app.get("/sandbox/storefront", async (_req, res) => {
      const document = await readPublishedFeed();
      const feed = document ? (JSON.parse(document) as unknown) : null;
      // Before anything is published, show what the theme editor shows: the block's placeholder.
      const html = await renderFeedPage({ feed, designMode: !feed, assetBaseUrl: ASSETS, title: "Sandbox shop" });
      res.type("html").send(html);
    });
  };
}
