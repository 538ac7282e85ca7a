// Whether Social Feed may read the shop's products. `read_products` is an optional scope: the merchant
// grants it the first time they press Tag products (App Bridge's Scopes API), and Shopify then sends
// app/scopes_update, which records it in the offline session's scope. Everything else works without it.
import { db } from "../db.server";
import { grantedScopes, scopesOf } from "../shop/granted-scopes.server";
import { requestPublish } from "../feed/publish-request.server";
import { ProductsApiError } from "./product-admin.server";

const PRODUCT_SCOPES = ["read_products", "write_products"];
const READ_PRODUCTS = "read_products";

/** Whether the shop's offline session carries a scope that reads products. */
export async function hasProductAccess(shop: string): Promise<boolean> {
  return (await grantedScopes(shop)).some((name) => PRODUCT_SCOPES.includes(name));
}

/**
 * Brings the recorded scope in line with what the Admin API just showed. app/scopes_update can arrive after
 * the merchant's first tag (it is a webhook, sent when they grant): without this, the first publish after
 * granting would still think products are out of reach. Only read_products is ever added or removed here.
 */
async function recordProductAccess(shop: string, granted: boolean): Promise<void> {
  const session = await db().session.findFirst({
    where: { shop, isOnline: false },
    select: { id: true, scope: true },
  });
  if (!session) return;
  const scopes = scopesOf(session.scope);
  const has = scopes.some((name) => PRODUCT_SCOPES.includes(name));
  if (has === granted) return;
  const next = granted ? [...scopes, READ_PRODUCTS] : scopes.filter((name) => !PRODUCT_SCOPES.includes(name));
  await db().session.update({ where: { id: session.id }, data: { scope: next.join(",") } });
}

/**
 * Runs an Admin API call on the shop's products, recording what it showed of product access. Its typed
 * failures (no access, Shopify unavailable) come back as a problem for the merchant; others are thrown.
 */
export async function withProductAccess<T>(
  shop: string,
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; problem: ProductsApiError["problem"] }> {
  try {
    const value = await call();
    await recordProductAccess(shop, true);
    return { ok: true, value };
  } catch (error) {
    if (!(error instanceof ProductsApiError)) throw error;
    if (error.problem === "no_access") await recordProductAccess(shop, false);
    return { ok: false, problem: error.problem };
  }
}

/**
 * app/scopes_update: records the scopes Shopify now grants, and republishes when product access came or
 * went, so tagged products appear on the storefront as soon as the merchant allows it (and leave when
 * they take it back) instead of at the next sync or edit.
 */
export async function recordGrantedScopes(
  session: { id: string; shop: string; scope?: string | null },
  current: string[],
) {
  const hadAccess = scopesOf(session.scope).some((name) => PRODUCT_SCOPES.includes(name));
  await db().session.update({ where: { id: session.id }, data: { scope: current.join(",") } });
  if (hadAccess !== current.some((name) => PRODUCT_SCOPES.includes(name))) await requestPublish(session.shop);
}
