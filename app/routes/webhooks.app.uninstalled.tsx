import type { ActionFunctionArgs } from "@remix-run/node";
import { forgetShopCredentials } from "../accounts/uninstall.server";
import { authenticate } from "../shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticate.webhook(request);
  await forgetShopCredentials(shop);
  return new Response(null, { status: 200 });
};
