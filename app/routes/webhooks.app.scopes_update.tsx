import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { recordGrantedScopes } from "../products/product-access.server";
import { verifiedWebhook } from "../webhooks.server";

const Payload = z.object({ current: z.array(z.string()) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { payload, session } = await verifiedWebhook(request);
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) return new Response("The payload has no current scopes.", { status: 400 });
  if (session) await recordGrantedScopes(session, parsed.data.current);
  return new Response(null, { status: 200 });
};
