// Three app processes on one PostgreSQL, as a deploy runs them: two serve the app and work the queue
// (PROCESS_ROLE=all), one only works the queue (worker). With 500 accounts due for renewal and 200 media
// sources due for a sync, every renewal and every sync happens exactly once. Then a worker is killed
// with SIGKILL in the middle of a long sync: another process finishes it once the job's timeout passes,
// with nothing lost or doubled. Then SIGTERM: the process hands its running sync back and exits cleanly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "../../app/config.server";
import { db } from "../../app/db.server";
import { stopQueue } from "../../app/jobs/queue.server";
import { requestSync } from "../../app/sync/run-records.server";
import { ensureAccountSources } from "../../app/sync/sources.server";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { DAY, frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { useFakeShopifyAdmin } from "../support/shopify-admin";
import { seedOfflineSession } from "../support/shopify";

const SHOPS = 100;
const ACCOUNTS = 500;
const DUE_SOURCES = 200;
const BIG = "processes.big";
const BIG_POSTS = 3000;
const JOB_TIMEOUT_SECONDS = 8;

const instagram = useFakeInstagram({ latencyMs: 5 });
const shopifyAdmin = useFakeShopifyAdmin();
const processes: AppProcess[] = [];
const before = { refreshes: 0, firstPages: 0 };

const shopOf = (i: number) => `processes-${i % SHOPS}.myshopify.com`;
const refreshCalls = () => instagram.fake.calls.filter((call) => call.path.endsWith("refresh_access_token")).length;
const firstPages = () =>
  instagram.fake.calls.filter((call) => /\/me\/media$/.test(call.path) && !call.query.after).length;
const pidOf = (attempt: string | null) => Number(attempt?.split(":").at(-1));

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not done after ${timeoutMs} ms (${JSON.stringify(value).slice(0, 300)})\n${processes.map((p) => p.output.join("").slice(-2000)).join("\n---\n")}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const runOf = (runId: string) => db().syncRun.findUniqueOrThrow({ where: { id: runId } });

/** Asks for a sync of the source and waits until it is `pages` pages in; returns the run and the process running it. */
async function syncUnderWay(sourceId: string, pages: number) {
  const request = await requestSync(sourceId, "manual");
  const runId = request.ok ? request.run.id : "";
  const running = await eventually(
    () => runOf(runId),
    (run) => run.status === "running" && run.pages >= pages,
    60_000,
    "sync running",
  );
  return { runId, running, worker: processes.find((p) => p.child.pid === pidOf(running.attempt))! };
}

/** Takes the process out of the test's list once it has ended. */
function forget(ended: AppProcess) {
  processes.splice(processes.indexOf(ended), 1);
}

beforeAll(async () => {
  // Connected six days ago (by Instagram's clock and ours): every token is due for renewal.
  const clock = frozenClock(new Date(Date.now() - 6 * DAY).toISOString());
  for (let shop = 0; shop < SHOPS; shop += 1) await seedOfflineSession(shopOf(shop));
  for (let i = 0; i < ACCOUNTS; i += 1) {
    instagram.fake.addAccount({ username: `processes.${i}`, mediaCount: 3 });
    await connectAccount(instagram.fake, `processes.${i}`, shopOf(i));
  }
  clock.restore();
  for (let shop = 0; shop < SHOPS; shop += 1) await ensureAccountSources(shopOf(shop));
  const sources = await db().mediaSource.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  const due = sources.slice(0, DUE_SOURCES).map((source) => source.id);
  await db().mediaSource.updateMany({
    where: { id: { notIn: due } },
    data: { nextSyncAt: new Date(Date.now() + DAY) },
  });
  await db().mediaSource.updateMany({
    where: { id: { in: due } },
    data: { nextSyncAt: new Date(Date.now() - 60_000) },
  });
  await db().instagramAccount.updateMany({ data: { nextCheckAt: new Date(Date.now() - 60_000) } });

  Object.assign(before, { refreshes: refreshCalls(), firstPages: firstPages() });
  // The same settings in every process of a deploy, this one (which queues Sync now) included.
  process.env.JOB_TIMEOUT_SECONDS = String(JOB_TIMEOUT_SECONDS);
  resetConfigForTests();
  const env = {
    DATABASE_URL: process.env.DATABASE_URL!,
    DATABASE_POOL_SIZE: "5",
    INSTAGRAM_BASE_URL: instagram.fake.origin,
    SHOPIFY_ADMIN_API_ORIGIN: shopifyAdmin.fake.origin,
    JOB_TIMEOUT_SECONDS: String(JOB_TIMEOUT_SECONDS),
    SHUTDOWN_TIMEOUT_SECONDS: "10",
    WORKER_CONCURRENCY: "4",
  };
  processes.push(
    ...(await Promise.all([
      startAppProcess("web+worker A", { ...env, PROCESS_ROLE: "all" }),
      startAppProcess("web+worker B", { ...env, PROCESS_ROLE: "all" }),
      startAppProcess("worker C", { ...env, PROCESS_ROLE: "worker" }),
    ])),
  );
}, 240_000);

afterAll(async () => {
  for (const running of processes) running.child.kill("SIGKILL");
  await stopQueue(1000);
});

describe("three processes, one database", () => {
  it("every due renewal and every due sync happens exactly once, spread over the processes", async () => {
    await eventually(
      () => db().instagramAccount.count({ where: { tokenRefreshedAt: { not: null } } }),
      (n) => n === ACCOUNTS,
      150_000,
      "renewals",
    );
    await eventually(
      () => db().syncRun.count({ where: { status: "succeeded" } }),
      (n) => n === DUE_SOURCES,
      150_000,
      "syncs",
    );
    await new Promise((resolve) => setTimeout(resolve, 3000)); // time for any duplicate to show itself

    expect(refreshCalls() - before.refreshes).toBe(ACCOUNTS);
    expect(await db().syncRun.count()).toBe(DUE_SOURCES);
    expect(firstPages() - before.firstPages).toBe(DUE_SOURCES);
    expect(
      await db().instagramAccount.count({
        where: { OR: [{ renewalFailures: { gt: 0 } }, { status: { not: "active" } }] },
      }),
    ).toBe(0);
    const runs = await db().syncRun.findMany({ select: { attempt: true, fetched: true, added: true } });
    expect(runs.every((run) => run.fetched === 3 && run.added === 3)).toBe(true);
    const workers = new Set(runs.map((run) => pidOf(run.attempt)));
    expect([...workers].sort()).toEqual(processes.map((p) => p.child.pid).sort());
  }, 200_000);

  it("each process answers as its role says: web+worker serve the app, the worker only its probes", async () => {
    for (const running of processes) {
      expect((await running.get("/healthz")).status).toBe(200);
      expect(await (await running.get("/readyz")).json()).toEqual({ status: "ready" });
    }
    expect((await processes[0]!.get("/")).status).not.toBe(404);
    expect((await processes[2]!.get("/")).status).toBe(404);
  });

  it("a worker killed with SIGKILL mid-sync: another process finishes the run once the job times out; nothing lost or doubled", async () => {
    instagram.fake.set({ latencyMs: 40 });
    instagram.fake.addAccount({ username: BIG, mediaCount: BIG_POSTS });
    const account = await connectAccount(instagram.fake, BIG, shopOf(0));
    await ensureAccountSources(shopOf(0));
    const source = await db().mediaSource.findFirstOrThrow({ where: { accountId: account.id } });
    const { runId, running, worker: victim } = await syncUnderWay(source.id, 3);
    const killedAt = Date.now();
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toBe("SIGKILL");
    forget(victim);

    const done = await eventually(
      () => runOf(runId),
      (run) => run.status === "succeeded",
      90_000,
      "big sync finished",
    );
    expect(pidOf(done.attempt)).not.toBe(victim.child.pid);
    expect(done).toMatchObject({ fetched: BIG_POSTS, removed: 0 });
    // Taken over only once the job timed out (counted from when it started), not before.
    expect(done.finishedAt!.getTime() - running.startedAt!.getTime()).toBeGreaterThanOrEqual(
      (JOB_TIMEOUT_SECONDS - 1) * 1000,
    );
    expect(done.finishedAt!.getTime()).toBeGreaterThan(killedAt);
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(BIG_POSTS);
    expect(await db().syncRun.count({ where: { sourceId: source.id } })).toBe(1);
  }, 150_000);

  it("SIGTERM: the process hands its running sync back and exits 0; another process finishes the run", async () => {
    const source = await db().mediaSource.findFirstOrThrow({ where: { account: { username: BIG } } });
    const { runId, worker: stopping } = await syncUnderWay(source.id, 2);
    const signalledAt = Date.now();
    stopping.child.kill("SIGTERM");
    expect(await stopping.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(15_000); // the page in hand, then out (SHUTDOWN_TIMEOUT_SECONDS is 10)
    forget(stopping);

    const done = await eventually(
      () => runOf(runId),
      (run) => run.status === "succeeded",
      60_000,
      "handed-back sync finished",
    );
    expect(pidOf(done.attempt)).toBe(processes[0]!.child.pid);
    expect(done).toMatchObject({ fetched: BIG_POSTS, added: 0, removed: 0 });
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(BIG_POSTS);
  }, 120_000);
});
