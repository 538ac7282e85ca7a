// One Prisma client per process, on PostgreSQL through the pg driver adapter, with a bounded pool and
// a statement timeout so a slow query fails instead of holding a connection for ever.
import { Prisma, PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { config, type Config } from "./config.server";

/** The pg pool settings every connection of the app uses (Prisma's and the job queue's). */
export function poolSettings(
  settings: Pick<Config, "DATABASE_URL" | "DATABASE_POOL_SIZE" | "DATABASE_STATEMENT_TIMEOUT_MS"> = config(),
) {
  return {
    connectionString: settings.DATABASE_URL,
    max: settings.DATABASE_POOL_SIZE,
    statement_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS,
    // A transaction left open (a bug, a crashed request) must not hold its locks for ever.
    idle_in_transaction_session_timeout: settings.DATABASE_STATEMENT_TIMEOUT_MS * 2,
    connectionTimeoutMillis: 10_000,
  };
}

declare global {
  // Dev reloads re-evaluate modules; keep one client across them.
  var socialFeedPrisma: PrismaClient | undefined;
}

export function db(): PrismaClient {
  globalThis.socialFeedPrisma ??= new PrismaClient({ adapter: new PrismaPg(poolSettings()) });
  return globalThis.socialFeedPrisma;
}

declare global {
  var socialFeedBulkPool: pg.Pool | undefined;
}

/**
 * Plain SQL for bulk work Prisma makes slow (a sync's page of posts in one statement): the app's pool
 * settings (timeouts included), one connection per job this process runs at once, closed after 5 idle
 * seconds, and never what keeps a process alive (a command or test that is done exits as before).
 */
export function bulkPool(): pg.Pool {
  if (!globalThis.socialFeedBulkPool) {
    const pool = new pg.Pool({
      ...poolSettings(),
      max: config().WORKER_CONCURRENCY,
      idleTimeoutMillis: 5_000,
      allowExitOnIdle: true,
    });
    // An idle connection that drops (a database restart) is replaced on the next use; unheard, it would end the process.
    pool.on("error", (error) => console.error(`bulk connection lost: ${error.name}`));
    globalThis.socialFeedBulkPool = pool;
  }
  return globalThis.socialFeedBulkPool;
}

export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await db().$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/** A write refused by a unique index: another request made the row first (or the value is taken). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
