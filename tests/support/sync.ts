// Runs the syncs that are due, and every queued run, right here in the test process: the same code
// the media-sync-schedule and media-sync jobs run (queueDueSyncs, claimRun, executeRun), with the
// test's Instagram client and pacing. The queue's own behaviour is proven in tests/integration/queue*.
import { randomUUID } from "node:crypto";
import { db } from "../../app/db.server";
import { createInstagramClient, type InstagramClient } from "../../app/instagram/client.server";
import { queueDueSyncs } from "../../app/sync/schedule.server";
import { claimRun } from "../../app/sync/run-records.server";
import { syncSettings, type SyncSettings } from "../../app/sync/settings.server";
import { executeRun } from "../../app/sync/execute-run.server";

export interface SyncOptions {
  client?: InstagramClient;
  settings?: Partial<SyncSettings>;
  concurrency?: number;
}

export async function syncQueuedRuns(options: SyncOptions = {}) {
  const context = { client: options.client ?? createInstagramClient(), settings: syncSettings(options.settings) };
  const { sourcesCreated, queued: scheduled } = await queueDueSyncs();
  const report = { sourcesCreated, scheduled, succeeded: 0, failed: 0 };
  const worker = async () => {
    for (;;) {
      const next = await db().syncRun.findFirst({
        where: { status: "queued" },
        orderBy: { queuedAt: "asc" },
        select: { id: true },
      });
      if (!next) return;
      // The queue gives each run to one job at a time; here, whichever worker moves it off "queued" first.
      const { count } = await db().syncRun.updateMany({
        where: { id: next.id, status: "queued" },
        data: { status: "running" },
      });
      if (count !== 1) continue;
      const attempt = randomUUID();
      const run = await claimRun(next.id, attempt);
      if (!run) continue;
      const outcome = await executeRun(run, { ...context, attempt });
      if (outcome === "succeeded" || outcome === "failed") report[outcome] += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 3 }, worker));
  return report;
}
