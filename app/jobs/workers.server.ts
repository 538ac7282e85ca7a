// What each queue's jobs do, and starting the workers that run them. The queues themselves (policies,
// retries, cron times) are declared in ./queues; the queue is pg-boss (./queue.server).
import { hostname } from "node:os";
import type PgBoss from "pg-boss";
import { findDueAccounts, upkeepAccount } from "../accounts/renewal.server";
import { policyFromSettings } from "../accounts/renewal-policy";
import { throttledClient } from "../accounts/throttle.server";
import { now } from "../clock.server";
import { config } from "../config.server";
import { publishShopFeeds, queueRequestedPublishes } from "../feed/publish.server";
import { abandonRun, queueDueSyncs, runSyncJob } from "../sync/schedule.server";
import { pruneSyncHistory } from "../sync/history.server";
import { pruneAnalytics } from "../analytics/retention.server";
import { reviewAlerts } from "../alerts/review.server";
import { deliverEmail } from "../email/outbox.server";
import { refreshExpiringLinks } from "../sync/link-refresh.server";
import { enqueueMany, startQueue, stopQueue } from "./queue.server";
import { QUEUE, QUEUES, type QueueName } from "./queues";

/** Which process ran a job (recorded on sync runs, so an operator can tell). */
export const WORKER_ID = `${hostname()}:${process.pid}`;

type Job = PgBoss.JobWithMetadata<Record<string, unknown>>;
type Handler = (job: Job, signal: AbortSignal) => Promise<unknown>;

/** Thrown so that the queue retries the job at once, by whichever worker is free: not a failure. */
class HandedBack extends Error {
  override name = "HandedBack";
}

const text = (job: Job, key: string) => {
  const value = job.data[key];
  if (typeof value !== "string" || value === "") throw new Error(`${job.name} job without ${key}`);
  return value;
};

/** Token upkeep fans out: one job per due account, so the work spreads over every worker. */
async function queueDueUpkeep() {
  const due = await findDueAccounts(now(), {}, 5000);
  await enqueueMany(due.map(({ id }) => ({ name: QUEUE.tokenUpkeep, data: { accountId: id }, singletonKey: id })));
  return { due: due.length };
}

function handlers(): Record<QueueName, Handler> {
  return {
    [QUEUE.tokenSweep]: () => queueDueUpkeep(),
    [QUEUE.tokenUpkeep]: async (job) => {
      const accountId = text(job, "accountId");
      const throttle = throttledClient(accountId);
      const result = await upkeepAccount(
        accountId,
        {},
        { client: throttle.client, policy: policyFromSettings(config()) },
      );
      await throttle.save();
      return result;
    },
    [QUEUE.syncSchedule]: () => queueDueSyncs(),
    [QUEUE.sync]: async (job, signal) => {
      const outcome = await runSyncJob(text(job, "sourceId"), `${job.id}:${job.retryCount}@${WORKER_ID}`, signal);
      if (outcome === "handed_back") throw new HandedBack("handed back at shutdown");
      return { outcome };
    },
    [QUEUE.syncAbandoned]: (job) => abandonRun(text(job, "sourceId")),
    [QUEUE.links]: () => refreshExpiringLinks(),
    [QUEUE.publish]: (job) => publishShopFeeds(text(job, "shop")),
    [QUEUE.publishSweep]: async () => ({ queued: await queueRequestedPublishes() }),
    [QUEUE.historyPrune]: async () => ({ deleted: await pruneSyncHistory() }),
    [QUEUE.analyticsPrune]: async () => ({ deleted: await pruneAnalytics() }),
    [QUEUE.alerts]: () => reviewAlerts(),
    [QUEUE.email]: async (job) => ({ outcome: await deliverEmail(text(job, "messageId")) }),
  };
}

/** Aborted when the process begins to shut down: long jobs stop at a safe point and hand their work back. */
let shutdown = new AbortController();

/** Runs every queue's jobs in this process: WORKER_CONCURRENCY at once per kind (one per sweep). */
export async function startWorkers(boss: PgBoss): Promise<void> {
  shutdown = new AbortController();
  const { signal } = shutdown;
  const table = handlers();
  for (const queue of QUEUES) {
    const workers = queue.cron ? 1 : config().WORKER_CONCURRENCY;
    const handle = table[queue.name];
    for (let i = 0; i < workers; i += 1) {
      let workerId = "";
      workerId = await boss.work<Record<string, unknown>>(
        queue.name,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (!job) return;
          const started = Date.now();
          try {
            return await handle(job, signal);
          } catch (error) {
            if (error instanceof HandedBack) throw error;
            // The kind only: messages of unexpected errors may carry URLs, and URLs may carry tokens.
            console.error(
              `job ${job.name} failed after ${Date.now() - started}ms: ${error instanceof Error ? error.name : "unknown error"}`,
            );
            throw error;
          } finally {
            // pg-boss waits out the polling interval after every job; while there is work, fetch the next at once.
            boss.notifyWorker(workerId);
          }
        },
      );
    }
    if (queue.cron) {
      // One key for every run of a sweep: the stately queue then runs one at a time, with one waiting.
      await boss.schedule(queue.name, queue.cron, {}, { singletonKey: queue.name });
      // Start the sweeps now rather than at the next whole minute.
      await boss.send(queue.name, {}, { singletonKey: queue.name });
    }
  }
}

/**
 * Starts this process's part of the background work, as PROCESS_ROLE says: every process can queue
 * jobs; "all" and "worker" processes also run them. Returns the role, so the server knows what to serve.
 */
export async function startBackgroundWork(): Promise<"all" | "web" | "worker"> {
  const role = config().PROCESS_ROLE;
  const boss = await startQueue(role === "web" ? "send" : "work");
  if (role !== "web") await startWorkers(boss);
  return role;
}

/** SIGTERM: take no more jobs, let running ones finish or hand them back, within SHUTDOWN_TIMEOUT_SECONDS. */
export async function stopBackgroundWork(): Promise<void> {
  shutdown.abort();
  await stopQueue(config().SHUTDOWN_TIMEOUT_SECONDS * 1000);
}
