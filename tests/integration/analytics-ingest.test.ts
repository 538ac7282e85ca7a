// Analytics ingest through the real route module (app/routes/ingest.tsx) and real PostgreSQL, and the
// pixel connected through the fake Admin API (executing every request against Shopify's 2025-10 schema):
// batches add up per day, feed, post and product; assisted orders add their revenue in minor units; a
// flood gets 429, a forged key 403, an unknown shop 401, a bad shape 400 and an oversized body 413, each
// changing nothing; nothing about the visitor is stored; uninstall stops collection and shop/redact erases
// it all; the home page's overview reads the figures back with the posts' links, images and products.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APP_URL } from "@shopify/shopify-api/test-helpers";
import { analyticsOverview } from "../../app/analytics/overview.server";
import { connectPixel } from "../../app/analytics/pixel.server";
import { RATE_LIMIT } from "../../app/analytics/ingest.server";
import { pruneAnalytics } from "../../app/analytics/retention.server";
import { db } from "../../app/db.server";
import { publishShopFeeds } from "../../app/feed/publish.server";
import { action as ingestAction, loader as ingestLoader } from "../../app/routes/ingest";
import { action as scopesUpdateWebhook } from "../../app/routes/webhooks.app.scopes_update";
import { action as uninstalledWebhook } from "../../app/routes/webhooks.app.uninstalled";
import { action as shopRedactWebhook } from "../../app/routes/webhooks.shop.redact";
import { DAY, frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { useFakeShopifyAdmin } from "../support/shopify-admin";
import { SHOP, callRoute, seedOfflineSession } from "../support/shopify";
import { syncQueuedRuns } from "../support/sync";
import { shopifyWebhook } from "../support/webhooks";

const instagram = useFakeInstagram();
const shopifyAdmin = useFakeShopifyAdmin();
const OTHER_SHOP = "analytics-other.myshopify.com";
const FLOOD_SHOP = "analytics-flood.myshopify.com";
const PIXEL_SCOPES = ["write_pixels", "read_customer_events"];
const clock = frozenClock("2026-12-01T10:00:00.000Z");
afterAll(() => clock.restore());

let feedId: string;
let posts: string[]; // Instagram ids of the shop's posts, newest first
let shirt: string; // numeric product id
let hat: string;

async function grant(shop: string, scopes: string[]) {
  await shopifyAdmin.fake.grantScopes(shop, scopes);
  const current = shopifyAdmin.fake.scopes(shop);
  expect(
    (await callRoute(scopesUpdateWebhook, shopifyWebhook("app/scopes_update", { current }, { shop }))).status,
  ).toBe(200);
}

const keyOf = async (shop: string) => (await db().analyticsPixel.findUniqueOrThrow({ where: { shop } })).key;

beforeAll(async () => {
  for (const shop of [SHOP, OTHER_SHOP, FLOOD_SHOP]) await seedOfflineSession(shop);
  const account = instagram.fake.addAccount({ username: "analytics.one", mediaCount: 4 });
  account.media[0]!.caption = "Linen season #summer";
  await connectAccount(instagram.fake, "analytics.one");
  await syncQueuedRuns({ settings: { sleep: async () => undefined } });
  posts = account.media.map((media) => media.id);
  feedId = (await db().feed.findFirstOrThrow({ where: { shop: SHOP } })).id;
  await publishShopFeeds(SHOP, { pollIntervalMs: 5, maxWaitMs: 5_000 });
  const numeric = (gid: string) => gid.split("/").at(-1)!;
  shirt = numeric(shopifyAdmin.fake.addProduct(SHOP, { title: "Linen Shirt" }).id);
  hat = numeric(shopifyAdmin.fake.addProduct(SHOP, { title: "Straw Hat" }).id);
  const item = await db().mediaItem.findFirstOrThrow({ where: { instagramId: posts[0] } });
  await db().productTag.create({
    data: {
      shop: SHOP,
      itemId: item.id,
      productId: `gid://shopify/Product/${shirt}`,
      title: "Linen Shirt",
      createdAt: new Date(clock.nowMs()),
    },
  });
  for (const shop of [OTHER_SHOP, FLOOD_SHOP]) {
    await grant(shop, PIXEL_SCOPES);
    expect(await connectPixel(shop)).toEqual({ ok: true });
  }
});

beforeEach(async () => {
  await db().analyticsDaily.deleteMany();
});

// ---- the pixel's requests ----

type Event = Record<string, unknown>;
const batchFor = async (events: Event[], shop = SHOP, key?: string) => ({
  v: 1,
  shop,
  key: key ?? (await keyOf(shop)),
  events,
});

function post(body: string, headers: Record<string, string> = {}) {
  return callRoute(
    ingestAction,
    new Request(`${APP_URL}/ingest`, { method: "POST", headers: { "Content-Type": "text/plain", ...headers }, body }),
  );
}
const send = async (events: Event[], shop = SHOP, key?: string) =>
  post(JSON.stringify(await batchFor(events, shop, key)));

const at = () => clock.nowMs();
const view = (f = feedId): Event => ({ n: "feed_view", t: at(), f });
const open = (p: string): Event => ({ n: "post_open", t: at(), f: feedId, p });
const click = (p: string, pr: string): Event => ({ n: "product_click", t: at(), f: feedId, p, pr });
const add = (p: string, pr: string): Event => ({ n: "add_to_cart", t: at(), f: feedId, p, pr });
const order = (p: string, amount: number, currency: string, pr?: string): Event => ({
  n: "assisted_order",
  t: at(),
  f: feedId,
  p,
  ...(pr && { pr }),
  amount,
  currency,
});

/** The shop's aggregate rows, as plain values, in a stable order. */
async function rows(shop = SHOP) {
  const found = await db().analyticsDaily.findMany({
    where: { shop },
    orderBy: [{ day: "asc" }, { metric: "asc" }, { feedId: "asc" }, { postId: "asc" }, { productId: "asc" }],
  });
  return found.map((row) => ({ ...row, day: row.day.toISOString().slice(0, 10), revenue: Number(row.revenue) }));
}

describe("connecting the pixel", () => {
  it("without write_pixels and read_customer_events, Shopify refuses and the home page says so", async () => {
    expect(await connectPixel(SHOP)).toMatchObject({ ok: false, problem: "no_scopes" });
    expect(shopifyAdmin.fake.webPixel(SHOP)).toBeUndefined();
    expect((await analyticsOverview(SHOP)).state).toBe("no_scopes");
  });

  it("once granted, creates the pixel with the ingest URL, the shop and its key; connecting again updates it", async () => {
    await grant(SHOP, PIXEL_SCOPES);
    expect((await analyticsOverview(SHOP)).state).toBe("not_connected");
    expect(await connectPixel(SHOP)).toEqual({ ok: true });
    const created = shopifyAdmin.fake.webPixel(SHOP)!;
    expect(created.settings).toEqual({
      ingestUrl: `${process.env.SHOPIFY_APP_URL!.replace(/\/+$/, "")}/ingest`,
      shop: SHOP,
      key: await keyOf(SHOP),
    });
    expect((await keyOf(SHOP)).length).toBeGreaterThanOrEqual(40);
    expect((await analyticsOverview(SHOP)).state).toBe("connected");

    const calls = shopifyAdmin.fake.calls.length;
    expect(await connectPixel(SHOP)).toEqual({ ok: true });
    expect(shopifyAdmin.fake.calls.slice(calls).map((call) => call.operation)).toEqual(["webPixelUpdate"]);
    expect(shopifyAdmin.fake.webPixel(SHOP)).toEqual(created);
    // Each shop has its own key.
    expect(await keyOf(OTHER_SHOP)).not.toBe(await keyOf(SHOP));
  });
});

describe("reconnecting", () => {
  it("a pixel Shopify has but the app lost track of is found (create is TAKEN) and given the new key", async () => {
    const before = shopifyAdmin.fake.webPixel(OTHER_SHOP)!;
    await db().analyticsPixel.delete({ where: { shop: OTHER_SHOP } });
    const calls = shopifyAdmin.fake.calls.length;
    expect(await connectPixel(OTHER_SHOP)).toEqual({ ok: true });
    expect(shopifyAdmin.fake.calls.slice(calls).map((call) => call.operation)).toEqual([
      "webPixelCreate",
      "webPixel",
      "webPixelUpdate",
    ]);
    const after = shopifyAdmin.fake.webPixel(OTHER_SHOP)!;
    expect(after.id).toBe(before.id);
    expect(after.settings.key).toBe(await keyOf(OTHER_SHOP));
    expect(after.settings.key).not.toBe(before.settings.key);
    expect((await db().analyticsPixel.findUniqueOrThrow({ where: { shop: OTHER_SHOP } })).webPixelId).toBe(before.id);
  });
});

describe("ingest", () => {
  it("adds batches up per day, feed, post and product, and answers 204 with CORS for any storefront", async () => {
    const first = await send([
      view(),
      view(),
      view("otherfeed"),
      open(posts[0]!),
      open(posts[0]!),
      click(posts[0]!, shirt),
    ]);
    expect(first.status).toBe(204);
    expect(first.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect((await send([open(posts[0]!), open(posts[1]!), add(posts[0]!, shirt), add(posts[0]!, shirt)])).status).toBe(
      204,
    );
    clock.advance(DAY);
    expect((await send([view()])).status).toBe(204);
    clock.advance(-DAY);

    const base = { shop: SHOP, currency: "", revenue: 0, feedId, postId: "", productId: "" };
    expect(await rows()).toEqual(
      [
        { ...base, day: "2026-12-01", metric: "add_to_cart", postId: posts[0], productId: shirt, count: 2 },
        { ...base, day: "2026-12-01", metric: "feed_view", count: 2 },
        { ...base, day: "2026-12-01", metric: "feed_view", feedId: "otherfeed", count: 1 },
        { ...base, day: "2026-12-01", metric: "post_open", postId: posts[0], count: 3 },
        { ...base, day: "2026-12-01", metric: "post_open", postId: posts[1], count: 1 },
        { ...base, day: "2026-12-01", metric: "product_click", postId: posts[0], productId: shirt, count: 1 },
        { ...base, day: "2026-12-02", metric: "feed_view", count: 1 },
      ].sort((a, b) => (a.day + a.metric + a.feedId + a.postId).localeCompare(b.day + b.metric + b.feedId + b.postId)),
    );
  });

  it("batches arriving together are written together and each counted exactly once", async () => {
    const batches = await Promise.all(Array.from({ length: 60 }, () => send([view(), open(posts[2]!)])));
    expect(batches.map((response) => response.status)).toEqual(Array(60).fill(204));
    const counts = Object.fromEntries((await rows()).map((row) => [row.metric, row.count]));
    expect(counts).toEqual({ feed_view: 60, post_open: 60 });
  });

  it("counts assisted orders with their revenue in the currency's minor units, per currency", async () => {
    await send([order(posts[0]!, 59.9, "EUR", shirt)]);
    await send([order(posts[0]!, 10.05, "EUR", shirt), order(posts[1]!, 1200, "JPY")]);
    const orders = (await rows()).filter((row) => row.metric === "assisted_order");
    expect(
      orders.map(({ postId, productId, currency, count, revenue }) => ({
        postId,
        productId,
        currency,
        count,
        revenue,
      })),
    ).toEqual(
      expect.arrayContaining([
        { postId: posts[0], productId: shirt, currency: "EUR", count: 2, revenue: 6995 },
        { postId: posts[1], productId: "", currency: "JPY", count: 1, revenue: 1200 },
      ]),
    );
    expect(orders).toHaveLength(2);
  });

  it("updates the pixel's last event at most once a minute", async () => {
    await db().analyticsPixel.update({ where: { shop: SHOP }, data: { lastEventAt: null } });
    await send([view()]);
    const first = (await db().analyticsPixel.findUniqueOrThrow({ where: { shop: SHOP } })).lastEventAt;
    expect(first?.getTime()).toBe(at());
    clock.advance(30_000);
    await send([view()]);
    expect((await db().analyticsPixel.findUniqueOrThrow({ where: { shop: SHOP } })).lastEventAt).toEqual(first);
    clock.advance(31_000);
    await send([view()]);
    expect((await db().analyticsPixel.findUniqueOrThrow({ where: { shop: SHOP } })).lastEventAt?.getTime()).toBe(at());
    expect((await analyticsOverview(SHOP)).lastEventAt).toBe(new Date(at()).toISOString());
  });

  it("a flood gets 429 with Retry-After once the shop's burst is spent, adding nothing; other shops are not slowed", async () => {
    const full = Array.from({ length: 100 }, () => view());
    for (let sent = 0; sent < RATE_LIMIT.burst; sent += 100) expect((await send(full, FLOOD_SHOP)).status).toBe(204);
    const refused = await send(full, FLOOD_SHOP);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await rows(FLOOD_SHOP))[0]!.count).toBe(RATE_LIMIT.burst);
    expect((await send([view()], OTHER_SHOP)).status).toBe(204);
    // The bucket refills with time.
    clock.advance(1_000);
    expect((await send(full, FLOOD_SHOP)).status).toBe(204);
  });

  it("a forged key gets 403 and a shop without a pixel 401; neither changes anything", async () => {
    const forged = await send([view()], SHOP, "x".repeat(43));
    expect(forged.status).toBe(403);
    // Another shop's real key is as forged as any.
    expect((await send([view()], SHOP, await keyOf(OTHER_SHOP))).status).toBe(403);
    expect((await send([view()], "no-pixel.myshopify.com", "y".repeat(43))).status).toBe(401);
    expect(await db().analyticsDaily.count()).toBe(0);
  });

  it("a batch of the wrong shape gets 400 and changes nothing", async () => {
    const good = await batchFor([view()]);
    const bodies = [
      "not json",
      JSON.stringify({ ...good, v: 2 }),
      JSON.stringify({ ...good, shop: "evil.example.com" }),
      JSON.stringify({ ...good, key: undefined }),
      JSON.stringify({ ...good, events: [] }),
      JSON.stringify({ ...good, events: Array.from({ length: 101 }, () => view()) }),
      JSON.stringify({ ...good, events: [{ n: "page_view", t: at() }] }),
      JSON.stringify({ ...good, events: [{ n: "product_click", t: at(), f: feedId, p: posts[0] }] }),
      JSON.stringify({ ...good, events: [{ ...click(posts[0]!, "gid://shopify/Product/1") }] }),
      JSON.stringify({ ...good, events: [{ n: "assisted_order", t: at(), f: feedId, p: posts[0], amount: 10 }] }),
      JSON.stringify({ ...good, events: [order(posts[0]!, 10, "EURO")] }),
      JSON.stringify({ ...good, events: [order(posts[0]!, -1, "EUR")] }),
      // One bad event spoils the batch: nothing of it is kept.
      JSON.stringify({ ...good, events: [view(), { n: "feed_view", t: at(), f: "x".repeat(65) }] }),
    ];
    for (const body of bodies) {
      const response = await post(body);
      expect(response.status, body.slice(0, 80)).toBe(400);
      const text = await response.text();
      expect(text).not.toMatch(/at .*\.ts|ZodError|stack/i);
    }
    expect(await db().analyticsDaily.count()).toBe(0);
  });

  it("an oversized body gets 413 unread", async () => {
    const body = JSON.stringify({ ...(await batchFor([view()])), padding: "x".repeat(70_000) });
    expect((await post(body)).status).toBe(413);
    expect(await db().analyticsDaily.count()).toBe(0);
  });

  it("answers OPTIONS with CORS and GET with 405", async () => {
    const options = await callRoute(ingestAction, new Request(`${APP_URL}/ingest`, { method: "OPTIONS" }));
    expect(options.status).toBe(204);
    expect(options.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(options.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    expect((await callRoute(ingestLoader, new Request(`${APP_URL}/ingest`))).status).toBe(405);
  });

  it("stores nothing about the visitor: the tables hold no IP, user agent, customer or order column", async () => {
    await post(JSON.stringify(await batchFor([view()])), {
      "User-Agent": "Visitor-UA/1.0",
      "X-Forwarded-For": "203.0.113.7",
    });
    const columns = await db().$queryRaw<Array<{ table_name: string; column_name: string }>>`
      SELECT table_name::text, column_name::text FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name IN ('AnalyticsDaily', 'AnalyticsPixel') ORDER BY table_name, ordinal_position`;
    expect(columns.map((column) => `${column.table_name}.${column.column_name}`)).toEqual([
      "AnalyticsDaily.shop",
      "AnalyticsDaily.day",
      "AnalyticsDaily.metric",
      "AnalyticsDaily.feedId",
      "AnalyticsDaily.postId",
      "AnalyticsDaily.productId",
      "AnalyticsDaily.currency",
      "AnalyticsDaily.count",
      "AnalyticsDaily.revenue",
      "AnalyticsPixel.shop",
      "AnalyticsPixel.webPixelId",
      "AnalyticsPixel.key",
      "AnalyticsPixel.connectedAt",
      "AnalyticsPixel.lastEventAt",
      "AnalyticsPixel.lastError",
    ]);
    const stored = JSON.stringify(await db().analyticsDaily.findMany(), (_, value) =>
      typeof value === "bigint" ? Number(value) : value,
    );
    expect(stored).not.toContain("203.0.113.7");
    expect(stored).not.toContain("Visitor-UA");
  });
});

describe("the home page's overview", () => {
  it("sums the last 30 days per metric and day, in the orders' currency, with the top posts and products", async () => {
    clock.advance(-2 * DAY);
    await send([view(), open(posts[1]!)]);
    clock.advance(2 * DAY);
    await send([view(), view(), open(posts[0]!), open(posts[0]!), click(posts[0]!, shirt), click(posts[1]!, hat)]);
    await send([add(posts[0]!, shirt), order(posts[0]!, 59.9, "EUR", shirt), order(posts[0]!, 10.05, "EUR", shirt)]);
    // Older than 30 days: not counted. A post the shop never had (a made-up id): not listed.
    clock.advance(-30 * DAY);
    await send([view(), open("99999999999")]);
    clock.advance(30 * DAY);
    await send([open("99999999999")]);

    const overview = await analyticsOverview(SHOP);
    expect(overview.days).toHaveLength(30);
    expect(overview.days.at(-1)).toBe("2026-12-01");
    expect(overview.days[0]).toBe("2026-11-02");
    expect(overview.currency).toBe("EUR");
    expect(overview.metrics.views).toEqual({ total: 3, daily: [...Array(27).fill(0), 1, 0, 2] });
    expect(overview.metrics.opens.total).toBe(4);
    expect(overview.metrics.productClicks.total).toBe(2);
    expect(overview.metrics.addToCarts.total).toBe(1);
    expect(overview.metrics.assistedOrders.total).toBe(2);
    expect(overview.metrics.revenue.total).toBe(69.95);
    expect(overview.metrics.revenue.daily.at(-1)).toBe(69.95);

    const first = await db().mediaItem.findFirstOrThrow({ where: { instagramId: posts[0] } });
    const document = JSON.parse((await db().feed.findUniqueOrThrow({ where: { id: feedId } })).document!);
    const hosted = document.posts.find((entry: { id: string }) => entry.id === posts[0]).image.url;
    expect(hosted).toMatch(/^http/);
    expect(overview.topPosts).toEqual([
      {
        postId: posts[0],
        permalink: first.permalink,
        imageUrl: hosted,
        caption: "Linen season #summer",
        opens: 2,
        clicks: 1,
      },
      expect.objectContaining({ postId: posts[1], opens: 1, clicks: 1 }),
    ]);
    expect(overview.topProducts).toEqual([
      { productId: shirt, title: "Linen Shirt", clicks: 1, addToCarts: 1 },
      { productId: hat, title: null, clicks: 1, addToCarts: 0 },
    ]);
  });
});

describe("retention", () => {
  it("the daily analytics-prune job deletes the figures of days older than 400 days and keeps the rest", async () => {
    for (const daysAgo of [400, 399, 0]) {
      clock.advance(-daysAgo * DAY);
      expect((await send([view()])).status).toBe(204);
      clock.advance(daysAgo * DAY);
    }
    expect((await rows()).map((row) => row.day)).toEqual(["2025-10-27", "2025-10-28", "2026-12-01"]);
    expect(await pruneAnalytics()).toBe(1);
    expect((await rows()).map((row) => row.day)).toEqual(["2025-10-28", "2026-12-01"]);
    expect(await pruneAnalytics()).toBe(0);
  });
});

describe("uninstall and shop/redact", () => {
  it("uninstall deletes the key (the old pixel can add nothing) and the figures; shop/redact erases the shop's too, only its", async () => {
    const key = await keyOf(OTHER_SHOP);
    await send([view()], OTHER_SHOP);
    await send([view()]);
    expect(
      (await callRoute(uninstalledWebhook, shopifyWebhook("app/uninstalled", {}, { shop: OTHER_SHOP }))).status,
    ).toBe(200);
    expect(await db().analyticsPixel.findUnique({ where: { shop: OTHER_SHOP } })).toBeNull();
    expect((await send([view()], OTHER_SHOP, key)).status).toBe(401);
    expect(await rows(OTHER_SHOP)).toEqual([]);
    expect(await rows(SHOP)).toHaveLength(1);

    await callRoute(
      shopRedactWebhook,
      shopifyWebhook("shop/redact", { shop_id: 2, shop_domain: SHOP }, { shop: SHOP }),
    );
    expect(await db().analyticsDaily.count({ where: { shop: SHOP } })).toBe(0);
    expect(await db().analyticsPixel.count({ where: { shop: SHOP } })).toBe(0);
  });
});
