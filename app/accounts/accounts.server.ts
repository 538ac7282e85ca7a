// What the Account page shows and does: a shop's connected accounts with their token health.
import { now } from "../clock.server";
import { config } from "../config.server";
import { db } from "../db.server";
import { requestPublish } from "../feed/publish-request.server";
import { daysLeft, tokenHealth, type TokenHealth } from "./health";
import { policyFromSettings, renewalDueAt } from "./renewal-policy";

export interface AccountView {
  id: string;
  username: string;
  accountType: string;
  profilePictureUrl: string | null;
  health: TokenHealth;
  statusReason: string | null;
  tokenExpiresAt: string | null;
  daysLeft: number | null;
  lastRenewedAt: string | null;
  nextRenewalAt: string | null;
  lastRenewalResult: string | null;
  /** Since when its renewals or checks have been failing, if they are. */
  failingSince: string | null;
  connectedAt: string;
}

export async function listAccounts(shop: string): Promise<AccountView[]> {
  const at = now();
  const policy = policyFromSettings(config());
  const rows = await db().instagramAccount.findMany({ where: { shop }, orderBy: { connectedAt: "asc" } });
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    accountType: row.accountType,
    profilePictureUrl: row.profilePictureUrl,
    health: tokenHealth(row, at),
    statusReason: row.statusReason,
    tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
    daysLeft: row.tokenExpiresAt ? daysLeft(row.tokenExpiresAt, at) : null,
    // Only a real renewal: a connection made a moment ago has not been renewed yet.
    lastRenewedAt: row.tokenRefreshedAt?.toISOString() ?? null,
    nextRenewalAt: row.status === "active" ? (renewalDueAt(row, policy)?.toISOString() ?? null) : null,
    lastRenewalResult: row.lastRenewalResult,
    failingSince: row.failingSince?.toISOString() ?? null,
    connectedAt: row.connectedAt.toISOString(),
  }));
}

/** Accounts the merchant must act on, for the banner on every admin page. */
export async function accountsNeedingAttention(shop: string): Promise<AccountView[]> {
  return (await listAccounts(shop)).filter((account) => account.health !== "active");
}

export async function findAccountUsername(shop: string, accountId: string): Promise<string | undefined> {
  const row = await db().instagramAccount.findFirst({ where: { shop, id: accountId }, select: { username: true } });
  return row?.username;
}

/**
 * Removes the account, its token, its posts (with their hides and pins) and its sync history. The feeds
 * it fed are republished without its posts; a feed it alone fed shows nothing, never another account.
 */
export async function disconnectAccount(shop: string, accountId: string): Promise<boolean> {
  // The feeds are found first: deleting the account takes their links to its source with it.
  const fed = await db().feed.findMany({
    where: { shop, sources: { some: { source: { accountId } } } },
    select: { id: true },
  });
  const { count } = await db().instagramAccount.deleteMany({ where: { shop, id: accountId } });
  if (count === 1) await requestPublish(shop, { feedIds: fed.map((feed) => feed.id) });
  return count === 1;
}
