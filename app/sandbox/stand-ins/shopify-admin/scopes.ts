// The app's access scopes per shop, as Shopify keeps them: the required scopes from installation, plus
// optional ones the merchant grants later (App Bridge's scopes.request). Each change is sent to the app
// as the `app/scopes_update` webhook, signed with the app's secret, when the fake knows where the app is.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { config } from "../../../config.server";
import { ADMIN_API_VERSION } from "./schema";
import { installationId, legacyId, type FakeAdminState } from "./state";

/** The app as Shopify knows it: where its webhooks go and the secret they are signed with. */
export interface FakeAppTarget {
  url: string;
  apiSecret: string;
}

export interface ScopesDetail {
  granted: string[];
  required: string[];
  optional: string[];
}

const PRODUCT_SCOPES = ["read_products", "write_products"];

/** The app's required scopes (its SCOPES setting, as Shopify has them from the app's configuration). */
export const requiredScopes = () =>
  config()
    .SCOPES.split(",")
    .map((scope) => scope.trim())
    .filter(Boolean);

/** The optional scopes declared in shopify.app.toml (`[access_scopes] optional_scopes = [...]`). */
export function optionalScopes(): string[] {
  try {
    const toml = readFileSync(path.resolve(import.meta.dirname, "../../../../shopify.app.toml"), "utf8");
    const list = /^\s*optional_scopes\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? "";
    return [...list.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
  } catch {
    return [];
  }
}

export function grantedScopes(state: FakeAdminState, shop: string): Set<string> {
  let granted = state.scopes.get(shop);
  if (!granted) state.scopes.set(shop, (granted = new Set(requiredScopes())));
  return granted;
}

/** write_products implies read_products, as in Shopify. */
export const hasProductAccess = (state: FakeAdminState, shop: string) =>
  PRODUCT_SCOPES.some((scope) => grantedScopes(state, shop).has(scope));

export function scopesDetail(state: FakeAdminState, shop: string): ScopesDetail {
  return { granted: [...grantedScopes(state, shop)], required: requiredScopes(), optional: optionalScopes() };
}

export interface WebhookDelivery {
  topic: string;
  shop: string;
  payload: unknown;
  /** The app's HTTP status, or the reason it could not be reached. */
  outcome: number | string;
}

/** POSTs a webhook to the app as Shopify does: JSON body, HMAC-SHA256 of it (base64) with the app's secret. */
export async function deliverWebhook(
  app: FakeAppTarget,
  delivery: Omit<WebhookDelivery, "outcome">,
): Promise<WebhookDelivery> {
  const body = JSON.stringify(delivery.payload);
  try {
    const response = await fetch(new URL(`/webhooks/${delivery.topic}`, app.url), {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Hmac-Sha256": createHmac("sha256", app.apiSecret).update(body).digest("base64"),
        "X-Shopify-Topic": delivery.topic,
        "X-Shopify-Shop-Domain": delivery.shop,
        "X-Shopify-API-Version": ADMIN_API_VERSION,
        "X-Shopify-Webhook-Id": randomUUID(),
        "X-Shopify-Event-Id": randomUUID(),
        "X-Shopify-Triggered-At": new Date().toISOString(),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return { ...delivery, outcome: response.status };
  } catch (error) {
    return { ...delivery, outcome: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Grants and revokes scopes for a shop, then (when the app's address is known) tells the app with the
 * `app/scopes_update` webhook and waits for its answer, so the app's session knows before this returns.
 */
export async function changeScopes(
  state: FakeAdminState,
  shop: string,
  change: { grant?: string[]; revoke?: string[] },
  app: FakeAppTarget | undefined,
  deliveries: WebhookDelivery[],
): Promise<ScopesDetail> {
  const granted = grantedScopes(state, shop);
  const previous = [...granted];
  for (const scope of change.grant ?? []) granted.add(scope);
  for (const scope of change.revoke ?? []) granted.delete(scope);
  const current = [...granted];
  if (app && current.join() !== previous.join()) {
    const payload = {
      id: Number(legacyId(installationId(shop))),
      previous,
      current,
      updated_at: new Date().toISOString(),
    };
    deliveries.push(await deliverWebhook(app, { topic: "app/scopes_update", shop, payload }));
  }
  return scopesDetail(state, shop);
}
