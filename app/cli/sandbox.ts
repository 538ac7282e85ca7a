// The offline sandbox: the app, a local Instagram stand-in and a seeded shop, on localhost, with no
// Shopify or Meta account. `npm run sandbox` builds the app and runs this.
// Everything here is sandbox-only: config refuses SANDBOX=1 when NODE_ENV=production.
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../migrations.server";
import { portInUse } from "./serve";
import { startEmbeddedPostgres, usableDataDirectory } from "../sandbox/embedded-postgres.server";
import { startFakeInstagram } from "../sandbox/stand-ins/instagram/index";
import { startFakeShopifyAdmin } from "../sandbox/stand-ins/shopify-admin/index";

const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.env.PORT || 3000);
const instagramPort = Number(process.env.SANDBOX_INSTAGRAM_PORT || port + 100);
const adminPort = Number(process.env.SANDBOX_ADMIN_API_PORT || port + 200);
const appUrl = `http://localhost:${port}`;

const SANDBOX_ENV = {
  NODE_ENV: "development" as const,
  SANDBOX: "1",
  SHOPIFY_API_KEY: "sandbox-api-key",
  SHOPIFY_API_SECRET: "sandbox-api-secret",
  SHOPIFY_APP_URL: appUrl,
  SCOPES: "write_files,write_app_proxy,write_metaobject_definitions,write_metaobjects",
  INSTAGRAM_APP_ID: "990602627938098",
  INSTAGRAM_APP_SECRET: "sandbox-instagram-secret",
  INSTAGRAM_BASE_URL: `http://127.0.0.1:${instagramPort}`,
  SHOPIFY_ADMIN_API_ORIGIN: `http://127.0.0.1:${adminPort}`,
  PORT: String(port),
};

/**
 * DATABASE_URL when given; otherwise PostgreSQL embedded in the sandbox (its data in SANDBOX_DATA_DIR,
 * .sandbox/postgres by default,
 * kept between runs), so a laptop with no database server needs nothing installed.
 */
async function sandboxDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const dataDirectory =
    process.env.SANDBOX_DATA_DIR ||
    usableDataDirectory(path.join(root, ".sandbox/postgres"), path.join(tmpdir(), "social-feed-sandbox-postgres"));
  const server = await startEmbeddedPostgres({ dataDirectory, log: console.error });
  const admin = new pg.Client({ connectionString: server.urlFor("postgres") });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'social_feed'");
  if (!rowCount) await admin.query("CREATE DATABASE social_feed");
  await admin.end();
  return { url: server.urlFor("social_feed"), stop: () => server.stop() };
}

async function main() {
  const database = await sandboxDatabase();
  Object.assign(process.env, SANDBOX_ENV, { DATABASE_URL: database.url });
  await applyMigrations(database.url);
  const instagram = await startFakeInstagram({
    appId: SANDBOX_ENV.INSTAGRAM_APP_ID,
    appSecret: SANDBOX_ENV.INSTAGRAM_APP_SECRET,
    port: instagramPort,
    sandboxControls: true,
  });
  instagram.addAccount({ username: "sandbox.studio", accountType: "BUSINESS", name: "Sandbox Studio", mediaCount: 36 });
  instagram.addAccount({
    username: "sandbox.creator",
    accountType: "MEDIA_CREATOR",
    name: "Sandbox Creator",
    mediaCount: 8,
  });
  instagram.addAccount({ username: "sandbox.personal", accountType: "PERSONAL", name: "A personal account" });
  // Shopify: its Admin API (metafields, Files, the shop's products), and what the admin's App Bridge asks
  // of it (scopes, the resource picker); it tells the app of granted scopes by webhook, as Shopify does.
  const shopifyAdmin = await startFakeShopifyAdmin({
    port: adminPort,
    app: { url: appUrl, apiSecret: SANDBOX_ENV.SHOPIFY_API_SECRET },
    sandboxControls: true,
  });

  // Imported only now: these read the sandbox settings set above.
  const { seedSandboxShop } = await import("../sandbox/seed.server");
  await seedSandboxShop();
  const { startServer } = await import("./serve");
  const { db } = await import("../db.server");
  const { SANDBOX_SHOP } = await import("../sandbox/paths");
  const { storefrontPreviewRoutes } = await import("./sandbox-storefront");
  // The blocks' feeds as Shopify would resolve them: live feeds of the shop, with their published JSON.
  const readFeeds = (ids: string[]) =>
    db().feed.findMany({
      where: { id: { in: ids }, shop: SANDBOX_SHOP, deletedAt: null },
      select: { id: true, name: true, document: true },
    });
  const app = await startServer(port, {
    extraRoutes: storefrontPreviewRoutes({
      readFeeds,
      apiKey: SANDBOX_ENV.SHOPIFY_API_KEY,
      // The storefront's side of Shopify: the shop's products and the app-data metafields the app wrote.
      products: () => shopifyAdmin.products(SANDBOX_SHOP),
      metafield: (key) => shopifyAdmin.metafield(SANDBOX_SHOP, "social_feed", key),
      // The web pixel runs once the app connected it (AnalyticsPixel), with the settings it gave Shopify.
      pixelSettings: async () => {
        const pixel = await db().analyticsPixel.findUnique({ where: { shop: SANDBOX_SHOP } });
        return pixel?.webPixelId ? { ingestUrl: `${appUrl}/ingest`, shop: SANDBOX_SHOP, key: pixel.key } : null;
      },
    }),
  });

  console.log(
    `\nSocial Feed sandbox is ready: open ${appUrl}/sandbox (storefront preview: ${appUrl}/sandbox/storefront)\n(Instagram stand-in at ${instagram.origin}, Shopify Admin API stand-in at ${shopifyAdmin.origin}; Ctrl+C stops all)\n`,
  );
  const stop = () => {
    void Promise.all([app.stop(), instagram.close(), shopifyAdmin.close()])
      .then(() => database.stop())
      .then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  const taken = (error as { port?: number }).port ?? port;
  const setting =
    taken === instagramPort
      ? "SANDBOX_INSTAGRAM_PORT (or PORT: the Instagram stand-in uses PORT + 100)"
      : taken === adminPort
        ? "SANDBOX_ADMIN_API_PORT (or PORT: the Admin API stand-in uses PORT + 200)"
        : "PORT";
  const inUse = portInUse(error, taken, setting);
  console.error(inUse ?? (error instanceof Error ? error.message : error));
  process.exit(inUse ? 2 : 1);
});
