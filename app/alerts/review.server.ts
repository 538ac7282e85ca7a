// The alert sweep (a job every minute, app/jobs/): compares what is wrong now with the open incidents,
// opens and resolves incidents, and queues their emails: one when an incident opens, reminders after 3
// and 10 days, and "all good again" when it resolves. It reads only state the rest of the app already
// keeps (account status, failingSince), so a failure repeated a hundred times is still one incident,
// and several processes running it at once are kept apart by the one-open-incident index.
import type { AlertIncident, Prisma } from "@prisma/client";
import { now } from "../clock.server";
import { db } from "../db.server";
import { queueEmail, requeueWaitingEmails, sendQueuedEmails } from "../email/outbox.server";
import { alertRecipient } from "../shop/alert-settings.server";
import { shopDetails } from "../shop/details.server";
import { shopDateFormatters } from "../shop/time.server";
import { adminAppUrl } from "../shopify.server";
import { DAY, HOUR } from "../time";
import { alertEmail, type EmailPurpose, type IncidentKind } from "./emails";

/** How long a failure lasts before it is worth an email: a renewal retries for days, a sync every few minutes. */
export const ALERT_AFTER: Record<Exclude<IncidentKind, "needs_reconnect">, number> = {
  renewals_failing: 3 * DAY,
  syncs_failing: 24 * HOUR,
};
export const REMINDERS_AFTER = [3 * DAY, 10 * DAY];

interface Condition {
  kind: IncidentKind;
  shop: string;
  subjectId: string;
  subjectName: string;
  detail: string | null;
  since: Date;
}

async function currentConditions(at: Date): Promise<Condition[]> {
  const [disconnected, failingRenewals, failingSyncs] = await Promise.all([
    db().instagramAccount.findMany({
      where: { status: "needs_reconnect" },
      select: { id: true, shop: true, username: true, statusReason: true, lastCheckedAt: true, updatedAt: true },
    }),
    db().instagramAccount.findMany({
      where: { status: "active", failingSince: { lte: new Date(at.getTime() - ALERT_AFTER.renewals_failing) } },
      select: { id: true, shop: true, username: true, lastRenewalResult: true, failingSince: true },
    }),
    db().mediaSource.findMany({
      where: {
        failingSince: { lte: new Date(at.getTime() - ALERT_AFTER.syncs_failing) },
        account: { status: "active" },
      },
      select: {
        id: true,
        shop: true,
        failingSince: true,
        account: { select: { username: true } },
        runs: { where: { status: "failed" }, orderBy: { finishedAt: "desc" }, take: 1, select: { errorMessage: true } },
      },
    }),
  ]);
  return [
    ...disconnected.map((a) => ({
      kind: "needs_reconnect" as const,
      shop: a.shop,
      subjectId: a.id,
      subjectName: `@${a.username}`,
      detail: a.statusReason,
      since: a.lastCheckedAt ?? a.updatedAt,
    })),
    ...failingRenewals.map((a) => ({
      kind: "renewals_failing" as const,
      shop: a.shop,
      subjectId: a.id,
      subjectName: `@${a.username}`,
      detail: a.lastRenewalResult?.replace(/^Failed: /, "") ?? null,
      since: a.failingSince!,
    })),
    ...failingSyncs.map((s) => ({
      kind: "syncs_failing" as const,
      shop: s.shop,
      subjectId: s.id,
      subjectName: `@${s.account.username}`,
      detail: s.runs[0]?.errorMessage ?? null,
      since: s.failingSince!,
    })),
  ];
}

export interface AlertReport {
  opened: number;
  resolved: number;
  emailsQueued: number;
  requeued: number;
}

export async function reviewAlerts(): Promise<AlertReport> {
  const at = now();
  const installed = new Set(
    (await db().session.findMany({ distinct: ["shop"], select: { shop: true } })).map(({ shop }) => shop),
  );
  // A shop that uninstalled hears nothing more (its incidents were closed at uninstall).
  const conditions = (await currentConditions(at)).filter((condition) => installed.has(condition.shop));
  const key = (incident: { kind: string; subjectId: string }) => `${incident.kind}|${incident.subjectId}`;
  const current = new Map(conditions.map((condition) => [key(condition), condition]));

  const { count: opened } = await db().alertIncident.createMany({
    data: conditions.map(({ since, ...condition }) => ({ ...condition, openedAt: since })),
    skipDuplicates: true, // already open: ON CONFLICT with the one-open-incident index
  });
  const open = await db().alertIncident.findMany({ where: { resolvedAt: null } });
  const queued: string[] = [];
  let resolved = 0;
  for (const incident of open.filter((incident) => installed.has(incident.shop))) {
    const condition = current.get(key(incident));
    if (!condition) {
      resolved += 1;
      queued.push(...(await resolveIncident(incident, at)));
    } else {
      queued.push(...(await notifyIfDue(incident, at)));
    }
  }
  await sendQueuedEmails(queued);
  return { opened, resolved, emailsQueued: queued.length, requeued: await requeueWaitingEmails() };
}

/** What is due for an open incident: its first email, or the next reminder. */
async function notifyIfDue(incident: AlertIncident, at: Date): Promise<string[]> {
  if (!incident.notifiedAt) {
    return sendAbout(incident, "opened", { notifiedAt: null }, { notifiedAt: at });
  }
  const reminderAt = REMINDERS_AFTER[incident.remindersSent];
  if (reminderAt === undefined || at.getTime() < incident.notifiedAt.getTime() + reminderAt) return [];
  return sendAbout(
    incident,
    "reminder",
    { remindersSent: incident.remindersSent },
    { remindersSent: incident.remindersSent + 1 },
  );
}

/**
 * Whether the subject is healthy again, rather than gone (disconnected) or broken in a worse way (failing
 * renewals that ended in "needs reconnect" are that incident's business now).
 */
async function recovered(incident: AlertIncident): Promise<boolean> {
  const healthyAccount = { status: "active", failingSince: null };
  const count =
    incident.kind === "syncs_failing"
      ? await db().mediaSource.count({ where: { id: incident.subjectId, failingSince: null, account: healthyAccount } })
      : await db().instagramAccount.count({
          where: {
            id: incident.subjectId,
            ...(incident.kind === "needs_reconnect" ? { status: "active" } : healthyAccount),
          },
        });
  return count === 1;
}

/** Closes the incident; "all good again" only if the merchant heard about it and it really is good again. */
async function resolveIncident(incident: AlertIncident, at: Date): Promise<string[]> {
  if (!incident.notifiedAt || !(await recovered(incident))) {
    await db().alertIncident.updateMany({ where: { id: incident.id, resolvedAt: null }, data: { resolvedAt: at } });
    return [];
  }
  return sendAbout(incident, "resolved", { resolvedAt: null }, { resolvedAt: at });
}

/**
 * Records the step and writes its email in one transaction; `expect` is the compare-and-set that stops
 * two sweeps from sending the same email. Nothing is recorded while no address is known (alerts off,
 * or Shopify not reachable yet), so the next sweep tries again.
 */
async function sendAbout(
  incident: AlertIncident,
  purpose: EmailPurpose,
  expect: Prisma.AlertIncidentWhereInput,
  change: Prisma.AlertIncidentUpdateManyMutationInput,
): Promise<string[]> {
  const to = await alertRecipient(incident.shop);
  if (!to) {
    // Off (or no address): an incident that resolves is simply closed; the others wait for a way to write.
    if (purpose === "resolved")
      await db().alertIncident.updateMany({ where: { id: incident.id, ...expect }, data: change });
    return [];
  }
  const email = await composeEmail(incident, purpose);
  return db().$transaction(async (tx) => {
    const { count } = await tx.alertIncident.updateMany({ where: { id: incident.id, ...expect }, data: change });
    if (count !== 1) return [];
    return [await queueEmail(tx, { shop: incident.shop, incidentId: incident.id, purpose, to, ...email })];
  });
}

async function composeEmail(incident: AlertIncident, purpose: EmailPurpose) {
  const details = await shopDetails(incident.shop);
  const account =
    incident.kind === "syncs_failing"
      ? null
      : await db().instagramAccount.findUnique({ where: { id: incident.subjectId }, select: { tokenExpiresAt: true } });
  return alertEmail(incident.kind as IncidentKind, purpose, {
    shopName: details.shopName ?? incident.shop,
    subjectName: incident.subjectName,
    detail: incident.detail,
    openedAt: incident.openedAt,
    tokenExpiresAt: account?.tokenExpiresAt ?? null,
    actionUrl: adminAppUrl(incident.shop, incident.kind === "syncs_failing" ? "/app/media" : "/app/account"),
    settingsUrl: adminAppUrl(incident.shop, "/app/settings"),
    dates: shopDateFormatters(details),
  });
}
