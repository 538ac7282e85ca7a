// The background work on the real job queue (pg-boss in the test's PostgreSQL), with real workers in
// this process: Sync now runs through a media-sync job, one at a time per source; a job whose worker
// vanished is taken over once JOB_TIMEOUT_SECONDS pass; a job that keeps failing ends as a failed run in
// the merchant's history; Meta's usage headers hold an account's calls back; token upkeep fans out
// one job per due account and renews each once.
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "../../app/config.server";
import { db } from "../../app/db.server";
import { startBackgroundWork, stopBackgroundWork } from "../../app/jobs/workers.server";
import { enqueue } from "../../app/jobs/queue.server";
import { QUEUE } from "../../app/jobs/queues";
import { queueDueSyncs } from "../../app/sync/schedule.server";
import { recentRuns, requestSync } from "../../app/sync/run-records.server";
import { ensureAccountSources } from "../../app/sync/sources.server";
import { DAY, frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { useFakeShopifyAdmin } from "../support/shopify-admin";
import { seedOfflineSession, SHOP } from "../support/shopify";

const instagram = useFakeInstagram();
useFakeShopifyAdmin();

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still not done after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const mediaPages = () => instagram.fake.calls.filter((call) => /\/me\/media$/.test(call.path)).length;

async function connectWithSource(username: string, posts: number) {
  instagram.fake.addAccount({ username, mediaCount: posts });
  const account = await connectAccount(instagram.fake, username);
  await ensureAccountSources(SHOP);
  // The schedule sweep would sync it at once; these tests start their syncs themselves.
  const source = await db().mediaSource.findFirstOrThrow({ where: { accountId: account.id } });
  return db().mediaSource.update({ where: { id: source.id }, data: { nextSyncAt: new Date(Date.now() + DAY) } });
}

beforeAll(async () => {
  Object.assign(process.env, { JOB_TIMEOUT_SECONDS: "5", WORKER_CONCURRENCY: "2", SHUTDOWN_TIMEOUT_SECONDS: "2" });
  resetConfigForTests();
  await seedOfflineSession();
  await startBackgroundWork();
});
afterAll(() => stopBackgroundWork());

describe("syncs on the queue", () => {
  it("Sync now runs as a job: the run ends succeeded with every post, and asking twice makes one job", async () => {
    const source = await connectWithSource("queue.now", 230);
    const pagesBefore = mediaPages();
    const [first, second] = await Promise.all([requestSync(source.id, "manual"), requestSync(source.id, "manual")]);
    expect(first.ok && second.ok && first.run.id === second.run.id).toBe(true);
    const run = await eventually(
      () => db().syncRun.findUniqueOrThrow({ where: { id: first.ok ? first.run.id : "" } }),
      (r) => r.status === "succeeded",
    );
    expect(run).toMatchObject({ fetched: 230, added: 230, mode: "full" });
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(230);
    expect(mediaPages() - pagesBefore).toBe(3);
  });

  it("the schedule queues a sync due within the next minute to start at its due time, not before", async () => {
    const source = await connectWithSource("queue.scheduled", 4);
    const due = new Date(Date.now() + 4_000);
    await db().mediaSource.update({ where: { id: source.id }, data: { nextSyncAt: due, lastFullSyncAt: new Date() } });
    expect((await queueDueSyncs()).queued).toBe(1);
    const run = await eventually(
      () => db().syncRun.findFirstOrThrow({ where: { sourceId: source.id } }),
      (r) => r.status === "succeeded",
    );
    expect(run.trigger).toBe("schedule");
    expect(run.startedAt!.getTime()).toBeGreaterThanOrEqual(due.getTime() - 50);
    expect(
      (await db().mediaSource.findUniqueOrThrow({ where: { id: source.id } })).nextSyncAt!.getTime(),
    ).toBeGreaterThanOrEqual(due.getTime() + 60 * 60_000);
  });

  it("a job whose worker vanished is run by another worker once its timeout passes; nothing is lost or doubled", async () => {
    const source = await connectWithSource("queue.vanished", 150);
    // A second process takes the job and dies without a word (what kill -9 leaves behind).
    const dead = new PgBoss({
      connectionString: process.env.DATABASE_URL!,
      schema: "pgboss",
      supervise: false,
      schedule: false,
    });
    await dead.start();
    await db().$executeRawUnsafe(`UPDATE pgboss.queue SET retry_delay = 0 WHERE name = '${QUEUE.sync}'`);
    await stopBackgroundWork(); // no live worker until the dead one holds the job
    const request = await requestSync(source.id, "manual");
    const [taken] = await dead.fetch(QUEUE.sync);
    expect(taken?.data).toEqual({ sourceId: source.id });
    await dead.stop({ graceful: false, close: true, wait: true });
    await startBackgroundWork();

    const run = await eventually(
      () => db().syncRun.findUniqueOrThrow({ where: { id: request.ok ? request.run.id : "" } }),
      (r) => r.status === "succeeded",
    );
    expect(run).toMatchObject({ fetched: 150, added: 150 });
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(150);
    expect(await db().syncRun.count({ where: { sourceId: source.id } })).toBe(1);
  });

  it("a sync job that keeps failing ends as a failed run in the merchant's history, and the next sync is scheduled", async () => {
    const source = await connectWithSource("queue.doomed", 10);
    const run = await db().syncRun.create({
      data: {
        sourceId: source.id,
        trigger: "manual",
        mode: "full",
        status: "running",
        queuedAt: new Date(),
        attempt: "gone:0",
      },
    });
    // No retries left and nobody to run it: the timeout fails it, and the dead letter reaches the run.
    const dead = new PgBoss({
      connectionString: process.env.DATABASE_URL!,
      schema: "pgboss",
      supervise: false,
      schedule: false,
    });
    await dead.start();
    await stopBackgroundWork();
    await dead.send(
      QUEUE.sync,
      { sourceId: source.id },
      { singletonKey: source.id, retryLimit: 0, expireInSeconds: 2 },
    );
    await dead.fetch(QUEUE.sync);
    await dead.stop({ graceful: false, close: true, wait: true });
    await startBackgroundWork();

    const [failed] = await eventually(
      () => recentRuns(source.id),
      (runs) => runs[0]?.status === "failed",
    );
    expect(failed).toMatchObject({ id: run.id, status: "failed", errorKind: "internal" });
    expect(failed!.errorMessage).toBe(
      "This sync stopped unexpectedly on our side. The posts already here are kept; the next sync tries again.",
    );
    const after = await db().mediaSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(after.nextSyncAt!.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    // It counts towards the source's streak of failing syncs (the alerts read it).
    expect(after.failingSince?.toISOString()).toBe(failed!.finishedAt);
  });

  it("while Meta says an account is near its limit, its sync waits in the queue and Instagram is not called", async () => {
    const source = await connectWithSource("queue.throttled", 20);
    const until = new Date(Date.now() + 4_000);
    const pagesBefore = mediaPages();
    await db().instagramAccount.update({ where: { id: source.accountId }, data: { throttledUntil: until } });
    const request = await requestSync(source.id, "manual");
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: request.ok ? request.run.id : "" } })).toMatchObject({
      status: "queued",
    });
    expect(mediaPages() - pagesBefore).toBe(0);
    const run = await eventually(
      () => db().syncRun.findUniqueOrThrow({ where: { id: request.ok ? request.run.id : "" } }),
      (r) => r.status === "succeeded",
    );
    expect(run.startedAt!.getTime()).toBeGreaterThanOrEqual(until.getTime());
    expect(mediaPages() - pagesBefore).toBe(1);
  });

  it("usage headers at 90 % or more put the account on hold", async () => {
    const source = await connectWithSource("queue.busy", 5);
    const nearLimit = { "x-app-usage": JSON.stringify({ call_count: 93, total_time: 10, total_cputime: 10 }) };
    // Only this account's request: a scheduled sync of an earlier test's account must not take the reply.
    instagram.fake.failNext(
      { path: /\/me\/media$/, account: "queue.busy" },
      { status: 200, body: { data: [] }, headers: nearLimit },
    );
    const request = await requestSync(source.id, "manual");
    await eventually(
      () => db().syncRun.findUniqueOrThrow({ where: { id: request.ok ? request.run.id : "" } }),
      (r) => r.status !== "queued" && r.status !== "running",
    );
    const account = await db().instagramAccount.findUniqueOrThrow({ where: { id: source.accountId } });
    expect(account.throttledUntil!.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
  });
});

describe("token upkeep on the queue", () => {
  it("the sweep fans out one job per due account, and each is renewed exactly once", async () => {
    const usernames = ["upkeep.a", "upkeep.b", "upkeep.c"];
    for (const username of usernames) instagram.fake.addAccount({ username });
    // Connected six days ago (by Instagram's clock and ours): due for renewal.
    const clock = frozenClock(new Date(Date.now() - 6 * DAY).toISOString());
    const accounts: Array<{ id: string }> = [];
    for (const username of usernames) accounts.push(await connectAccount(instagram.fake, username));
    clock.restore();
    await db().instagramAccount.updateMany({
      where: { id: { in: accounts.map((a) => a.id) } },
      data: { nextCheckAt: new Date(Date.now() - 1000) },
    });
    const refreshes = () => instagram.fake.calls.filter((call) => call.path.endsWith("refresh_access_token")).length;
    const before = refreshes();
    await enqueue(QUEUE.tokenSweep, {}, { singletonKey: QUEUE.tokenSweep });
    await eventually(
      () => db().instagramAccount.findMany({ where: { id: { in: accounts.map((a) => a.id) } } }),
      (rows) => rows.every((row) => row.lastRenewalResult !== null),
    );
    await enqueue(QUEUE.tokenSweep, {}, { singletonKey: QUEUE.tokenSweep }); // nothing is due any more
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(refreshes() - before).toBe(usernames.length);
  });
});
