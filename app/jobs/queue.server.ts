// The job queue: pg-boss, in the app's own PostgreSQL (schema "pgboss"). Every process can queue jobs;
// worker processes also run them, and run the cron sweeps and pg-boss's maintenance (which hands the
// jobs of a vanished worker to another once JOB_TIMEOUT_SECONDS have passed).
import pg from "pg";
import PgBoss from "pg-boss";
import { config, type Config } from "../config.server";
import { QUEUES, type QueueName } from "./queues";

const SCHEMA = "pgboss";

type Role = "send" | "work";

interface RunningQueue {
  boss: PgBoss;
  role: Role;
  stopping: boolean;
}

declare global {
  // Dev reloads re-evaluate modules; keep one queue per process across them.
  var socialFeedQueue: Promise<RunningQueue> | undefined;
}

type QueueSettings = Pick<Config, "DATABASE_POOL_SIZE" | "JOB_TIMEOUT_SECONDS">;

function bossFor(databaseUrl: string, role: Role, settings: QueueSettings = config()): PgBoss {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: SCHEMA,
    max: settings.DATABASE_POOL_SIZE,
    application_name: `social-feed-${role}`,
    supervise: role === "work",
    schedule: role === "work",
    // Expired jobs are found by maintenance: run it often enough that a vanished worker's job moves on
    // within about a fifth of the timeout.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(settings.JOB_TIMEOUT_SECONDS / 5))),
    expireInSeconds: settings.JOB_TIMEOUT_SECONDS,
    // Hundreds of jobs a second at scale: finished ones leave the job table within the hour and are
    // kept a day for inspection. Jobs still waiting are kept for a week.
    archiveCompletedAfterSeconds: 3600,
    archiveFailedAfterSeconds: 3600,
    deleteAfterDays: 1,
    retentionDays: 7,
  });
  // pg-boss reports connection trouble here; without a listener Node would crash the process.
  boss.on("error", (error) => console.error(`job queue: ${error.message}`));
  return boss;
}

/** Any number: it only has to differ from the other advisory locks on the database (postgres-migrations'). */
const QUEUE_SETUP_LOCK = 7_302_514_001;

/**
 * Creates the queues this version declares and applies their options. Processes that start at once
 * would deadlock creating the same queue tables, so they take turns under an advisory lock.
 */
async function createQueues(boss: PgBoss, databaseUrl: string, settings: QueueSettings): Promise<void> {
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [QUEUE_SETUP_LOCK]);
    for (const { cron: _cron, ...declared } of QUEUES) {
      // The timeout belongs to the queue, so it is the same whichever process queued a job.
      const queue = { ...declared, expireInSeconds: settings.JOB_TIMEOUT_SECONDS };
      await boss.createQueue(queue.name, queue); // does nothing for an existing queue
      await boss.updateQueue(queue.name, queue);
    }
  } finally {
    await lock.end(); // ending the session releases the lock
  }
}

/**
 * Starts this process's queue: "send" only queues jobs (web processes, operator commands), "work" also
 * runs them. A send-only queue started first (by an early enqueue) is replaced when work is asked for.
 */
export async function startQueue(role: Role): Promise<PgBoss> {
  const current = await globalThis.socialFeedQueue?.catch(() => undefined);
  // A queue that is stopping still sends (jobs finishing at shutdown may queue more) until it is closed.
  if (current && (current.role === "work" || role === "send")) return current.boss;
  if (current) await stopQueue(1000);
  const starting = (async () => {
    const boss = bossFor(config().DATABASE_URL, role);
    await boss.start();
    await createQueues(boss, config().DATABASE_URL, config());
    return { boss, role, stopping: false };
  })();
  globalThis.socialFeedQueue = starting;
  return (await starting).boss;
}

/** Queues a job (starting a send-only queue if this process has none yet, e.g. in an operator command). */
export async function enqueue(name: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await startQueue("send");
  return boss.send(name, data, options);
}

/** Queues many jobs in one statement; jobs whose singleton key is taken are skipped. */
export async function enqueueMany(jobs: Array<PgBoss.JobInsert & { name: QueueName }>): Promise<void> {
  if (jobs.length === 0) return;
  const boss = await startQueue("send");
  await boss.insert(jobs);
}

export async function isQueueRunning(): Promise<boolean> {
  const running = await globalThis.socialFeedQueue?.catch(() => undefined);
  return Boolean(running && !running.stopping);
}

/**
 * Stops taking jobs, gives running ones `timeoutMs` to finish, then hands the rest back to the queue
 * (pg-boss fails them, and they are retried by another worker).
 */
export async function stopQueue(timeoutMs: number): Promise<void> {
  const running = await globalThis.socialFeedQueue?.catch(() => undefined);
  if (!running || running.stopping) return;
  running.stopping = true;
  await running.boss.stop({ graceful: true, timeout: timeoutMs, wait: true });
  globalThis.socialFeedQueue = undefined;
}

/** Creates the queue's tables and queues in a database (the test template; `npm run setup`). */
export async function installQueueSchema(
  databaseUrl: string,
  settings: QueueSettings = { DATABASE_POOL_SIZE: 2, JOB_TIMEOUT_SECONDS: 900 },
): Promise<void> {
  const boss = bossFor(databaseUrl, "send", settings);
  await boss.start();
  await createQueues(boss, databaseUrl, settings);
  await boss.stop({ graceful: false, wait: true });
}
