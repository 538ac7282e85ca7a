// One Prisma client per process, with the driver adapter chosen from DATABASE_URL.
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "./config.server";

function createClient(url: string) {
  if (!url.startsWith("file:")) return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  // WAL lets readers and a writer (and several app processes) work at once, and with synchronous=NORMAL a
  // write no longer waits for a disk flush: the difference between ~5 ms and ~0.1 ms per write.
  void client
    .$queryRawUnsafe("PRAGMA journal_mode = WAL")
    .then(() => client.$queryRawUnsafe("PRAGMA synchronous = NORMAL"))
    .catch(() => undefined);
  return client;
}

declare global {
  // Dev reloads re-evaluate modules; keep one client across them.
  var socialFeedPrisma: PrismaClient | undefined;
}

export function db(): PrismaClient {
  globalThis.socialFeedPrisma ??= createClient(config().DATABASE_URL);
  return globalThis.socialFeedPrisma;
}

export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await db().$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
