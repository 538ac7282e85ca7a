// The offline sandbox: the app, a local Instagram stand-in and a seeded shop, on localhost, with no
// Shopify or Meta account. `npm run sandbox` builds the app and runs this.
// Everything here is sandbox-only: config refuses SANDBOX=1 when NODE_ENV=production.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { startFakeInstagram } from "../../tests/fakes/instagram/index";
import { startFakeShopifyAdmin } from "../../tests/fakes/shopify-admin/index";

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
  SCOPES: "write_files,write_app_proxy",
  INSTAGRAM_APP_ID: "990602627938098",
  INSTAGRAM_APP_SECRET: "sandbox-instagram-secret",
  INSTAGRAM_BASE_URL: `http://127.0.0.1:${instagramPort}`,
  SHOPIFY_ADMIN_API_ORIGIN: `http://127.0.0.1:${adminPort}`,
  DATABASE_URL: process.env.DATABASE_URL || "file:./sandbox.sqlite",
  PORT: String(port),
};

function migrate() {
  const result = spawnSync("npx", ["prisma", "migrate", "deploy", "--config", "prisma/prisma.config.ts"], {
    cwd: root,
    env: { ...process.env, ...SANDBOX_ENV },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`Database migration failed:\n${result.stdout}\n${result.stderr}`);
}

async function main() {
  Object.assign(process.env, SANDBOX_ENV);
  migrate();
  const instagram = await startFakeInstagram({
    appId: SANDBOX_ENV.INSTAGRAM_APP_ID,
    appSecret: SANDBOX_ENV.INSTAGRAM_APP_SECRET,
    port: instagramPort,
  });
  instagram.addAccount({ username: "sandbox.studio", accountType: "BUSINESS", name: "Sandbox Studio", mediaCount: 36 });
  instagram.addAccount({ username: "sandbox.creator", accountType: "MEDIA_CREATOR", name: "Sandbox Creator", mediaCount: 8 });
  instagram.addAccount({ username: "sandbox.personal", accountType: "PERSONAL", name: "A personal account" });
  // Shopify's Admin API (metafields, Files) for publishing the feed.
  const shopifyAdmin = await startFakeShopifyAdmin({ port: adminPort });

  // Imported only now: these read the sandbox settings set above.
  const { seedSandboxShop } = await import("../sandbox/seed.server");
  await seedSandboxShop();
  const { startServer } = await import("./serve");
  const { publishedFeedFor } = await import("../feed/published.server");
  const { SANDBOX_SHOP } = await import("../sandbox/paths");
  const { storefrontPreviewRoutes } = await import("./sandbox-storefront");
  const readFeed = async () => (await publishedFeedFor(SANDBOX_SHOP))?.document ?? null;
  const app = await startServer(port, { extraRoutes: storefrontPreviewRoutes(readFeed) });

  console.log(`\nSocial Feed sandbox is ready: open ${appUrl}/sandbox (storefront preview: ${appUrl}/sandbox/storefront)\n(Instagram stand-in at ${instagram.origin}, Shopify Admin API stand-in at ${shopifyAdmin.origin}; Ctrl+C stops all)\n`);
  const stop = () => {
    void Promise.all([app.stop(), instagram.close(), shopifyAdmin.close()]).then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
