// The sync jobs. The media-sync-schedule sweep (every minute) gives new accounts their source and
// queues the scheduled syncs that are due, in bulk; each media-sync job then runs one SyncRun, one at a time per
// source, holding off while Meta says the account is near its limit.
import { now } from "../clock.server";
import { db } from "../db.server";
import { throttledClient, throttledUntil } from "../accounts/throttle.server";
import { claimRun, latestGaps, modeFor, queueRunJob, queueRunJobs, requeueRun } from "./runs.server";
import { RETRY_AFTER_FAILURE_MS, syncSettings } from "./settings.server";
import { ensureAccountSources } from "./sources.server";
import { executeRun, type RunOutcome } from "./sync-run.server";

/** Sources handled per statement; a sweep goes on until nothing is due. */
const DUE_BATCH = 1000;

/**
 * Queues a scheduled run for every source whose time has come (accounts that need reconnecting wait),
 * a thousand at a time: their next times move on, their runs are made, and their jobs queued, each in
 * one statement. A source that already has a run going keeps that one (the unique index skips it).
 */
export async function queueDueSyncs(at: Date = now()): Promise<{ sourcesCreated: number; queued: number }> {
  const sourcesCreated = await ensureAccountSources();
  let queued = 0;
  for (;;) {
    const due = await db().mediaSource.findMany({
      where: { OR: [{ nextSyncAt: { lte: at } }, { nextSyncAt: null }], account: { status: "active" } },
      select: { id: true, scheduleMinutes: true, lastFullSyncAt: true },
      orderBy: { nextSyncAt: { sort: "asc", nulls: "first" } },
      take: DUE_BATCH,
    });
    if (due.length === 0) break;
    const gaps = await latestGaps(due.map((source) => source.id), at);
    const runs = await db().$transaction(async (tx) => {
      for (const minutes of new Set(due.map((source) => source.scheduleMinutes))) {
        const ids = due.filter((source) => source.scheduleMinutes === minutes).map((source) => source.id);
        await tx.mediaSource.updateMany({ where: { id: { in: ids } }, data: { nextSyncAt: new Date(at.getTime() + minutes * 60_000) } });
      }
      return tx.syncRun.createManyAndReturn({
        data: due.map((source) => ({ sourceId: source.id, trigger: "schedule", mode: modeFor(source, "schedule", at, gaps.get(source.id)), status: "queued", queuedAt: at })),
        skipDuplicates: true,
        select: { id: true, sourceId: true },
      });
    });
    await queueRunJobs(runs);
    queued += runs.length;
    if (due.length < DUE_BATCH) break;
  }
  return { sourcesCreated, queued };
}

/** A media-sync job: runs its SyncRun as `attempt`, unless the account must not be called yet. */
export async function runSyncJob(runId: string, attempt: string, signal?: AbortSignal): Promise<RunOutcome | "skipped" | "throttled"> {
  const run = await claimRun(runId, attempt);
  if (!run) return "skipped"; // finished meanwhile, or removed with its account
  const source = await db().mediaSource.findUnique({ where: { id: run.sourceId }, select: { account: { select: { id: true, throttledUntil: true } } } });
  const waitUntil = source && throttledUntil(source.account);
  if (waitUntil) {
    if (await requeueRun(run)) await queueRunJob(run, waitUntil);
    return "throttled";
  }
  const throttle = throttledClient(source?.account.id ?? "");
  const outcome = await executeRun(run, { attempt, client: throttle.client, settings: syncSettings(), signal });
  await throttle.save();
  return outcome;
}

/** A sync job that ran out of retries (its workers kept crashing): the merchant sees a failed run. */
export async function abandonRun(runId: string): Promise<void> {
  const at = now();
  const { count } = await db().syncRun.updateMany({
    where: { id: runId, status: { in: ["queued", "running"] } },
    data: {
      status: "failed",
      finishedAt: at,
      errorKind: "internal",
      errorMessage: "This sync stopped unexpectedly on our side. The posts already here are kept; the next sync tries again.",
    },
  });
  if (count === 0) return;
  const run = await db().syncRun.findUnique({ where: { id: runId }, select: { sourceId: true } });
  if (run) await db().mediaSource.update({ where: { id: run.sourceId }, data: { nextSyncAt: new Date(at.getTime() + RETRY_AFTER_FAILURE_MS) } });
}
