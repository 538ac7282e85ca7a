import { json } from "@remix-run/node";
import { requireSandbox } from "../sandbox/guard.server";
import { SANDBOX_TOKEN_TTL_SECONDS, sandboxSessionToken } from "../sandbox/session-token.server";

export const loader = () => {
  requireSandbox();
  return json(
    { token: sandboxSessionToken(), expiresInSeconds: SANDBOX_TOKEN_TTL_SECONDS },
    { headers: { "Cache-Control": "no-store" } },
  );
};
