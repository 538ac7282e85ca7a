// Webhook and Meta-callback requests as Shopify and Meta send them, signed with the real secrets' scheme.
import { createHmac, randomUUID } from "node:crypto";
import { API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";

export function shopifyWebhook(
  topic: string,
  body: unknown,
  options: { shop?: string; webhookId?: string; secret?: string; rawBody?: string; omitHeaders?: string[] } = {},
): Request {
  const raw = options.rawBody ?? JSON.stringify(body);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Hmac-Sha256": createHmac("sha256", options.secret ?? API_SECRET_KEY)
      .update(raw)
      .digest("base64"),
    "X-Shopify-Topic": topic,
    "X-Shopify-Shop-Domain": options.shop ?? "test-shop.myshopify.com",
    "X-Shopify-API-Version": "2025-10",
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
  };
  for (const name of options.omitHeaders ?? []) delete headers[name];
  return new Request(`${APP_URL}/webhooks/${topic}`, { method: "POST", headers, body: raw });
}

export function signedRequest(payload: object, secret = process.env.INSTAGRAM_APP_SECRET!): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const signature = createHmac("sha256", secret).update(encoded).digest("base64url");
  return `${signature}.${encoded}`;
}

export function metaCallback(
  path: string,
  fields: Record<string, string>,
  init: { method?: string; contentType?: string } = {},
): Request {
  return new Request(`${APP_URL}${path}`, {
    method: init.method ?? "POST",
    headers: { "Content-Type": init.contentType ?? "application/x-www-form-urlencoded" },
    body: init.method === "GET" ? undefined : new URLSearchParams(fields).toString(),
  });
}
