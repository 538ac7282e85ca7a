// The sandbox's Simulate panel drives the stand-in over HTTP, as if things happened on Instagram's side:
// a password change or an expired token (every token issued so far is refused with code 190), or
// Instagram failing for one account (its checks and renewals answer a transient error until restored).
// Not part of Instagram's API: served only when the stand-in is started with `sandboxControls`.
import type { ServerResponse } from "node:http";
import type { FakeState } from "./state";
import type { FakeRequest } from "./http";
import { sendJsonText } from "./http";
import type { RevokeReason } from "./types";

export const SANDBOX_CONTROL_PREFIX = "/__sandbox/";

/** Instagram's answer while it is having trouble ("is_transient": try again later). */
export const TRANSIENT_FAULT = {
  status: 500,
  body: {
    error: {
      message: "An unexpected error has occurred. Please retry your request later.",
      type: "OAuthException",
      code: 2,
      is_transient: true,
    },
  },
};
/** The calls token upkeep makes: checks (/me) and renewals (/refresh_access_token), any API version. */
export const CHECKS_AND_RENEWALS = /^\/(v[\d.]+\/)?(me|refresh_access_token)$/;

const REVOKE_REASONS = new Set<RevokeReason>(["password_changed", "app_removed", "expired"]);

/** Accounts whose Instagram is failing, and how to stop it. */
const outages = new WeakMap<FakeState, Map<string, () => void>>();

function outagesOf(state: FakeState) {
  let map = outages.get(state);
  if (!map) outages.set(state, (map = new Map()));
  return map;
}

export function handleSandboxControl(state: FakeState, req: FakeRequest, res: ServerResponse): void {
  const reply = (status: number, body: unknown) => sendJsonText(res, status, JSON.stringify(body));
  const match = /^\/__sandbox\/accounts\/([\w.]+)\/(revoke|failing|healthy)$/.exec(req.path);
  if (req.method === "GET" && req.path === "/__sandbox/accounts") {
    return reply(
      200,
      state.accounts
        .all()
        .map((account) => ({ username: account.username, failing: outagesOf(state).has(account.username) })),
    );
  }
  if (req.method !== "POST" || !match || !state.accounts.all().some((account) => account.username === match[1])) {
    return reply(404, { error: "unknown sandbox control" });
  }
  const [, username, action] = match as unknown as [string, string, string];
  const running = outagesOf(state);
  if (action === "revoke") {
    const reason = (req.query.get("reason") ?? "password_changed") as RevokeReason;
    if (!REVOKE_REASONS.has(reason))
      return reply(400, { error: "reason must be password_changed, app_removed or expired" });
    state.tokens.revoke(username, reason);
  } else if (action === "failing" && !running.has(username)) {
    running.set(
      username,
      state.faults.addStanding({ path: CHECKS_AND_RENEWALS, account: username }, TRANSIENT_FAULT, 1, username),
    );
  } else if (action === "healthy") {
    running.get(username)?.();
    running.delete(username);
  }
  reply(200, { ok: true });
}
