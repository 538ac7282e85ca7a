// products/delete: the product's tags leave every post of the shop, and its feeds and product-page gallery
// are published again. Shopify sends the product's numeric id (well below 2^53, so JSON keeps it exact).
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { forgetDeletedProduct } from "../products/tags.server";
import { verifiedWebhook } from "../webhooks.server";

const Payload = z
  .object({ id: z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d+$/)]) })
  .loose();

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await verifiedWebhook(request);
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) return new Response("The payload has no product id.", { status: 400 });
  await forgetDeletedProduct(shop, `gid://shopify/Product/${parsed.data.id}`);
  return new Response(null, { status: 200 });
};
