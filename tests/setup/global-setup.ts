// Once per test run: find a PostgreSQL server (see ./database), build a template database with the real
// migrations (`npm run setup`'s code) and the job queue's tables, and hand its name to the test files,
// each of which copies it (tests/setup/environment.ts). Every database of the run is dropped at the end.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../app/migrations.server";
import { installQueueSchema } from "../../app/jobs/queue.server";
import { adminQuery, findTestServer, withDatabase } from "./database";
import { ROOT } from "./paths";

export default async function setup() {
  const parent = path.join(ROOT, "tests/.artifacts");
  mkdirSync(parent, { recursive: true });
  const runDir = mkdtempSync(path.join(parent, "run-"));
  const run = path
    .basename(runDir)
    .replace(/[^a-z0-9]/gi, "")
    .toLowerCase();
  const { adminUrl, embedded } = await findTestServer(runDir);
  const template = `sf_${run}_template`;
  await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
  const templateUrl = withDatabase(adminUrl, template);
  await applyMigrations(templateUrl);
  await installQueueSchema(templateUrl);
  console.log(`tests use PostgreSQL ${embedded ? "(embedded, started for this run)" : `at ${new URL(adminUrl).host}`}`);
  Object.assign(process.env, {
    TEST_RUN_DIR: runDir,
    TEST_ADMIN_DATABASE_URL: adminUrl,
    TEST_TEMPLATE_DATABASE: template,
    TEST_DATABASE_PREFIX: `sf_${run}_`,
  });

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `sf_${run}_%`,
    ]);
    await client.end();
    for (const { datname } of rows)
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    await embedded?.stop();
    rmSync(runDir, { recursive: true, force: true });
  };
}
