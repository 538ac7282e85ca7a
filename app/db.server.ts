// One Prisma client per process, with the driver adapter chosen from DATABASE_URL.
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "./config.server";

function createClient(url: string) {
  const adapter = url.startsWith("file:") ? new PrismaBetterSQLite3({ url }) : new PrismaPg({ connectionString: url });
  return new PrismaClient({ adapter });
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
