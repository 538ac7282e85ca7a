// The "media-sync" background job: gives new accounts their source, queues the scheduled syncs that
// are due, then works through the queue (a few runs at once), each run claimed with a lease so that
// several app processes can share the work without ever syncing a source twice at the same time.
import { randomUUID } from "node:crypto";
import { now } from "../clock.server";
import { db } from "../db.server";
import { createInstagramClient, type InstagramClient } from "../instagram/client.server";
import { claimRun, findClaimableRuns, requestSync } from "./runs.server";
import { syncSettings, type SyncSettings } from "./settings.server";
import { ensureAccountSources } from "./sources.server";
import { executeRun, type RunContext } from "./sync-run.server";

export interface SyncJobOptions {
  workerId?: string;
  client?: InstagramClient;
  settings?: Partial<SyncSettings>;
  /** Runs processed at once by this process. */
  concurrency?: number;
}

export interface SyncJobReport {
  sourcesCreated: number;
  scheduled: number;
  succeeded: number;
  failed: number;
}

/**
 * Queues a scheduled run for every source whose time has come (accounts that need reconnecting wait).
 * Each source's next time is moved on with a compare-and-set first, so two processes never both queue it.
 */
export async function enqueueDueSources(at: Date = now()): Promise<number> {
  const due = await db().mediaSource.findMany({
    where: { OR: [{ nextSyncAt: { lte: at } }, { nextSyncAt: null }], account: { status: "active" } },
    select: { id: true, nextSyncAt: true, scheduleMinutes: true },
    orderBy: { nextSyncAt: "asc" },
    take: 500,
  });
  let queued = 0;
  for (const source of due) {
    const { count } = await db().mediaSource.updateMany({
      where: { id: source.id, nextSyncAt: source.nextSyncAt },
      data: { nextSyncAt: new Date(at.getTime() + source.scheduleMinutes * 60_000) },
    });
    if (count !== 1) continue;
    const request = await requestSync(source.id, "schedule");
    if (request.ok && request.started) queued += 1;
  }
  return queued;
}

/** Claims the oldest run this worker may take, or null when there is none. */
async function claimNext(context: RunContext) {
  const candidates = await findClaimableRuns(now(), 20);
  for (const { id } of candidates) {
    const run = await claimRun(id, context.workerId, context.settings.leaseMs);
    if (run) return run;
  }
  return null;
}

export async function runMediaSyncJob(options: SyncJobOptions = {}): Promise<SyncJobReport> {
  const context: RunContext = {
    workerId: options.workerId ?? randomUUID(),
    client: options.client ?? createInstagramClient(),
    settings: syncSettings(options.settings),
  };
  const report: SyncJobReport = { sourcesCreated: await ensureAccountSources(), scheduled: 0, succeeded: 0, failed: 0 };
  report.scheduled = await enqueueDueSources();
  const worker = async () => {
    for (let run = await claimNext(context); run; run = await claimNext(context)) {
      const outcome = await executeRun(run, context);
      if (outcome !== "lost") report[outcome] += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 3 }, worker));
  return report;
}
