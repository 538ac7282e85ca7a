// A SyncRun is one sync of a source: queued (with a media-sync job in the job queue), running, then
// kept as the source's history. A source never has two runs going: asking again while one is queued
// or running returns that one. The job attempt that runs it owns it (see claimRun).
import type { SyncRun } from "@prisma/client";
import { now } from "../clock.server";
import { db, isUniqueViolation } from "../db.server";
import { enqueue, enqueueMany } from "../jobs/queue.server";
import { QUEUE } from "../jobs/queues";
import { FULL_SYNC_EVERY_MS } from "./settings.server";
import { SYNC_PROBLEM_TEXT, type SyncProblem } from "./sync-messages";

export type SyncTrigger = "manual" | "schedule" | "refresh";
export type SyncMode = "incremental" | "full";
export type RunStatus = "queued" | "running" | "succeeded" | "failed";

const ACTIVE: RunStatus[] = ["queued", "running"];

export interface RunView {
  id: string;
  sourceId: string;
  trigger: SyncTrigger;
  mode: SyncMode;
  status: RunStatus;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  pages: number;
  fetched: number;
  added: number;
  updated: number;
  removed: number;
  skipped: number;
  errorKind: string | null;
  errorMessage: string | null;
}

export function runView(run: SyncRun): RunView {
  return {
    id: run.id,
    sourceId: run.sourceId,
    trigger: run.trigger as SyncTrigger,
    mode: run.mode as SyncMode,
    status: run.status as RunStatus,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    pages: run.pages,
    fetched: run.fetched,
    added: run.added,
    updated: run.updated,
    removed: run.removed,
    skipped: run.skipped,
    errorKind: run.errorKind,
    errorMessage: run.errorMessage,
  };
}

export type SyncRequest =
  | {
      ok: true;
      run: RunView;
      /** false when a run was already queued or running: that one is returned */ started: boolean;
    }
  | { ok: false; problem: SyncProblem; message: string };

/** The source's queued or running run (a unique index allows one at most). */
function activeRun(sourceId: string) {
  return db().syncRun.findFirst({ where: { sourceId, status: { in: ACTIVE } } });
}

/**
 * A full reconcile is due when the source never had one, when the last is a day old, or when a failed
 * run stored some pages since (`gapSince`: it may have left a gap that an incremental run, which stops at
 * the first page it already knows, would never fill). Merchants pressing Sync now always get a full one.
 */
export function modeFor(
  source: { lastFullSyncAt: Date | null },
  trigger: SyncTrigger,
  at: Date,
  gapSince: Date | undefined,
): SyncMode {
  if (trigger !== "schedule" || !source.lastFullSyncAt) return "full";
  if (at.getTime() - source.lastFullSyncAt.getTime() >= FULL_SYNC_EVERY_MS) return "full";
  return gapSince && gapSince > source.lastFullSyncAt ? "full" : "incremental";
}

/** The latest failed run that stored pages, per source, within the last full-sync period (see modeFor). */
export async function latestGaps(sourceIds: string[], at: Date): Promise<Map<string, Date>> {
  const failed = await db().syncRun.groupBy({
    by: ["sourceId"],
    where: {
      sourceId: { in: sourceIds },
      status: "failed",
      pages: { gt: 0 },
      finishedAt: { gt: new Date(at.getTime() - FULL_SYNC_EVERY_MS) },
    },
    _max: { finishedAt: true },
  });
  return new Map(failed.map((row) => [row.sourceId, row._max.finishedAt!]));
}

/** Queues a sync of the source (unless one is queued or running: then that one) and its job. */
export async function requestSync(
  sourceId: string,
  trigger: SyncTrigger,
  options: { shop?: string } = {},
): Promise<SyncRequest> {
  const source = await db().mediaSource.findFirst({
    where: { id: sourceId, ...(options.shop ? { shop: options.shop } : {}) },
    include: { account: { select: { username: true, status: true } } },
  });
  if (!source) return { ok: false, problem: "not_found", message: SYNC_PROBLEM_TEXT.not_found };
  const running = await activeRun(sourceId);
  if (running) return { ok: true, run: runView(running), started: false };
  if (source.account.status !== "active") {
    return {
      ok: false,
      problem: "needs_reconnect",
      message: SYNC_PROBLEM_TEXT.needs_reconnect(source.account.username),
    };
  }

  const at = now();
  const mode = modeFor(source, trigger, at, (await latestGaps([sourceId], at)).get(sourceId));
  try {
    const created = await db().syncRun.create({ data: { sourceId, trigger, mode, status: "queued", queuedAt: at } });
    await queueRunJob(created);
    return { ok: true, run: runView(created), started: true };
  } catch (error) {
    // Asked twice at the same moment: the other request made the run; this one returns it.
    // A unique index violation: another request made the source's active run first.
    const other = isUniqueViolation(error) ? await activeRun(sourceId) : null;
    if (!other) throw error;
    return { ok: true, run: runView(other), started: false };
  }
}

/**
 * The job that runs a source's active run. A job names the source, not the run: one job at a time per
 * source (the queue's policy), and a job already waiting for the source serves whichever run is active
 * when it starts, so a second one is never needed. `startAfter` delays it (its due time, a throttle).
 */
export function queueRunJob(run: Pick<SyncRun, "sourceId">, startAfter?: Date) {
  return enqueue(
    QUEUE.sync,
    { sourceId: run.sourceId },
    { singletonKey: run.sourceId, ...(startAfter ? { startAfter } : {}) },
  );
}

/** Jobs for many sources in one statement (the schedule sweep), each starting at its own time. */
export function queueRunJobs(runs: Array<Pick<SyncRun, "sourceId"> & { startAfter: Date }>) {
  return enqueueMany(
    runs.map((run) => ({
      name: QUEUE.sync,
      data: { sourceId: run.sourceId },
      singletonKey: run.sourceId,
      startAfter: run.startAfter,
    })),
  );
}

/** The source's queued or running run's id, if it has one. */
export async function activeRunId(sourceId: string): Promise<string | null> {
  return (await activeRun(sourceId))?.id ?? null;
}

/**
 * Gives the run to a job attempt ("<job id>:<retry>"), resetting its counters. A queued run, or a running
 * one whose attempt is gone (the queue retries a job only when its worker failed, vanished or handed it
 * back), is taken; a finished one is not. Returns the run, or null.
 */
export async function claimRun(runId: string, attempt: string): Promise<SyncRun | null> {
  const { count } = await db().syncRun.updateMany({
    where: { id: runId, status: { in: ACTIVE } },
    data: {
      status: "running",
      attempt,
      startedAt: now(),
      finishedAt: null,
      pages: 0,
      fetched: 0,
      added: 0,
      updated: 0,
      removed: 0,
      skipped: 0,
      errorKind: null,
      errorMessage: null,
    },
  });
  return count === 1 ? db().syncRun.findUnique({ where: { id: runId } }) : null;
}

/** Puts a run back in line (its attempt stops owning it), e.g. while its account is throttled or at shutdown. */
export async function requeueRun(run: Pick<SyncRun, "id" | "attempt">): Promise<boolean> {
  const { count } = await db().syncRun.updateMany({
    where: { id: run.id, attempt: run.attempt, status: "running" },
    data: { status: "queued", attempt: null },
  });
  return count === 1;
}

/** Runs of the shop's sources by id (for the page's progress polling); others' runs are never returned. */
export async function findRuns(shop: string, runIds: string[]): Promise<RunView[]> {
  if (runIds.length === 0) return [];
  const runs = await db().syncRun.findMany({ where: { id: { in: runIds }, source: { shop } } });
  return runs.map(runView);
}

/** The source's recent runs, newest first. */
export async function recentRuns(sourceId: string, take = 10): Promise<RunView[]> {
  const runs = await db().syncRun.findMany({
    where: { sourceId },
    orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
    take,
  });
  return runs.map(runView);
}
