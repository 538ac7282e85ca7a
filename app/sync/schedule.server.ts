// The sync jobs. The media-sync-schedule sweep (every minute) gives new accounts their source and
// queues the scheduled syncs that are due, in bulk; each media-sync job then runs one SyncRun, one at a time per
// source, holding off while Meta says the account is near its limit.
import { now } from "../clock.server";
import { db } from "../db.server";
import { throttledClient, throttledUntil } from "../accounts/throttle.server";
import {
  activeRunId,
  claimRun,
  latestGaps,
  modeFor,
  queueRunJob,
  queueRunJobs,
  requeueRun,
} from "./run-records.server";
import { RETRY_AFTER_FAILURE_MS, syncSettings } from "./settings.server";
import { ensureAccountSources } from "./sources.server";
import { executeRun, type RunOutcome } from "./execute-run.server";

/** Sources handled per statement; a sweep goes on until nothing is due. */
const DUE_BATCH = 1000;
/** The sweep runs every minute: it queues what falls due before the next one, each job to start on time. */
const LOOK_AHEAD_MS = 60_000;

/**
 * Queues a scheduled run for every source due before the next sweep (accounts that need reconnecting
 * wait), a thousand at a time: their next times move on by their schedule, their runs are made, and their
 * jobs queued to start at their due times, each in one statement. A source that already has a run going
 * keeps that one (the unique index skips it).
 */
export async function queueDueSyncs(at: Date = now()): Promise<{ sourcesCreated: number; queued: number }> {
  const sourcesCreated = await ensureAccountSources();
  const horizon = new Date(at.getTime() + LOOK_AHEAD_MS);
  let queued = 0;
  for (;;) {
    const due = await db().mediaSource.findMany({
      where: { OR: [{ nextSyncAt: { lte: horizon } }, { nextSyncAt: null }], account: { status: "active" } },
      select: { id: true, scheduleMinutes: true, lastFullSyncAt: true, nextSyncAt: true },
      orderBy: { nextSyncAt: { sort: "asc", nulls: "first" } },
      take: DUE_BATCH,
    });
    if (due.length === 0) break;
    const gaps = await latestGaps(
      due.map((source) => source.id),
      at,
    );
    const startsAt = (source: (typeof due)[number]) =>
      source.nextSyncAt && source.nextSyncAt > at ? source.nextSyncAt : at;
    const runs = await db().$transaction(async (tx) => {
      // Each source's next time is its own (its start plus its schedule): one statement for all of them.
      const ids = due.map((source) => source.id);
      const nextMs = due.map((source) => startsAt(source).getTime() + source.scheduleMinutes * 60_000);
      await tx.$executeRaw`UPDATE "MediaSource" AS s SET "nextSyncAt" = to_timestamp(v.ms / 1000.0) AT TIME ZONE 'UTC'
        FROM unnest(${ids}::text[], ${nextMs}::float8[]) AS v(id, ms) WHERE s.id = v.id`;
      return tx.syncRun.createManyAndReturn({
        data: due.map((source) => ({
          sourceId: source.id,
          trigger: "schedule",
          mode: modeFor(source, "schedule", at, gaps.get(source.id)),
          status: "queued",
          queuedAt: at,
        })),
        skipDuplicates: true,
        select: { sourceId: true },
      });
    });
    const startBySource = new Map(due.map((source) => [source.id, startsAt(source)]));
    await queueRunJobs(runs.map((run) => ({ ...run, startAfter: startBySource.get(run.sourceId)! })));
    queued += runs.length;
    if (due.length < DUE_BATCH) break;
  }
  await requeueOrphans(at);
  return { sourcesCreated, queued };
}

/** Long enough for any queued run's job to have been sent. */
const ORPHAN_AFTER_MS = 5 * 60_000;

/**
 * A run made just before its process died may have no job, and the unique index would then keep its
 * source from ever syncing again. Runs queued for a while get their job (again): where the source has
 * one waiting already, the queue keeps that one and skips this.
 */
async function requeueOrphans(at: Date): Promise<void> {
  const waiting = await db().syncRun.findMany({
    where: { status: "queued", queuedAt: { lt: new Date(at.getTime() - ORPHAN_AFTER_MS) } },
    select: { sourceId: true },
    take: DUE_BATCH,
  });
  await queueRunJobs(waiting.map((run) => ({ ...run, startAfter: at })));
}

/** A media-sync job: runs the source's active run as `attempt`, unless the account must not be called yet. */
export async function runSyncJob(
  sourceId: string,
  attempt: string,
  signal?: AbortSignal,
): Promise<RunOutcome | "skipped" | "throttled"> {
  const runId = await activeRunId(sourceId);
  const run = runId && (await claimRun(runId, attempt));
  if (!run) return "skipped"; // nothing to run: finished meanwhile, or removed with its account
  const source = await db().mediaSource.findUnique({
    where: { id: run.sourceId },
    select: { account: { select: { id: true, throttledUntil: true } } },
  });
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
export async function abandonRun(sourceId: string): Promise<void> {
  const at = now();
  const { count } = await db().syncRun.updateMany({
    where: { sourceId, status: { in: ["queued", "running"] } },
    data: {
      status: "failed",
      finishedAt: at,
      errorKind: "internal",
      errorMessage:
        "This sync stopped unexpectedly on our side. The posts already here are kept; the next sync tries again.",
    },
  });
  if (count === 0) return;
  // A failing streak starts here unless one is already running.
  await db().$executeRaw`UPDATE "MediaSource" SET "nextSyncAt" = ${new Date(at.getTime() + RETRY_AFTER_FAILURE_MS)},
    "failingSince" = COALESCE("failingSince", ${at}) WHERE id = ${sourceId}`;
}
