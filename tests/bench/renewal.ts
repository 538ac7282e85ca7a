// npm run bench:renewal — how the token sweep finds due accounts among 100,000.
// Seeds a fresh PostgreSQL database (10% of accounts due), then prints the time to find the due ones,
// the query plan (it must use the (status, nextCheckAt) index), and peak memory.
import pg from "pg";
import { scratchDatabase } from "../setup/database";
import { DUE_INDEX, dueQueryPlan } from "../support/due-query";
import { useBenchSettings } from "./settings";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const DUE_SHARE = 0.1;
const database = await scratchDatabase("bench_renewal");

useBenchSettings(database.url);

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const ms = (start: number) => `${(performance.now() - start).toFixed(1)} ms`;

const now = Date.now();
const seeding = performance.now();
const client = new pg.Client({ connectionString: database.url });
await client.connect();
// One statement: PostgreSQL generates the rows (10 % due, 2 % needing reconnection).
await client.query(
  `INSERT INTO "InstagramAccount" (id, shop, "instagramUserId", "appScopedUserId", username, "accountType", "encryptedToken",
     "tokenIssuedAt", "tokenExpiresAt", status, "connectedAt", "updatedAt", "nextCheckAt", "renewalFailures")
   SELECT 'acct' || i, 'shop-' || (i % 20000) || '.myshopify.com', (17841400000000000 + i)::text, (27640875392278831 + i)::text, 'user' || i,
     'BUSINESS', 'v1.x.y.z.w', $1::timestamptz - interval '1 day', $1::timestamptz + interval '59 days',
     CASE WHEN i % 50 = 1 THEN 'needs_reconnect' ELSE 'active' END, $1, $1,
     CASE WHEN i % $3 = 0 THEN $1::timestamptz - ((i * 7919) % 3600000) * interval '1 millisecond'
          ELSE $1::timestamptz + interval '1 minute' + ((i * 7919) % 3600000) * interval '1 millisecond' END, 0
   FROM generate_series(0, $2 - 1) AS i`,
  [new Date(now), ACCOUNTS, Math.round(1 / DUE_SHARE)],
);
await client.query(`ANALYZE "InstagramAccount"`);
await client.end();
console.log(`seeded ${ACCOUNTS.toLocaleString()} accounts in ${ms(seeding)}`);

const { findDueAccounts } = await import("../../app/accounts/renewal.server");
const { db } = await import("../../app/db.server");

const first = performance.now();
const batch = await findDueAccounts(new Date(now), {}, 200);
console.log(`first batch of ${batch.length} due accounts (cold): ${ms(first)}`);

const warm = performance.now();
for (let i = 0; i < 20; i += 1) await findDueAccounts(new Date(now), {}, 200);
console.log(`one batch of 200, warm: ${((performance.now() - warm) / 20).toFixed(2)} ms`);

const all = performance.now();
const due = await findDueAccounts(new Date(now), {}, ACCOUNTS);
console.log(`all ${due.length.toLocaleString()} due accounts in one query: ${ms(all)}`);

const plan = await dueQueryPlan(database.url, new Date(now));
console.log(`query plan: ${plan.join(" | ")}`);
clearInterval(sample);
console.log(`peak memory (RSS): ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
await db().$disconnect();
await database.drop();
if (!plan.some((step) => step.includes(DUE_INDEX))) {
  console.error("the due-account query does not use the (status, nextCheckAt) index");
  process.exitCode = 1;
}
