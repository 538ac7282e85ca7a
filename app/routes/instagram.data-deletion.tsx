// Meta calls this when someone asks for their data to be deleted (Data deletion request URL).
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { config } from "../config.server";
import { verifiedMetaCallback } from "../privacy/meta-callback.server";
import { deleteInstagramUserData } from "../privacy/instagram-user.server";

export const loader = () => json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });

export const action = async ({ request }: ActionFunctionArgs) => {
  const callback = await verifiedMetaCallback(request);
  if (callback instanceof Response) return callback;
  const { confirmationCode } = await deleteInstagramUserData(callback.userId);
  const url = `${config().SHOPIFY_APP_URL}/instagram/data-deletion/${confirmationCode}`;
  return json({ url, confirmation_code: confirmationCode });
};
