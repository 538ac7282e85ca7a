// npm run bench:ingest — how many events one process ingests per second through the real /ingest route
// handler (app/routes/ingest.tsx: body read, JSON, zod, rate limit, key check, one upsert per batch) on a
// scratch PostgreSQL database, and how much the database grows per 1,000,000 events. Prints figures only.
//
// The traffic: SHOPS shops (each under its own rate limit), CONCURRENCY batches in flight, 50 posts a shop
// each tagged with one of its 20 products. Throughput is measured twice on today's date: with page-view
// batches (a feed seen, one or two posts opened, sometimes a product clicked and added, now and then an
// assisted order: what the pixel sends) and with full batches (100 events). Growth is measured with
// page-view batches spread over DAYS days: aggregates grow with the distinct shop/day/feed/post/product
// rows the events fall into, not with the events, so the figure holds for this mix only (it prints both).
//   BENCH_EVENTS=500000 BENCH_SHOPS=500 npm run bench:ingest
import { randomBytes } from "node:crypto";
import { useBenchSettings } from "./settings";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const SHOPS = Number(process.env.BENCH_SHOPS ?? 200);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const POSTS_PER_SHOP = 50;
const PRODUCTS_PER_SHOP = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

const { scratchDatabase } = await import("../setup/database");
const database = await scratchDatabase("bench_ingest");
useBenchSettings(database.url);
const { db } = await import("../../app/db.server");
const { useClock } = await import("../../app/clock.server");
const { action } = await import("../../app/routes/ingest");

type Event = Record<string, unknown>;
const shops = Array.from({ length: SHOPS }, (_, index) => ({
  shop: `bench-${index}.myshopify.com`,
  key: randomBytes(32).toString("base64url"),
  feed: `feed${index}`,
}));
await db().analyticsPixel.createMany({ data: shops.map(({ shop, key }) => ({ shop, key })) });

let seed = 42;
const random = (below: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % below);

/** One page view's batch: the feed seen, one or two posts opened, sometimes a product clicked, added, bought. */
function pageView(t: number, f: string): Event[] {
  const index = random(POSTS_PER_SHOP);
  const post = (at: number) => String(17_900_000_000_000_000 + at);
  const events: Event[] = [{ n: "feed_view", t, f }];
  const p = post(index);
  events.push({ n: "post_open", t, f, p });
  if (random(2)) events.push({ n: "post_open", t, f, p: post(random(POSTS_PER_SHOP)) });
  if (random(3) === 0) {
    // Each post is tagged with one of the shop's products.
    const pr = String(8_000_000_000 + (index % PRODUCTS_PER_SHOP));
    events.push({ n: "product_click", t, f, p, pr }, { n: "add_to_cart", t, f, p, pr });
    if (random(4) === 0) events.push({ n: "assisted_order", t, f, p, pr, amount: 20 + random(200), currency: "USD" });
  }
  return events;
}

function fullBatch(t: number, f: string): Event[] {
  const events: Event[] = [];
  while (events.length < 100) events.push(...pageView(t, f));
  return events.slice(0, 100);
}

const tableBytes = async () =>
  Number(
    (await db().$queryRaw<Array<{ bytes: bigint }>>`SELECT pg_total_relation_size('"AnalyticsDaily"') AS bytes`)[0]!
      .bytes,
  );

/** Sends `total` events in batches made by `make`, CONCURRENCY at a time, the days advancing evenly. */
async function run(label: string, total: number, make: (t: number, f: string) => Event[], days: number) {
  const start = Date.now();
  let dayOffset = 0;
  // Over several days, the clock moves a day at a time; in one day, it is the real clock.
  const restore = useClock({ now: () => new Date(Date.now() + dayOffset) });
  const statuses = new Map<number, number>();
  let sent = 0;
  let batches = 0;
  let next = 0;
  const perDay = total / days;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const worker = async () => {
    while (sent < total) {
      const { shop, key, feed } = shops[next++ % shops.length]!;
      const events = make(start + dayOffset, feed);
      sent += events.length;
      batches += 1;
      const body = JSON.stringify({ v: 1, shop, key, events });
      const request = new Request("http://localhost:3000/ingest", {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body,
      });
      const response = await action({ request, params: {}, context: {} });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      // The next day starts once this one has had its share (and the buckets refill overnight).
      if (days > 1 && sent >= perDay * (dayOffset / DAY_MS + 1)) dayOffset += DAY_MS;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  restore();
  const ok = statuses.get(204) ?? 0;
  console.log(
    `${label}: ${sent.toLocaleString("en")} events in ${batches.toLocaleString("en")} batches, ${seconds.toFixed(1)} s: ` +
      `${Math.round(sent / seconds).toLocaleString("en")} events/s, ${Math.round(batches / seconds).toLocaleString("en")} batches/s ` +
      `; this process's CPU ${((cpuSeconds / seconds) * 100).toFixed(0)} % of one core (answers: ${[...statuses].map(([status, count]) => `${status} × ${count}`).join(", ")})`,
  );
  if (ok !== batches) console.log(`  ${batches - ok} batches were not accepted`);
  return sent;
}

console.log(
  `bench:ingest — ${SHOPS} shops, ${POSTS_PER_SHOP} posts and ${PRODUCTS_PER_SHOP} products each, over ${DAYS} days, ${CONCURRENCY} batches in flight`,
);
await run("throughput, page-view batches (1 to 7 events)", EVENTS, pageView, 1);
await run("throughput, full batches (100 events)", EVENTS, fullBatch, 1);
await db().analyticsDaily.deleteMany();
await db().$executeRawUnsafe('VACUUM FULL "AnalyticsDaily"');
const before = await tableBytes();
const pageViewEvents = await run(`growth, page-view batches over ${DAYS} days`, EVENTS, pageView, DAYS);
const afterPageViews = await tableBytes();
const rows = await db().analyticsDaily.count();
const growth = ((afterPageViews - before) / pageViewEvents) * 1_000_000;
console.log(
  `database: AnalyticsDaily grew ${((afterPageViews - before) / 1024 / 1024).toFixed(1)} MB for ${pageViewEvents.toLocaleString("en")} events ` +
    `(${rows.toLocaleString("en")} rows): about ${(growth / 1024 / 1024).toFixed(1)} MB per 1,000,000 events of this mix ` +
    `(${Math.round((afterPageViews - before) / rows)} bytes a row with its index; rows are per shop, day, metric, feed, post and product, ` +
    `so more events on the same posts in a day add nothing: ${(rows / pageViewEvents).toFixed(2)} rows per event here)`,
);
await db().$disconnect();
await database.drop();
