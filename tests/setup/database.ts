// The PostgreSQL server the tests use: TEST_DATABASE_URL if given, else the one on 127.0.0.1:5432 (every
// CI and development machine has it), else an embedded PostgreSQL started for this run (a laptop with
// no database server). Each test file gets its own database, copied from a migrated template.
import { rmSync } from "node:fs";
import path from "node:path";
import { tmpdir } from "node:os";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../app/sandbox/embedded-postgres.server";

export const LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A URL of the server's maintenance database (`postgres`), from which test databases are created. */
export async function findTestServer(runDirectory: string): Promise<{ adminUrl: string; embedded?: EmbeddedServer }> {
  if (process.env.TEST_DATABASE_URL) return { adminUrl: process.env.TEST_DATABASE_URL };
  if (await reachable(LOCAL_SERVER)) return { adminUrl: LOCAL_SERVER };
  const dataDirectory = path.join(tmpdir(), `social-feed-test-pg-${path.basename(runDirectory)}`);
  const server = await startEmbeddedPostgres({ dataDirectory });
  // A server for this run only: its files go with it.
  const embedded = {
    ...server,
    stop: () => server.stop().then(() => rmSync(dataDirectory, { recursive: true, force: true })),
  };
  return { adminUrl: embedded.urlFor("postgres"), embedded };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file (or one sandbox), copied from the run's migrated template. */
export async function createDatabaseFromTemplate(adminUrl: string, template: string, name: string): Promise<string> {
  // Copying a template is refused while anyone is connected to it; tests never connect to it, but a
  // just-finished setup may linger for a moment.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return withDatabase(adminUrl, name);
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * A new, migrated database on whatever server the tests use, for benchmarks and scripts that run
 * outside vitest. drop() removes it (and stops the embedded server, if one was started for it).
 */
export async function scratchDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { applyMigrations } = await import("../../app/migrations.server");
  const { installQueueSchema } = await import("../../app/jobs/queue.server");
  const run = `${label}-${process.pid}-${Date.now()}`;
  const { adminUrl, embedded } = await findTestServer(run);
  const name = `sf_${label.replace(/[^a-z0-9]/gi, "_")}_${process.pid}_${Date.now()}`.toLowerCase();
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  await applyMigrations(url);
  await installQueueSchema(url);
  return {
    url,
    async drop() {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await embedded?.stop();
    },
  };
}
