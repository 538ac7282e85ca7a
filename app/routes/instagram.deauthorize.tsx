// Meta calls this when someone removes the app from their Instagram account (Deauthorize callback URL).
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { verifiedMetaCallback } from "../privacy/meta-callback.server";
import { deauthorizeInstagramUser } from "../privacy/instagram-user.server";

export const loader = () => json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });

export const action = async ({ request }: ActionFunctionArgs) => {
  const callback = await verifiedMetaCallback(request);
  if (callback instanceof Response) return callback;
  await deauthorizeInstagramUser(callback.userId);
  return json({ ok: true });
};
