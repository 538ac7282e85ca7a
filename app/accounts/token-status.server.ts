// The operator's view of every connected account's token, for `npm run tokens -- status`.
import { now } from "../clock.server";
import { config } from "../config.server";
import { db } from "../db.server";
import { tokenHealth } from "./health";
import { policyFromSettings, renewalDueAt } from "./renewal-policy";

export async function tokenStatusRows(shop?: string) {
  const at = now();
  const policy = policyFromSettings(config());
  const accounts = await db().instagramAccount.findMany({
    where: shop ? { shop } : {},
    orderBy: [{ shop: "asc" }, { username: "asc" }],
  });
  return accounts.map((account) => ({
    id: account.id,
    shop: account.shop,
    username: account.username,
    health: tokenHealth(account, at),
    expiresAt: account.tokenExpiresAt,
    renewalDueAt: account.status === "active" ? renewalDueAt(account, policy) : null,
    nextCheckAt: account.nextCheckAt,
    failuresInARow: account.renewalFailures,
    lastResult: account.statusReason ?? account.lastRenewalResult,
  }));
}
