// npm run bench:scale — many shops on the real job queue, against the fake Instagram answering like
// Instagram does (~150 ms a call). Seeds 10,000 shops with 20,000 connected accounts, each with a
// media source synced every 15 minutes, in steady state (due times spread over the schedule), then runs
// worker processes (`npm start` with PROCESS_ROLE=worker) for a while and prints: jobs per second
// sustained, queue lag (p50/p95), database connections in use, and Instagram calls per account per day
// against Meta's per-account budget. Then makes every source due at once to measure how many syncs a
// second the workers can do, and projects the deploy 100,000 shops need.
//   BENCH_SHOPS=10000 BENCH_ACCOUNTS=20000 BENCH_SECONDS=180 BENCH_WORKERS=2 BENCH_CONCURRENCY=8 BENCH_LATENCY_MS=150
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { startFakeChild } from "./fake-child";
import { useBenchSettings } from "./settings";

const SHOPS = Number(process.env.BENCH_SHOPS ?? 10_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 180);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 150);
const BURST_SECONDS = Number(process.env.BENCH_BURST_SECONDS ?? 60);
const SCHEDULE_MINUTES = 15;
const CHECK_MINUTES = 55;
const APP_ID = "990602627938098";
const APP_SECRET = "bench-instagram-secret";
/** Meta: "Calls within 24 hours = 4800 * Number of Impressions" per app and account pair; one impression is the floor. */
const BUDGET_PER_IMPRESSION = 4800;

if (process.argv[2] === "--fake-instagram") {
  // ---- the fake Instagram, in its own process like the real one ----
  const { startFakeInstagram } = await import("../../app/sandbox/stand-ins/instagram/index");
  const fake = await startFakeInstagram({ appId: APP_ID, appSecret: APP_SECRET, latencyMs: LATENCY_MS });
  const accounts = [];
  for (let i = 0; i < ACCOUNTS; i += 1) {
    const account = fake.addAccount({ username: `scale.${i}` });
    accounts.push({
      username: account.username,
      userId: account.userId,
      appScopedId: account.appScopedId,
      token: fake.issueLongLivedToken(account.username),
    });
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), "bench-scale-")), "accounts.json");
  writeFileSync(file, JSON.stringify(accounts));
  console.log(`READY ${fake.origin} ${file}`);
  createInterface({ input: process.stdin }).on("line", (line) => {
    if (line !== "calls") return;
    const perAccount = [...fake.callsPerAccount().entries()]
      .filter(([caller]) => caller !== "anonymous")
      .map(([, calls]) => calls);
    console.log(
      `CALLS ${JSON.stringify({ total: perAccount.reduce((a, b) => a + b, 0), max: Math.max(0, ...perAccount) })}`,
    );
  });
  process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
} else {
  await bench();
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

async function bench() {
  const { scratchDatabase } = await import("../setup/database");
  const { startAppProcess } = await import("../support/app-process");
  const database = await scratchDatabase("bench_scale");
  const fake = startFakeChild(import.meta.filename);
  const fakeCalls = async () => JSON.parse(await fake.ask("calls", "CALLS")) as { total: number; max: number };
  const [origin, accountsFile] = (await fake.nextLine("READY")).split(" ");
  const fakeAccounts = JSON.parse(readFileSync(accountsFile!, "utf8")) as Array<{
    username: string;
    userId: string;
    appScopedId: string;
    token: string;
  }>;

  useBenchSettings(database.url, { origin, appId: APP_ID, appSecret: APP_SECRET });
  const { db } = await import("../../app/db.server");
  const { encryptToken, tokenBinding } = await import("../../app/accounts/token-crypto.server");

  // ---- steady state: due times spread evenly over each schedule, tokens a day old (checks, not renewals) ----
  const seedStart = performance.now();
  const start = Date.now();
  const dueAt = new Map<string, number>();
  for (let batch = 0; batch < ACCOUNTS; batch += 1000) {
    const accounts = fakeAccounts.slice(batch, batch + 1000).map((fake, offset) => {
      const i = batch + offset;
      const identity = { shop: `scale-${i % SHOPS}.myshopify.com`, instagramUserId: fake.userId };
      const { ciphertext, keyId } = encryptToken(fake.token, tokenBinding(identity));
      return {
        id: `acct${i}`,
        ...identity,
        appScopedUserId: fake.appScopedId,
        username: fake.username,
        accountType: "BUSINESS",
        encryptedToken: ciphertext,
        tokenKeyId: keyId,
        tokenIssuedAt: new Date(start - 86_400_000),
        tokenExpiresAt: new Date(start + 59 * 86_400_000),
        nextCheckAt: new Date(start + ((i * 7919) % (CHECK_MINUTES * 60_000))),
      };
    });
    await db().instagramAccount.createMany({ data: accounts });
    const sources = accounts.map((account, offset) => {
      const due = start + (((batch + offset) * 104_729) % (SCHEDULE_MINUTES * 60_000));
      dueAt.set(`src${batch + offset}`, due);
      return {
        id: `src${batch + offset}`,
        shop: account.shop,
        accountId: account.id,
        scheduleMinutes: SCHEDULE_MINUTES,
        nextSyncAt: new Date(due),
        lastFullSyncAt: new Date(start),
      };
    });
    await db().mediaSource.createMany({ data: sources });
  }
  console.log(
    `seeded ${SHOPS.toLocaleString("en-US")} shops, ${ACCOUNTS.toLocaleString("en-US")} accounts and sources in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  // ---- the workers ----
  const env = {
    DATABASE_URL: database.url,
    INSTAGRAM_BASE_URL: origin!,
    INSTAGRAM_APP_ID: APP_ID,
    INSTAGRAM_APP_SECRET: APP_SECRET,
    PROCESS_ROLE: "worker",
    WORKER_CONCURRENCY: String(CONCURRENCY),
    DATABASE_POOL_SIZE: "10",
  };
  const callsBefore = await fakeCalls();
  const workers = await Promise.all(Array.from({ length: WORKERS }, (_, i) => startAppProcess(`worker ${i + 1}`, env)));
  const windowStart = new Date();
  console.log(
    `${WORKERS} worker processes × ${CONCURRENCY} jobs at once per kind; Instagram stand-in answers in ${LATENCY_MS} ms; measuring for ${SECONDS} s…`,
  );

  const monitor = new pg.Client({ connectionString: database.url });
  await monitor.connect();
  const connections: Array<{ total: number; active: number }> = [];
  const sampler = setInterval(() => {
    void monitor
      .query<{ total: number; active: number }>(
        "SELECT count(*)::int AS total, (count(*) FILTER (WHERE state = 'active'))::int - 1 AS active FROM pg_stat_activity WHERE datname = current_database()",
      )
      .then(({ rows }) => connections.push(rows[0]!))
      .catch(() => undefined);
  }, 1000);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  clearInterval(sampler);
  const windowEnd = new Date();
  const calls = await fakeCalls();

  // ---- figures ----
  const jobs = await monitor.query<{ name: string; done: number; lag: number[] }>(
    `SELECT name, count(*)::int AS done, array_agg(extract(epoch FROM started_on - greatest(created_on, start_after)) * 1000 ORDER BY 1) AS lag
     FROM pgboss.job WHERE state = 'completed' AND completed_on BETWEEN $1 AND $2 GROUP BY name ORDER BY name`,
    [windowStart, windowEnd],
  );
  const runs = await db().syncRun.findMany({
    where: { startedAt: { gte: windowStart, lte: windowEnd } },
    select: { sourceId: true, startedAt: true, status: true, trigger: true },
  });
  const scheduleLag = runs
    .filter((run) => run.trigger === "schedule" && (dueAt.get(run.sourceId) ?? 0) >= windowStart.getTime())
    .map((run) => run.startedAt!.getTime() - dueAt.get(run.sourceId)!)
    .sort((a, b) => a - b);
  const dueInWindow = [...dueAt.values()].filter(
    (due) => due >= windowStart.getTime() && due <= windowEnd.getTime() - 60_000,
  ).length;
  const startedOfDue = runs.filter((run) => {
    const due = dueAt.get(run.sourceId) ?? 0;
    return due >= windowStart.getTime() && due <= windowEnd.getTime() - 60_000;
  }).length;

  const seconds = (windowEnd.getTime() - windowStart.getTime()) / 1000;
  const totalJobs = jobs.rows.reduce((sum, row) => sum + row.done, 0);
  console.log(
    `\njobs completed: ${totalJobs.toLocaleString("en-US")} in ${seconds.toFixed(0)} s = ${(totalJobs / seconds).toFixed(1)} jobs/s sustained`,
  );
  for (const row of jobs.rows) {
    const lag = row.lag.map(Number).sort((a, b) => a - b);
    console.log(
      `  ${row.name.padEnd(22)} ${String(row.done).padStart(6)} jobs, queue lag (queued → started) p50 ${percentile(lag, 0.5).toFixed(0)} ms, p95 ${percentile(lag, 0.95).toFixed(0)} ms`,
    );
  }
  console.log(
    `syncs due in the window: ${dueInWindow.toLocaleString("en-US")}, started: ${startedOfDue.toLocaleString("en-US")}; ` +
      `due → started (includes the once-a-minute schedule sweep): p50 ${(percentile(scheduleLag, 0.5) / 1000).toFixed(1)} s, p95 ${(percentile(scheduleLag, 0.95) / 1000).toFixed(1)} s`,
  );
  const failedRuns = runs.filter((run) => run.status === "failed").length;
  console.log(`sync runs failed: ${failedRuns}`);
  const totals = connections.map((c) => c.total).sort((a, b) => a - b);
  const active = connections.map((c) => c.active).sort((a, b) => a - b);
  console.log(
    `database connections: ${percentile(totals, 0.5)} open (max ${totals.at(-1)}; pools allow ${WORKERS} × 2 × 10), ` +
      `in use at once p50 ${percentile(active, 0.5)}, p95 ${percentile(active, 0.95)}, max ${active.at(-1)}`,
  );
  const graphCalls = calls.total - callsBefore.total;
  const perAccountPerDay = (graphCalls / ACCOUNTS) * (86_400 / seconds);
  console.log(
    `Instagram calls: ${graphCalls.toLocaleString("en-US")} (${(graphCalls / seconds).toFixed(1)}/s) = ${perAccountPerDay.toFixed(0)} per account per day; ` +
      `Meta's budget is 4,800 × impressions per account per day (${((perAccountPerDay / BUDGET_PER_IMPRESSION) * 100).toFixed(1)} % of an account with a single daily impression)`,
  );

  // ---- capacity: every source due at once; how fast do the workers drain the backlog? ----
  await db().mediaSource.updateMany({ data: { nextSyncAt: new Date() } });
  const { enqueue } = await import("../../app/jobs/queue.server");
  const { QUEUE } = await import("../../app/jobs/queues");
  await enqueue(QUEUE.syncSchedule, {}, { singletonKey: QUEUE.syncSchedule }); // the sweep now, not at the next minute
  console.log(
    `\ncapacity: all ${ACCOUNTS.toLocaleString("en-US")} sources due at once; once the backlog is queued, measuring for ${BURST_SECONDS} s…`,
  );
  const backlog = async () =>
    (
      await monitor.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'media-sync' AND state = 'created'",
      )
    ).rows[0]!.n;
  for (let waited = 0; waited < 120 && (await backlog()) < ACCOUNTS / 2; waited += 1)
    await new Promise((resolve) => setTimeout(resolve, 1000));
  const burstStart = new Date();
  await new Promise((resolve) => setTimeout(resolve, BURST_SECONDS * 1000));
  const burst = await monitor.query<{ done: number }>(
    "SELECT count(*)::int AS done FROM pgboss.job WHERE name = 'media-sync' AND state = 'completed' AND completed_on > $1",
    [burstStart],
  );
  const capacity = burst.rows[0]!.done / ((Date.now() - burstStart.getTime()) / 1000);
  console.log(
    `  ${capacity.toFixed(1)} syncs/s with ${WORKERS} worker processes (${(capacity / WORKERS).toFixed(1)} per process)`,
  );

  const accountsAt100k = 200_000;
  const demand = accountsAt100k / (SCHEDULE_MINUTES * 60) + accountsAt100k / (CHECK_MINUTES * 60);
  console.log(
    `\nprojection for 100,000 shops (${accountsAt100k.toLocaleString("en-US")} accounts, 15-minute syncs): ${demand.toFixed(0)} jobs/s; ` +
      `${Math.ceil((demand / (capacity / WORKERS)) * 1.5)} worker processes like these (50 % headroom); ` +
      `${((perAccountPerDay * accountsAt100k) / 1e6).toFixed(1)} million Instagram calls a day`,
  );

  const sizes = await monitor.query<{ database: string; runs: number; jobs: number }>(
    `SELECT pg_size_pretty(pg_database_size(current_database())) AS database, (SELECT count(*)::int FROM "SyncRun") AS runs,
       (SELECT count(*)::int FROM pgboss.job) + (SELECT count(*)::int FROM pgboss.archive) AS jobs`,
  );
  console.log(
    `database: ${sizes.rows[0]!.database} (${ACCOUNTS.toLocaleString("en-US")} accounts and sources, ${sizes.rows[0]!.runs.toLocaleString("en-US")} sync runs, ${sizes.rows[0]!.jobs.toLocaleString("en-US")} queue rows)`,
  );
  await monitor.end();
  for (const worker of workers) worker.child.kill("SIGTERM");
  await Promise.all(workers.map((worker) => worker.exited));
  await db().$disconnect();
  await (await import("../../app/jobs/queue.server")).stopQueue(1000);
  fake.stop();
  await database.drop();
}
