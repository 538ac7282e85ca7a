import type { ActionFunctionArgs } from "@remix-run/node";
import { forgetShopCredentials } from "../accounts/uninstall.server";
import { verifiedWebhook } from "../webhooks.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await verifiedWebhook(request);
  await forgetShopCredentials(shop);
  return new Response(null, { status: 200 });
};
