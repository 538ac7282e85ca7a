// Shopify's mandatory privacy webhooks. The library verifies the HMAC (401), the method (405) and the
// headers (400) before anything here runs.
import { z } from "zod";
import { verifiedWebhook } from "../webhooks.server";
import { eraseShop, recordComplianceRequest } from "./shop.server";

const ShopRedactPayload = z.object({ shop_domain: z.string().min(1) }).loose();

export async function complianceWebhook(request: Request): Promise<Response> {
  const { shop, topic, webhookId } = await verifiedWebhook(request);
  await recordComplianceRequest({ webhookId, shop, topic });
  return new Response(null, { status: 200 });
}

export async function shopRedactWebhook(request: Request): Promise<Response> {
  const { shop, payload } = await verifiedWebhook(request);
  const body = ShopRedactPayload.safeParse(payload);
  if (!body.success) return new Response("shop_domain is missing.", { status: 400 });
  if (body.data.shop_domain !== shop)
    return new Response("shop_domain does not match the shop that sent the webhook.", { status: 400 });
  await eraseShop(shop);
  return new Response(null, { status: 200 });
}
