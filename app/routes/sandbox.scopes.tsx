// App Bridge's Scopes API in the sandbox (app-bridge-stand-in.ts): what the app has been granted, and the
// merchant's "Grant access" in the consent dialog, which Shopify's stand-in answers with the
// app/scopes_update webhook before this replies.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requireSandbox } from "../sandbox/guard.server";
import { grantSandboxScopes, relayed, sandboxScopes } from "../sandbox/shopify-controls.server";

const ScopesInput = z.object({
  scopes: z
    .array(z.string().regex(/^(unauthenticated_)?(read|write)_[a-z_]+$/))
    .min(1)
    .max(50),
});

export const loader = () => {
  requireSandbox();
  return relayed(sandboxScopes);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  requireSandbox();
  const input = ScopesInput.safeParse(await request.json().catch(() => null));
  if (!input.success) return json({ error: "Name the access scopes to grant." }, 400);
  return relayed(() => grantSandboxScopes(input.data.scopes));
};
