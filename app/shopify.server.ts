import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { config } from "./config.server";
import { db } from "./db.server";
import { addBlockUrl } from "./components/theme-block";
import { SANDBOX_THEME_EDITOR_PATH } from "./sandbox/paths";

const settings = config();

export const apiVersion = ApiVersion.October25;

// Outside production (config refuses it there), every shop's Admin API calls can go to a fake: the
// library's own fetch hook rewrites https://<shop>/admin/… to <origin>/shops/<shop>/admin/….
if (settings.NODE_ENV !== "production") {
  setAbstractFetchFunc((input, init) => {
    const origin = config().SHOPIFY_ADMIN_API_ORIGIN; // read per call: tests start their fake after import
    if (!origin) return fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    return fetch(`${origin}/shops/${encodeURIComponent(url.host)}${url.pathname}${url.search}`, init);
  });
}

const shopify = shopifyApp({
  apiKey: settings.SHOPIFY_API_KEY,
  apiSecretKey: settings.SHOPIFY_API_SECRET,
  apiVersion,
  scopes: settings.SCOPES.split(",")
    .map((scope) => scope.trim())
    .filter(Boolean),
  appUrl: settings.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(db()),
  distribution: AppDistribution.AppStore,
  // The library logs request details at debug level; warnings and errors are all operators need.
  logger: { level: settings.NODE_ENV === "development" ? LogSeverity.Info : LogSeverity.Warning },
  future: { unstable_newEmbeddedAuthStrategy: true },
});

export default shopify;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const sessionStorage = shopify.sessionStorage;

/** Shopify's document headers (frame-ancestors CSP and friends); the sandbox's stand-in admin may frame us too. */
export function addDocumentResponseHeaders(request: Request, headers: Headers): void {
  shopify.addDocumentResponseHeaders(request, headers);
  if (!settings.SANDBOX) return;
  const policy = headers.get("Content-Security-Policy");
  if (policy) headers.set("Content-Security-Policy", policy.replace("frame-ancestors", "frame-ancestors 'self'"));
  headers.delete("Link"); // preloads Shopify's CDN App Bridge, which the sandbox replaces
}

/** The theme editor, open with the feed block ready to add (the sandbox has a stand-in of its own). */
export function themeEditorUrl(shop: string): string {
  const url = new URL(addBlockUrl(shop, settings.SHOPIFY_API_KEY));
  return settings.SANDBOX ? `${settings.SHOPIFY_APP_URL}${SANDBOX_THEME_EDITOR_PATH}${url.search}` : url.toString();
}

/** Where the embedded app's page `path` lives inside the merchant's admin (or the sandbox's stand-in admin). */
export function adminAppUrl(shop: string, path: string): string {
  if (settings.SANDBOX) return `${settings.SHOPIFY_APP_URL}/sandbox?path=${encodeURIComponent(path)}`;
  const store = shop.replace(/\.myshopify\.com$/, "");
  return `https://admin.shopify.com/store/${store}/apps/${settings.SHOPIFY_API_KEY}${path}`;
}
