// npm run bench:sync — a first sync of 10,000 posts from the fake Instagram (in its own process, over
// HTTP), then a re-sync that changes nothing, then an incremental sync with nothing new (which must
// make exactly one API call). Prints API calls, posts per second and peak memory (this process's: the
// app's code, not the fake's).
//   BENCH_POSTS=2000 npm run bench:sync    (fewer posts)
import { startFakeChild } from "./fake-child";
import { useBenchSettings } from "./settings";
import { createInterface } from "node:readline";
import { getHeapStatistics } from "node:v8";

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const USERNAME = "bench.studio";
const APP_ID = "990602627938098";
const APP_SECRET = "bench-instagram-secret";

// ---- the fake Instagram, when this file runs as the child process ----
if (process.argv[2] === "--fake-instagram") {
  const { startFakeInstagram } = await import("../../app/sandbox/stand-ins/instagram/index");
  const fake = await startFakeInstagram({ appId: APP_ID, appSecret: APP_SECRET });
  fake.addAccount({ username: USERNAME, mediaCount: POSTS });
  console.log(`READY ${fake.origin}`);
  // "calls" on stdin → how many /me/media pages the fake has served so far.
  createInterface({ input: process.stdin }).on("line", (line) => {
    if (line === "calls") console.log(`CALLS ${fake.calls.filter((call) => /\/me\/media$/.test(call.path)).length}`);
  });
  process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
} else {
  await bench();
}

async function bench() {
  const { scratchDatabase } = await import("../setup/database");
  const database = await scratchDatabase("bench_sync");

  const fake = startFakeChild(import.meta.filename, { BENCH_POSTS: String(POSTS) });
  const fakeCalls = async () => Number(await fake.ask("calls", "CALLS"));
  const origin = await fake.nextLine("READY");

  useBenchSettings(database.url, { origin, appId: APP_ID, appSecret: APP_SECRET });

  const { completeConnection, startConnection } = await import("../../app/accounts/connect.server");
  const { db } = await import("../../app/db.server");
  const { createInstagramClient } = await import("../../app/instagram/client.server");
  const { syncQueuedRuns } = await import("../support/sync");
  const { requestSync } = await import("../../app/sync/run-records.server");
  const { ensureAccountSources } = await import("../../app/sync/sources.server");
  const { feedPosts } = await import("../../app/feed/selection.server");

  // Connect the account as a merchant would: Instagram's consent form, Allow, back to our callback.
  const shop = "bench-shop.myshopify.com";
  const authorize = new URL(await startConnection(shop));
  const consent = new URLSearchParams(authorize.searchParams);
  consent.set("username", USERNAME);
  consent.set("decision", "allow");
  const decision = await fetch(`${origin}/oauth/authorize/decision`, {
    method: "POST",
    body: consent,
    redirect: "manual",
  });
  const back = new URL(decision.headers.get("location")!);
  const connected = await completeConnection({
    code: back.searchParams.get("code") ?? undefined,
    state: back.searchParams.get("state") ?? undefined,
  });
  if (!connected.ok) throw new Error(`connecting failed: ${connected.problem}`);
  await ensureAccountSources(shop);
  const source = await db().mediaSource.findFirstOrThrow({ where: { shop } });

  // Every page request the app makes, retries included.
  const client = createInstagramClient();
  let appCalls = 0;
  const counting = {
    ...client,
    listMediaPage: (...args: Parameters<typeof client.listMediaPage>) => (
      (appCalls += 1),
      client.listMediaPage(...args)
    ),
  };

  const baseline = process.memoryUsage().rss;
  let peakHeap = 0;
  // The heap alone: process.memoryUsage() also reads RSS from /proc, which every 5 ms cost the timed syncs
  // a noticeable share of their CPU. The RSS peak comes from the kernel's own count at the end.
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size)), 5);
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

  const databaseBytes = async () =>
    Number(
      (await db().$queryRawUnsafe<Array<{ bytes: bigint }>>("SELECT pg_database_size(current_database()) AS bytes"))[0]!
        .bytes,
    );

  async function timedSync(trigger: "manual" | "schedule") {
    const callsBefore = appCalls;
    const fakeBefore = await fakeCalls();
    const request = await requestSync(source.id, trigger);
    if (!request.ok) throw new Error(request.message);
    const started = performance.now();
    await syncQueuedRuns({ client: counting, concurrency: 1 });
    const seconds = (performance.now() - started) / 1000;
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: request.run.id } });
    return { run, seconds, calls: appCalls - callsBefore, fakeCalls: (await fakeCalls()) - fakeBefore };
  }

  console.log(`syncing ${POSTS.toLocaleString("en-US")} posts from the fake Instagram over HTTP (pages of 100)…`);
  const first = await timedSync("manual");
  const stored = await db().mediaItem.count({ where: { sourceId: source.id } });
  console.log(
    `first sync (full):         ${first.run.status}, ${first.run.added.toLocaleString("en-US")} added, ${stored.toLocaleString("en-US")} stored, ` +
      `${first.calls} API calls (fake served ${first.fakeCalls}), ${first.seconds.toFixed(2)} s, ${Math.round(first.run.fetched / first.seconds).toLocaleString("en-US")} posts/s`,
  );
  const again = await timedSync("manual");
  console.log(
    `re-sync (full, no change): ${again.run.status}, ${again.run.added} added, ${again.run.updated} updated, ${again.run.removed} removed, ` +
      `${again.calls} API calls, ${again.seconds.toFixed(2)} s, ${Math.round(again.run.fetched / again.seconds).toLocaleString("en-US")} posts/s`,
  );
  const quiet = await timedSync("schedule");
  console.log(
    `incremental, nothing new:  ${quiet.run.status} (${quiet.run.mode}), ${quiet.calls} API call${quiet.calls === 1 ? "" : "s"} (fake served ${quiet.fakeCalls}), ${(quiet.seconds * 1000).toFixed(0)} ms`,
  );

  const listed = performance.now();
  const mainFeed = await db().feed.findFirstOrThrow({ where: { shop }, include: { sources: true } });
  const shown = await feedPosts(mainFeed);
  console.log(
    `feed selection (${shown.length} posts of ${stored.toLocaleString("en-US")}): ${(performance.now() - listed).toFixed(1)} ms`,
  );

  clearInterval(sampler);
  console.log(
    `peak memory: ${mib(process.resourceUsage().maxRSS * 1024)} RSS (process peak; ${mib(baseline)} before syncing), ` +
      `${mib(peakHeap)} JS heap at most; database ${mib(await databaseBytes())}`,
  );
  await db().$disconnect();
  await (await import("../../app/jobs/queue.server")).stopQueue(1000);
  await database.drop();
  fake.stop();

  const failures = [
    first.run.status !== "succeeded" || stored !== POSTS ? `the first sync stored ${stored} of ${POSTS} posts` : "",
    again.run.added + again.run.updated + again.run.removed !== 0 ? "the re-sync changed posts" : "",
    quiet.calls !== 1 || quiet.fakeCalls !== 1 ? `the incremental sync made ${quiet.calls} API calls, not 1` : "",
  ].filter(Boolean);
  for (const failure of failures) console.error(`FAILED: ${failure}`);
  process.exitCode = failures.length ? 1 : 0;
}
