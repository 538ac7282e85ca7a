// The sandbox's Simulate panel: things that happen on Instagram's side, made to happen now, so a newcomer
// sees the headline feature offline — the banner, "Needs reconnect", the email in the outbox, and
// Reconnect bringing it all back. The Instagram stand-in is told over HTTP (sandbox-controls.ts); the
// app then learns of it the way it always does, by checking the account, and the alert sweep runs at once
// instead of at the next minute.
import { upkeepAccount } from "../accounts/renewal.server";
import { policyFromSettings } from "../accounts/renewal-policy";
import { ALERT_AFTER, reviewAlerts } from "../alerts/review.server";
import { now } from "../clock.server";
import { config } from "../config.server";
import { db } from "../db.server";
import { createInstagramClient } from "../instagram/client.server";
import { shopDetails } from "../shop/details.server";
import { shopDateFormatters } from "../shop/time.server";
import { MINUTE } from "../time";
import { requireSandbox } from "./guard.server";
import { SANDBOX_SHOP } from "./paths";
import type { Simulation } from "./simulations";

export interface SimulatedAccount {
  id: string;
  username: string;
  status: string;
  failing: boolean;
}

async function standIn(path: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(`${config().INSTAGRAM_BASE_URL}/__sandbox${path}`, init);
  if (!response.ok) throw new Error(`the Instagram stand-in refused ${path} (HTTP ${response.status})`);
  return response;
}

export async function simulatedAccounts(): Promise<SimulatedAccount[]> {
  requireSandbox();
  const failing = new Set(
    ((await (await standIn("/accounts")).json()) as Array<{ username: string; failing: boolean }>)
      .filter((a) => a.failing)
      .map((a) => a.username),
  );
  const accounts = await db().instagramAccount.findMany({
    where: { shop: SANDBOX_SHOP },
    orderBy: { connectedAt: "asc" },
    select: { id: true, username: true, status: true },
  });
  return accounts.map((account) => ({ ...account, failing: failing.has(account.username) }));
}

export async function simulate(accountId: string, simulation: Simulation): Promise<string | null> {
  requireSandbox();
  const account = await db().instagramAccount.findFirst({ where: { id: accountId, shop: SANDBOX_SHOP } });
  if (!account) return null;
  const control = simulation === "healthy" || simulation === "failing" ? simulation : `revoke?reason=${simulation}`;
  await standIn(`/accounts/${encodeURIComponent(account.username)}/${control}`, { method: "POST" });

  // The account's next check is now, as if the hourly check had come round.
  await db().instagramAccount.updateMany({ where: { id: account.id, status: "active" }, data: { nextCheckAt: now() } });
  await upkeepAccount(account.id, {}, { client: createInstagramClient(), policy: policyFromSettings(config()) });
  if (simulation === "failing") {
    // Three days in a moment: the failure is dated back past the point where alerts begin.
    const since = new Date(now().getTime() - ALERT_AFTER.renewals_failing - MINUTE);
    await db().instagramAccount.updateMany({
      where: { id: account.id, failingSince: { not: null } },
      data: { failingSince: since },
    });
  }
  await reviewAlerts();
  return account.username;
}

/** The sandbox shop's latest emails, their times in the shop's time zone. */
export async function outbox() {
  requireSandbox();
  const { formatDateTime } = shopDateFormatters(await shopDetails(SANDBOX_SHOP));
  const emails = await db().emailMessage.findMany({
    where: { shop: SANDBOX_SHOP },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, to: true, subject: true, text: true, status: true, createdAt: true },
  });
  return emails.map(({ createdAt, ...email }) => ({ ...email, written: formatDateTime(createdAt) }));
}
