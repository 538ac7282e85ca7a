// Connects a fake Instagram account to a shop through the real connect flow (state, code exchange,
// long-lived token, profile, encrypted storage), without the browser and route layers.
import { completeConnection, startConnection } from "../../app/accounts/connect.server";
import { db } from "../../app/db.server";
import type { FakeInstagram } from "../../app/sandbox/stand-ins/instagram/index";
import { SHOP } from "./shopify";

export async function connectAccount(fake: FakeInstagram, username: string, shop = SHOP) {
  const authorizeUrl = new URL(await startConnection(shop));
  const back = new URL(
    fake.authorize(username, authorizeUrl.searchParams.get("redirect_uri")!, authorizeUrl.searchParams.get("state")!),
  );
  const outcome = await completeConnection({
    code: back.searchParams.get("code") ?? undefined,
    state: back.searchParams.get("state") ?? undefined,
  });
  if (!outcome.ok) throw new Error(`connecting @${username} failed: ${outcome.problem}`);
  return db().instagramAccount.findUniqueOrThrow({ where: { id: outcome.accountId } });
}
