// Token upkeep: renews long-lived tokens that are due, checks the others are still honoured, and marks
// the ones Instagram revoked as needing reconnection. In production each account's upkeep is its own
// job (one at a time per account, app/jobs/); runTokenSweep does every due account in this process, for
// the operator command and the simulations. A result is saved only if the token is still the one that
// was used (compare-and-set), so a reconnect or another renewal meanwhile is never overwritten.
import { now } from "../clock.server";
import { config } from "../config.server";
import { db } from "../db.server";
import { createInstagramClient, type InstagramClient } from "../instagram/client.server";
import { InstagramError, TOKEN_PROBLEM_TEXT } from "../instagram/errors";
import { needsReconnectUpdate } from "./needs-reconnect.server";
import {
  isRenewalDue,
  nextCheckAfterFailure,
  nextCheckAfterSuccess,
  policyFromSettings,
  type RenewalPolicy,
} from "./renewal-policy";
import { decryptToken, encryptToken, TokenDecryptionError, tokenBinding } from "./token-crypto.server";
import { throttledUntil } from "./throttle.server";
import type { Prisma } from "@prisma/client";

export interface SweepOptions {
  client?: InstagramClient;
  policy?: RenewalPolicy;
  batchSize?: number;
  concurrency?: number;
  /** Renew every selected account now, whatever its age (the operator command). */
  force?: boolean;
  shop?: string;
}

export type Outcome = "renewed" | "checked" | "needs_reconnect" | "failed" | "skipped";

export interface SweepReport {
  renewed: number;
  checked: number;
  needs_reconnect: number;
  failed: number;
  skipped: number;
  results: Array<{ accountId: string; action?: "renew" | "check"; outcome: Outcome; detail?: string }>;
}

/** Accounts whose turn has come (any active one when forced). */
function dueWhere(at: Date, options: Pick<SweepOptions, "force" | "shop">): Prisma.InstagramAccountWhereInput {
  return {
    status: "active",
    ...(options.shop ? { shop: options.shop } : {}),
    ...(options.force ? {} : { nextCheckAt: { lte: at } }),
  };
}

/** The next accounts to look at, most overdue first; served by the (status, nextCheckAt) index. */
export function findDueAccounts(at: Date, options: Pick<SweepOptions, "force" | "shop">, take: number) {
  return db().instagramAccount.findMany({
    where: dueWhere(at, options),
    select: { id: true },
    orderBy: { nextCheckAt: "asc" },
    take,
  });
}

export async function runTokenSweep(options: SweepOptions = {}): Promise<SweepReport> {
  const settings = {
    client: options.client ?? createInstagramClient(),
    policy: options.policy ?? policyFromSettings(config()),
    concurrency: options.concurrency ?? 8,
  };
  const report: SweepReport = { renewed: 0, checked: 0, needs_reconnect: 0, failed: 0, skipped: 0, results: [] };
  const work = async ({ id }: { id: string }) => {
    const result = await upkeepAccount(id, options, settings);
    report[result.outcome] += 1;
    report.results.push({ accountId: id, ...result });
  };
  if (options.force) {
    // The operator's "renew now": every selected account once (forced accounts would otherwise stay due).
    await inParallel(await findDueAccounts(now(), options, 100_000), settings.concurrency, work);
    return report;
  }
  // Each handled account leaves the due set (its next check moves ahead), so re-querying walks the backlog.
  for (;;) {
    const batch = await findDueAccounts(now(), options, options.batchSize ?? 200);
    const skippedBefore = report.skipped;
    await inParallel(batch, settings.concurrency, work);
    if (batch.length === 0 || report.skipped - skippedBefore === batch.length) break;
  }
  return report;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(workers);
}

export interface UpkeepSettings {
  client: InstagramClient;
  policy: RenewalPolicy;
}

export type UpkeepResult = { action?: "renew" | "check"; outcome: Outcome; detail?: string };

/** One account's renewal or check, if it is (still) due and Meta has not asked us to hold off. */
export async function upkeepAccount(
  id: string,
  options: Pick<SweepOptions, "force" | "shop">,
  settings: UpkeepSettings,
): Promise<UpkeepResult> {
  const account = await db().instagramAccount.findFirst({ where: { id, ...dueWhere(now(), options) } });
  if (!account?.encryptedToken) {
    if (account)
      await db().instagramAccount.updateMany({
        where: { id, encryptedToken: null },
        data: needsReconnectUpdate(TOKEN_PROBLEM_TEXT.invalid, now()),
      });
    return { outcome: account ? "needs_reconnect" : "skipped" };
  }
  const holdOff = throttledUntil(account);
  if (holdOff) {
    await db().instagramAccount.updateMany({
      where: { id, nextCheckAt: account.nextCheckAt },
      data: { nextCheckAt: holdOff },
    });
    return { outcome: "skipped", detail: "Instagram asked us to slow down for this account" };
  }
  const usedToken = account.encryptedToken;
  const save = async (data: Prisma.InstagramAccountUpdateManyMutationInput) => {
    const { count } = await db().instagramAccount.updateMany({ where: { id, encryptedToken: usedToken }, data });
    return count === 1;
  };

  const action = options.force || isRenewalDue(account, now(), settings.policy) ? "renew" : "check";
  try {
    const token = decryptToken(usedToken, tokenBinding(account));
    if (action === "renew") {
      const grant = await settings.client.refreshLongLived(token);
      const at = now();
      const renewed = { tokenRefreshedAt: at, tokenExpiresAt: new Date(at.getTime() + grant.expiresInSeconds * 1000) };
      const { ciphertext, keyId } = encryptToken(grant.accessToken, tokenBinding(account));
      const saved = await save({
        ...renewed,
        encryptedToken: ciphertext,
        tokenKeyId: keyId,
        renewalFailures: 0,
        failingSince: null,
        lastCheckedAt: at,
        lastRenewalResult: "Renewed",
        nextCheckAt: nextCheckAfterSuccess({ ...account, ...renewed }, at, settings.policy),
      });
      return saved
        ? { action, outcome: "renewed" }
        : { action, outcome: "skipped", detail: "reconnected or renewed meanwhile" };
    }
    await settings.client.verifyToken(token);
    const at = now();
    // A failure is news only while it lasts: once Instagram answers again, it is no longer shown.
    const recovered = account.renewalFailures > 0 ? { lastRenewalResult: null } : {};
    await save({
      renewalFailures: 0,
      failingSince: null,
      lastCheckedAt: at,
      nextCheckAt: nextCheckAfterSuccess(account, at, settings.policy),
      ...recovered,
    });
    return { action, outcome: "checked" };
  } catch (error) {
    return { action, ...(await recordFailure(error, account, save)) };
  }
}

async function recordFailure(
  error: unknown,
  account: {
    renewalFailures: number;
    failingSince: Date | null;
    tokenIssuedAt: Date | null;
    tokenRefreshedAt: Date | null;
    tokenExpiresAt: Date | null;
  },
  save: (data: Prisma.InstagramAccountUpdateManyMutationInput) => Promise<unknown>,
): Promise<{ outcome: Outcome; detail: string }> {
  const at = now();
  if (error instanceof InstagramError && (error.kind === "invalid_token" || error.kind === "permission")) {
    // Dead for good: only the merchant can fix it. Forget the token so nothing calls Instagram with it again.
    await save(needsReconnectUpdate(error.message, at));
    return { outcome: "needs_reconnect", detail: error.message };
  }
  const expected = error instanceof InstagramError || error instanceof TokenDecryptionError;
  // Only our own messages are recorded: they are written never to carry a token.
  const message = expected ? error.message : "An unexpected error occurred; see the server log.";
  if (!expected)
    console.error(`token upkeep failed unexpectedly: ${error instanceof Error ? error.name : typeof error}`);
  const failures = account.renewalFailures + 1;
  const retryAfterMs = error instanceof InstagramError ? error.details.retryAfterMs : undefined;
  await save({
    renewalFailures: failures,
    failingSince: account.failingSince ?? at,
    lastCheckedAt: at,
    lastRenewalResult: `Failed: ${message}`,
    nextCheckAt: nextCheckAfterFailure(failures, account, at, retryAfterMs),
  });
  return { outcome: "failed", detail: message };
}
