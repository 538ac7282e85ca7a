// The committed migrations must build exactly the database the schema describes; otherwise a
// deploy would run code against columns that do not exist. Migrating twice, or from several processes
// at once, applies each migration exactly once.
import { execFile, execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { MIGRATIONS_DIRECTORY } from "../../app/migrations.server";
import { expect, it } from "vitest";
import { adminQuery, withDatabase } from "../setup/database";
import { ROOT } from "../setup/paths";
import { DUE_INDEX, dueQueryPlan } from "../support/due-query";

const run = promisify(execFile);
const SCHEMA_CANNOT_EXPRESS = [
  "0002_one_active_run_per_source.sql",
  "0004_one_open_incident.sql",
  "0006_unique_feed_names.sql",
];

async function describeSchema(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conname NOT LIKE 'migrations%' ORDER BY conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

async function emptyDatabase() {
  const name = `${process.env.TEST_DATABASE_PREFIX}${randomUUID().replaceAll("-", "")}`;
  await adminQuery(process.env.TEST_ADMIN_DATABASE_URL!, `CREATE DATABASE "${name}"`);
  return withDatabase(process.env.TEST_ADMIN_DATABASE_URL!, name);
}

it("the migrations build exactly the schema in prisma/schema.prisma", async () => {
  const fromSchema = execFileSync(
    "npx",
    [
      "prisma",
      "migrate",
      "diff",
      "--config",
      "prisma/prisma.config.ts",
      "--from-empty",
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  const expected = await emptyDatabase();
  await adminQuery(expected, fromSchema);
  // What the schema language cannot say (partial indexes) lives in migrations of its own.
  for (const file of SCHEMA_CANNOT_EXPRESS)
    await adminQuery(expected, readFileSync(path.join(MIGRATIONS_DIRECTORY, file), "utf8"));
  expect(await describeSchema(process.env.DATABASE_URL!)).toEqual(await describeSchema(expected));
}, 60_000);

it("npm run setup from three processes at once applies each migration once, and again changes nothing", async () => {
  const url = await emptyDatabase();
  const setup = () =>
    run("npm", ["run", "--silent", "setup"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } });
  const outputs = await Promise.all([setup(), setup(), setup()]);
  const applied = outputs.flatMap(({ stdout }) =>
    stdout.split("\n").filter((line) => line.startsWith("applied migration")),
  );
  const files = readdirSync(MIGRATIONS_DIRECTORY)
    .filter((file) => file.endsWith(".sql"))
    .sort();
  expect(files.length).toBeGreaterThanOrEqual(4);
  expect(applied.sort()).toEqual(files.map((file) => `applied migration ${file}`));
  expect((await setup()).stdout).toContain("Database already up to date.");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query("SELECT name FROM migrations WHERE id > 0 ORDER BY id");
  const queue = await client.query("SELECT count(*)::int AS queues FROM pgboss.queue");
  await client.end();
  // Recorded once each, in order, by name ("0003_alerts_and_shop_settings.sql" → "alerts_and_shop_settings").
  expect(rows).toEqual(files.map((file) => ({ name: file.replace(/^\d+_/, "").replace(/\.sql$/, "") })));
  expect(queue.rows[0].queues).toBeGreaterThan(0);
}, 60_000);

it("setup names the problem when the database cannot be reached, and exits non-zero", async () => {
  const failed = await run("npm", ["run", "--silent", "setup"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "postgresql://nobody:secret-password@127.0.0.1:9/none" },
  }).catch((error: { code: number; stderr: string }) => error);
  expect("code" in failed && failed.code).toBe(1);
  expect("stderr" in failed && failed.stderr).toMatch(/Migration failed: .*ECONNREFUSED/);
  expect(JSON.stringify(failed)).not.toContain("secret-password");
});

it("the token sweep finds due accounts through an index, not a table scan", async () => {
  const plan = await dueQueryPlan(process.env.DATABASE_URL!, new Date(), true);
  expect(plan.join(" | ")).toContain(DUE_INDEX);
});

it("0005 gives each shop the feed it was showing: Main, with its oldest source and that source's filters", async () => {
  const url = await emptyDatabase();
  const migrations = readdirSync(MIGRATIONS_DIRECTORY)
    .filter((file) => file.endsWith(".sql"))
    .sort();
  const apply = async (files: string[]) => {
    for (const file of files) await adminQuery(url, readFileSync(path.join(MIGRATIONS_DIRECTORY, file), "utf8"));
  };
  const before = migrations.filter((file) => file < "0005");
  await apply(before);
  await adminQuery(
    url,
    `INSERT INTO "InstagramAccount" ("id", "shop", "instagramUserId", "appScopedUserId", "username", "accountType", "updatedAt")
     VALUES ('acc1', 'a.myshopify.com', '1', '11', 'first', 'BUSINESS', now()),
            ('acc2', 'a.myshopify.com', '2', '22', 'second', 'BUSINESS', now()),
            ('acc3', 'b.myshopify.com', '3', '33', 'third', 'BUSINESS', now());
     INSERT INTO "MediaSource" ("id", "shop", "accountId", "includeWords", "mediaTypes", "maxPosts", "createdAt")
     VALUES ('src-late', 'a.myshopify.com', 'acc2', '', 'IMAGE', 20, '2026-02-01'),
            ('src-early', 'a.myshopify.com', 'acc1', E'sale\\n#new', 'IMAGE,REELS', 120, '2026-01-01'),
            ('src-b', 'b.myshopify.com', 'acc3', '', 'IMAGE,VIDEO,CAROUSEL_ALBUM,REELS', 8, '2026-03-01');
     INSERT INTO "PublishedFeed" ("shop", "document", "hash", "postCount") VALUES ('a.myshopify.com', '{}', 'h', 3);`,
  );
  await apply(migrations.filter((file) => file >= "0005"));

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const feeds = await client.query(
      `SELECT f."shop", f."name", f."includeWords", f."mediaTypes", f."maxPosts", f."requestedAt" IS NOT NULL AS "requested",
              array_agg(s."sourceId") AS "sources"
       FROM "Feed" f JOIN "FeedSource" s ON s."feedId" = f."id" GROUP BY f."id" ORDER BY f."shop"`,
    );
    expect(feeds.rows).toEqual([
      // Publishing showed the oldest source; the cap is the new one post count's limit (50).
      {
        shop: "a.myshopify.com",
        name: "Main",
        includeWords: "sale\n#new",
        mediaTypes: "IMAGE,REELS",
        maxPosts: 50,
        requested: true,
        sources: ["src-early"],
      },
      {
        shop: "b.myshopify.com",
        name: "Main",
        includeWords: "",
        mediaTypes: "IMAGE,VIDEO,CAROUSEL_ALBUM,REELS",
        maxPosts: 8,
        requested: true,
        sources: ["src-b"],
      },
    ]);
    // A second feed named "main" in the same shop is refused; in another shop it is fine.
    await expect(
      client.query(
        `INSERT INTO "Feed" ("id", "shop", "name", "createdAt", "updatedAt") VALUES ('x', 'a.myshopify.com', 'MAIN', now(), now())`,
      ),
    ).rejects.toThrow(/Feed_live_name_per_shop/);
  } finally {
    await client.end();
  }
}, 60_000);
