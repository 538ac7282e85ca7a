// The home page's analytics (rendered by app/components/home): the last 30 UTC days of the shop's
// aggregates, a series per metric, and the top 5 posts and products. Posts are named from what the app
// holds (the post's permalink and caption, its image as hosted on Shopify's CDN by a published feed,
// because Instagram's own links expire); products by the title they were tagged with.
import type { AnalyticsView, Series } from "../components/home/analytics-view";
import { now } from "../clock.server";
import { db } from "../db.server";
import { FeedDocument } from "../feed/feed-document";
import type { EventName } from "./attribution";
import { utcDay } from "./ingest.server";
import { minorUnitsPerMajor } from "./money";
import { pixelState } from "./pixel.server";

export const OVERVIEW_DAYS = 30;
const TOP = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

const SERIES: Record<Exclude<keyof AnalyticsView["metrics"], "revenue">, EventName> = {
  views: "feed_view",
  opens: "post_open",
  productClicks: "product_click",
  addToCarts: "add_to_cart",
  assistedOrders: "assisted_order",
};

/** The last OVERVIEW_DAYS UTC days, oldest first, today last. */
export function overviewDays(at: Date): string[] {
  return Array.from({ length: OVERVIEW_DAYS }, (_, index) =>
    utcDay(new Date(at.getTime() - (OVERVIEW_DAYS - 1 - index) * DAY_MS)),
  );
}

type DayRow = { day: Date; metric: string; currency: string; count: number; revenue: bigint };

/** The currency most assisted orders were paid in (a shop selling in several shows its main one). */
function mainCurrency(rows: DayRow[]): string | null {
  const orders = new Map<string, number>();
  for (const row of rows)
    if (row.metric === "assisted_order" && row.currency)
      orders.set(row.currency, (orders.get(row.currency) ?? 0) + row.count);
  return [...orders.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

function seriesOf(rows: DayRow[], days: string[], value: (row: DayRow) => number | null): Series {
  const index = new Map(days.map((day, position) => [day, position]));
  const daily = days.map(() => 0);
  for (const row of rows) {
    const position = index.get(utcDay(row.day));
    const amount = value(row);
    if (position !== undefined && amount !== null) daily[position]! += amount;
  }
  const total = daily.reduce((sum, amount) => sum + amount, 0);
  return { total: Math.round(total * 1000) / 1000, daily: daily.map((amount) => Math.round(amount * 1000) / 1000) };
}

async function metricsOf(shop: string, days: string[]) {
  const grouped = await db().analyticsDaily.groupBy({
    by: ["day", "metric", "currency"],
    where: { shop, day: { gte: new Date(`${days[0]}T00:00:00Z`) } },
    _sum: { count: true, revenue: true },
  });
  const rows: DayRow[] = grouped.map(({ _sum, ...row }) => ({
    ...row,
    count: _sum.count ?? 0,
    revenue: _sum.revenue ?? 0n,
  }));
  const currency = mainCurrency(rows);
  const metrics = Object.fromEntries(
    Object.entries(SERIES).map(([key, metric]) => [
      key,
      seriesOf(rows, days, (row) => (row.metric === metric ? row.count : null)),
    ]),
  ) as Omit<AnalyticsView["metrics"], "revenue">;
  const factor = currency ? minorUnitsPerMajor(currency) : undefined;
  const revenue = seriesOf(rows, days, (row) =>
    row.metric === "assisted_order" && row.currency === currency && factor ? Number(row.revenue) / factor : null,
  );
  return { currency, metrics: { ...metrics, revenue } };
}

/** Counts per id of two metrics, the ids ranked by both together (ties: the first metric, then the id). */
async function ranked(
  shop: string,
  since: Date,
  column: "postId" | "productId",
  [first, second]: [EventName, EventName],
) {
  const rows = await db().analyticsDaily.groupBy({
    by: [column, "metric"],
    where: { shop, day: { gte: since }, metric: { in: [first, second] }, [column]: { not: "" } },
    _sum: { count: true },
  });
  const counts = new Map<string, [number, number]>();
  for (const row of rows) {
    const id = row[column];
    const pair = counts.get(id) ?? [0, 0];
    pair[row.metric === first ? 0 : 1] += row._sum.count ?? 0;
    counts.set(id, pair);
  }
  return [...counts.entries()].sort(
    ([idA, [a1, a2]], [idB, [b1, b2]]) => b1 + b2 - (a1 + a2) || b1 - a1 || idA.localeCompare(idB),
  );
}

/** Each post's image on Shopify's CDN, from the shop's published feed documents. */
async function hostedImages(shop: string): Promise<Map<string, string>> {
  const feeds = await db().feed.findMany({ where: { shop, document: { not: null } }, select: { document: true } });
  const images = new Map<string, string>();
  for (const feed of feeds) {
    let document: unknown;
    try {
      document = JSON.parse(feed.document!);
    } catch {
      continue;
    }
    for (const post of FeedDocument.safeParse(document).data?.posts ?? []) images.set(post.id, post.image.url);
  }
  return images;
}

async function topPosts(shop: string, since: Date): Promise<AnalyticsView["topPosts"]> {
  const ranking = await ranked(shop, since, "postId", ["post_open", "product_click"]);
  if (ranking.length === 0) return [];
  // Ranked ids a forged batch made up, or of posts since deleted, have nothing to show: they are left out.
  const [items, images] = await Promise.all([
    db().mediaItem.findMany({
      where: { source: { shop }, instagramId: { in: ranking.slice(0, 50).map(([id]) => id) } },
      select: { instagramId: true, permalink: true, caption: true },
    }),
    hostedImages(shop),
  ]);
  const byId = new Map(items.map((item) => [item.instagramId, item]));
  return ranking
    .filter(([id]) => byId.has(id))
    .slice(0, TOP)
    .map(([postId, [opens, clicks]]) => {
      const item = byId.get(postId)!;
      return {
        postId,
        permalink: item.permalink,
        imageUrl: images.get(postId) ?? null,
        caption: item.caption ?? "",
        opens,
        clicks,
      };
    });
}

async function topProducts(shop: string, since: Date): Promise<AnalyticsView["topProducts"]> {
  const top = (await ranked(shop, since, "productId", ["product_click", "add_to_cart"])).slice(0, TOP);
  const gid = (id: string) => `gid://shopify/Product/${id}`;
  const tags = await db().productTag.findMany({
    where: { shop, productId: { in: top.map(([id]) => gid(id)) } },
    select: { productId: true, title: true },
    orderBy: { createdAt: "desc" },
  });
  const titles = new Map<string, string>();
  for (const tag of tags) if (!titles.has(tag.productId)) titles.set(tag.productId, tag.title);
  return top.map(([productId, [clicks, addToCarts]]) => ({
    productId,
    title: titles.get(gid(productId)) ?? null,
    clicks,
    addToCarts,
  }));
}

export async function analyticsOverview(shop: string): Promise<AnalyticsView> {
  const days = overviewDays(now());
  const since = new Date(`${days[0]}T00:00:00Z`);
  const [pixel, { currency, metrics }, posts, products] = await Promise.all([
    pixelState(shop),
    metricsOf(shop, days),
    topPosts(shop, since),
    topProducts(shop, since),
  ]);
  return {
    state: pixel.state,
    lastEventAt: pixel.lastEventAt?.toISOString() ?? null,
    currency,
    days,
    metrics,
    topPosts: posts,
    topProducts: products,
  };
}
