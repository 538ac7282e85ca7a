// POST /ingest: the web pixel's batches (one per page view), checked and added to the shop's daily
// aggregates. The storefront never waits on this (the pixel sends with sendBeacon), but every batch costs
// us: it is refused as early and as cheaply as possible, and a refused batch changes nothing.
//
// Order of checks: size (413), JSON and shape (400), the shop's rate limit (429, before any database
// work, so a flood costs no queries), the shop's key (401 no pixel for the shop, 403 wrong key), then the
// batch, summed in memory, is added by one multi-row upsert (shared with the batches that arrived beside
// it: group commit, below). Nothing about the visitor is read or kept: no IP, user agent, customer,
// order id or email; the event's own time (`t`) is used by the pixel's attribution only, and the day is
// the server's, so a wrong or forged browser clock cannot write into another day.
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { now } from "../clock.server";
import { db } from "../db.server";
import { redact } from "../request-log.server";
import type { EventName } from "./attribution";
import { minorUnitsPerMajor } from "./money";
import { TokenBuckets } from "./rate-limit.server";

/** Bytes a batch may have: 100 events are about 15 KB; anything near this is not our pixel. */
export const MAX_BATCH_BYTES = 64 * 1024;
const MAX_EVENTS_PER_BATCH = 100;
/** lastEventAt (the home page's "last event") is written at most this often per shop. */
const LAST_EVENT_EVERY_MS = 60_000;

/**
 * Per shop, per process: 2,000 events at once and 500 a second after that (about 100 page views a second).
 * The key is public (any visitor can read the pixel's settings), so this bounds what anyone can add to a
 * shop's figures, and what a flood costs. Each process keeps its own buckets: N web processes allow N times
 * this, which is the point of it (no shared state to consult per batch).
 */
export const RATE_LIMIT = { burst: 2_000, perSecond: 500 };
const buckets = new TokenBuckets(RATE_LIMIT);

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const NumericId = z.string().regex(/^\d{1,20}$/);

/** Which ids each event must carry: the rest are ignored (a feed view counts per feed, and so on). */
const NEEDS: Record<EventName, Array<"f" | "p" | "pr">> = {
  feed_view: ["f"],
  post_open: ["f", "p"],
  product_click: ["f", "p", "pr"],
  add_to_cart: ["f", "p", "pr"],
  assisted_order: ["f", "p"],
};

const Event = z
  .object({
    n: z.enum(["feed_view", "post_open", "product_click", "add_to_cart", "assisted_order"]),
    t: z.number().int().nonnegative(),
    f: Id.optional(),
    p: Id.optional(),
    pr: NumericId.optional(),
    amount: z.number().nonnegative().max(1e9).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .refine((code) => minorUnitsPerMajor(code) !== undefined, "unknown currency")
      .optional(),
  })
  .superRefine((event, context) => {
    for (const field of NEEDS[event.n])
      if (event[field] === undefined) context.addIssue({ code: "custom", path: [field], message: "required" });
    if (event.n === "assisted_order" && (event.amount === undefined || event.currency === undefined))
      context.addIssue({ code: "custom", path: ["amount"], message: "an order needs its amount and currency" });
  });

const Batch = z.object({
  v: z.literal(1),
  shop: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/),
  key: z.string().min(16).max(128),
  events: z.array(Event).min(1).max(MAX_EVENTS_PER_BATCH),
});
type Batch = z.infer<typeof Batch>;

export type IngestOutcome =
  { status: 204 } | { status: 400 | 401 | 403 | 413 | 429 | 503; error: string; retryAfterSeconds?: number };

const refuse = (status: 400 | 401 | 403 | 413 | 429 | 503, error: string, retryAfterSeconds?: number) =>
  ({ status, error, ...(retryAfterSeconds && { retryAfterSeconds }) }) satisfies IngestOutcome;

/**
 * The body as text, at most MAX_BATCH_BYTES: a larger Content-Length is refused unread, and a body without
 * one is read only up to the limit. Null when too large.
 */
export async function readCappedBody(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > MAX_BATCH_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BATCH_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Constant-time: a wrong key takes as long to refuse whatever it shares with the right one. */
function sameKey(given: string, stored: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(stored));
}

/** One aggregate row: what the batch adds to a (metric, feed, post, product, currency) of today. */
interface Row {
  metric: EventName;
  feedId: string;
  postId: string;
  productId: string;
  currency: string;
  count: number;
  revenue: number;
}

/** The batch summed per row. */
function aggregate(events: Batch["events"]): Row[] {
  const rows = new Map<string, Row>();
  for (const event of events) {
    const needs = NEEDS[event.n];
    const order = event.n === "assisted_order";
    const row: Row = {
      metric: event.n,
      feedId: event.f ?? "",
      postId: needs.includes("p") ? (event.p ?? "") : "",
      productId: needs.includes("pr") || order ? (event.pr ?? "") : "",
      currency: order ? event.currency! : "",
      count: 0,
      revenue: 0,
    };
    const key = [row.metric, row.feedId, row.postId, row.productId, row.currency].join("\u0000");
    const sum = rows.get(key) ?? rows.set(key, row).get(key)!;
    sum.count += 1;
    if (order) sum.revenue += Math.round(event.amount! * minorUnitsPerMajor(event.currency!)!);
  }
  return [...rows.values()];
}

/** The UTC calendar day of a moment, as PostgreSQL's date. Why UTC: README "Analytics". */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

interface DayRow extends Row {
  shop: string;
  day: string;
}
const rowKey = (row: DayRow) =>
  [row.shop, row.day, row.metric, row.feedId, row.postId, row.productId, row.currency].join("\u0000");

/** One statement for all the rows: each inserted, or added to the day's row already there. */
async function upsertRows(rows: DayRow[]): Promise<void> {
  const column = <K extends keyof DayRow>(key: K) => rows.map((row) => row[key]);
  await db().$executeRaw`
    INSERT INTO "AnalyticsDaily" ("shop", "day", "metric", "feedId", "postId", "productId", "currency", "count", "revenue")
    SELECT r.shop, r.day::date, r.metric, r.feed, r.post, r.product, r.currency, r.count, r.revenue
    FROM unnest(${column("shop")}::text[], ${column("day")}::text[], ${column("metric")}::text[],
      ${column("feedId")}::text[], ${column("postId")}::text[], ${column("productId")}::text[],
      ${column("currency")}::text[], ${column("count")}::int[], ${column("revenue").map(String)}::bigint[])
      AS r(shop, day, metric, feed, post, product, currency, count, revenue)
    ON CONFLICT ("shop", "day", "metric", "feedId", "postId", "productId", "currency") DO UPDATE
    SET "count" = "AnalyticsDaily"."count" + EXCLUDED."count", "revenue" = "AnalyticsDaily"."revenue" + EXCLUDED."revenue"`;
}

/**
 * Group commit: batches that arrive while a write is under way are summed together and written by the
 * next statement, so a busy process makes one write for many batches instead of one each. Every batch is
 * still answered only once its rows are stored (a crash loses nothing that was acknowledged), and a
 * failed statement fails every batch it carried. Rows go in a fixed order: concurrent statements (other
 * processes) lock shared rows in the same order and never deadlock.
 */
let pending: { rows: Map<string, DayRow>; done: Promise<void> } | null = null;
let writing: Promise<void> = Promise.resolve();

function addToDay(shop: string, day: string, rows: Row[]): Promise<void> {
  if (!pending) {
    const group = { rows: new Map<string, DayRow>(), done: Promise.resolve() };
    group.done = writing.then(
      () => write(group),
      () => write(group),
    );
    pending = group;
    writing = group.done.catch(() => undefined);
  }
  for (const row of rows) {
    const dayRow = { ...row, shop, day };
    const key = rowKey(dayRow);
    const sum = pending.rows.get(key);
    if (sum) {
      sum.count += row.count;
      sum.revenue += row.revenue;
    } else pending.rows.set(key, dayRow);
  }
  return pending.done;
}

async function write(group: { rows: Map<string, DayRow> }): Promise<void> {
  if (pending === group) pending = null;
  const rows = [...group.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  await upsertRows(rows);
}

/** Records that the shop's pixel is sending, at most once a minute (the condition holds across processes too). */
async function touchLastEvent(shop: string, lastEventAt: Date | null, at: Date): Promise<void> {
  const staleBefore = new Date(at.getTime() - LAST_EVENT_EVERY_MS);
  if (lastEventAt && lastEventAt > staleBefore) return;
  await db().analyticsPixel.updateMany({
    where: { shop, OR: [{ lastEventAt: null }, { lastEventAt: { lt: staleBefore } }] },
    data: { lastEventAt: at },
  });
}

/** Checks one batch (the request body's text) and adds it to the shop's figures. */
export async function ingestBatch(body: string | null): Promise<IngestOutcome> {
  if (body === null) return refuse(413, "The batch is too large.");
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return refuse(400, "The batch is not JSON.");
  }
  const parsed = Batch.safeParse(json);
  if (!parsed.success) return refuse(400, "The batch does not have the expected shape.");
  const batch = parsed.data;

  const at = now();
  const wait = buckets.take(batch.shop, batch.events.length, at.getTime());
  if (wait > 0) return refuse(429, "Too many events for this shop; try later.", Math.ceil(wait / 1000));

  try {
    const pixel = await db().analyticsPixel.findUnique({
      where: { shop: batch.shop },
      select: { key: true, lastEventAt: true },
    });
    if (!pixel) return refuse(401, "This shop has no Social Feed pixel.");
    if (!sameKey(batch.key, pixel.key)) return refuse(403, "The batch's key is not this shop's.");
    await addToDay(batch.shop, utcDay(at), aggregate(batch.events));
    await touchLastEvent(batch.shop, pixel.lastEventAt, at);
    return { status: 204 };
  } catch (error) {
    // The database is down or overloaded: the pixel does not retry, so the batch is lost, and the log says
    // so in one line. The answer never carries the error (no stack, no SQL) to a storefront.
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    console.error(`ingest failed: ${name} ${redact(message.split("\n")[0] ?? "")}`);
    return refuse(503, "Analytics are unavailable for a moment.");
  }
}
