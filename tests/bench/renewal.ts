// npm run bench:renewal — how the token sweep finds due accounts among 100,000.
// Seeds a fresh SQLite database (10% of accounts due), then prints the time to find the due ones,
// the query plan (it must use the (status, nextCheckAt) index), and peak memory.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { DUE_INDEX, dueQueryPlan } from "../support/due-query";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const DUE_SHARE = 0.1;
const root = path.resolve(import.meta.dirname, "../..");
const file = path.join(mkdtempSync(path.join(tmpdir(), "bench-renewal-")), "bench.sqlite");

Object.assign(process.env, {
  DATABASE_URL: `file:${file}`,
  SHOPIFY_API_KEY: "bench",
  SHOPIFY_API_SECRET: "bench",
  SHOPIFY_APP_URL: "http://localhost:3000",
  INSTAGRAM_APP_ID: "1",
  INSTAGRAM_APP_SECRET: "bench",
});

let peakRss = 0;
const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const ms = (start: number) => `${(performance.now() - start).toFixed(1)} ms`;

execFileSync("npx", ["prisma", "migrate", "deploy", "--config", "prisma/prisma.config.ts"], { cwd: root, env: process.env, stdio: "ignore" });

const now = Date.now();
const iso = (epoch: number) => new Date(epoch).toISOString().replace("Z", "+00:00");
const seeding = performance.now();
const sqlite = new Database(file);
const insert = sqlite.prepare(
  `INSERT INTO InstagramAccount (id, shop, instagramUserId, appScopedUserId, username, accountType, encryptedToken, tokenIssuedAt, tokenExpiresAt, status, connectedAt, updatedAt, nextCheckAt, renewalFailures)
   VALUES (?, ?, ?, ?, ?, 'BUSINESS', 'v1.x.y.z.w', ?, ?, ?, ?, ?, ?, 0)`,
);
sqlite.transaction(() => {
  for (let i = 0; i < ACCOUNTS; i += 1) {
    const due = i % Math.round(1 / DUE_SHARE) === 0;
    const status = i % 50 === 1 ? "needs_reconnect" : "active";
    const nextCheck = due ? now - ((i * 7919) % 3_600_000) : now + 60_000 + ((i * 7919) % 3_600_000);
    insert.run(`acct${i}`, `shop-${i % 20_000}.myshopify.com`, String(17841400000000000n + BigInt(i)), String(27640875392278831n + BigInt(i)), `user${i}`, iso(now - 86_400_000), iso(now + 59 * 86_400_000), status, iso(now), iso(now), iso(nextCheck));
  }
})();
sqlite.exec("ANALYZE");
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

const plan = dueQueryPlan(sqlite, iso(now));
console.log(`query plan: ${plan.join(" | ")}`);
clearInterval(sample);
console.log(`peak memory (RSS): ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
await db().$disconnect();
if (!plan.some((step) => step.includes(DUE_INDEX))) {
  console.error("the due-account query does not use the (status, nextCheckAt) index");
  process.exitCode = 1;
}
