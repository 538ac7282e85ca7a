// Requests as the Shopify admin sends them, signed with the Shopify library's own test helpers.
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  RequestType,
  setUpValidRequest,
  TEST_SHOP_NAME,
} from "@shopify/shopify-api/test-helpers";
import { db } from "../../app/db.server";

export const STORE = TEST_SHOP_NAME;
export const SHOP = `${TEST_SHOP_NAME}.myshopify.com`;

export async function seedOfflineSession(shop = SHOP): Promise<void> {
  const session = {
    id: `offline_${shop}`,
    shop,
    state: "test",
    isOnline: false,
    scope: process.env.SCOPES!,
    accessToken: "shpat_test",
  };
  await db().session.upsert({ where: { id: session.id }, create: session, update: session });
}

const credentials = (store: string) => ({ store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY });

/** A document load of an embedded page (id_token in the query, as the admin's iframe does). */
export function adminGet(path: string, store = STORE): Promise<Request> {
  return setUpValidRequest({ type: RequestType.Admin, ...credentials(store) }, new Request(`${APP_URL}${path}`));
}

/** A form submission from an embedded page (session token in the Authorization header, as App Bridge adds). */
export function adminPost(path: string, form: Record<string, string>, store = STORE): Promise<Request> {
  const request = new Request(`${APP_URL}${path}`, { method: "POST", body: new URLSearchParams(form) });
  return setUpValidRequest({ type: RequestType.Bearer, ...credentials(store) }, request);
}

export function publicGet(url: string): Request {
  return new Request(url.startsWith("http") ? url : `${APP_URL}${url}`);
}

type RouteFunction = (args: {
  request: Request;
  params: Record<string, string>;
  context: Record<string, unknown>;
}) => unknown;

/** Runs a loader or action; a thrown Response (redirects, auth failures) is returned like a returned one. */
export async function callRoute(
  route: RouteFunction,
  request: Request | Promise<Request>,
  params: Record<string, string> = {},
): Promise<Response> {
  try {
    const result = await route({ request: await request, params, context: {} });
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result ?? null), { headers: { "Content-Type": "application/json" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
