// What the home page's analytics section reads: the shape of analyticsOverview(shop) (app/analytics), and
// the words and numbers it is shown in. Shared by the server and the browser, so nothing here imports a
// server module.

export type AnalyticsState = "no_scopes" | "not_connected" | "connected";

export interface Series {
  total: number;
  /** One figure per day, oldest first, aligned with AnalyticsView["days"]. */
  daily: number[];
}

export interface AnalyticsView {
  state: AnalyticsState;
  lastEventAt: string | null;
  /** The currency of the assisted orders' revenue (ISO 4217); null until an order arrives. */
  currency: string | null;
  /** The 30 days shown, oldest first, as ISO dates. */
  days: string[];
  metrics: {
    views: Series;
    opens: Series;
    productClicks: Series;
    addToCarts: Series;
    assistedOrders: Series;
    /** In the currency's major units. */
    revenue: Series;
  };
  topPosts: Array<{
    postId: string;
    permalink: string;
    imageUrl: string | null;
    caption: string;
    opens: number;
    clicks: number;
  }>;
  topProducts: Array<{ productId: string; title: string | null; clicks: number; addToCarts: number }>;
}

export type MetricKey = keyof AnalyticsView["metrics"];

/** The figures in the order the merchant reads them: from being seen to being paid. */
export const METRICS: Array<{ key: MetricKey; label: string }> = [
  { key: "views", label: "Feed views" },
  { key: "opens", label: "Post opens" },
  { key: "productClicks", label: "Product clicks" },
  { key: "addToCarts", label: "Add-to-carts" },
  { key: "assistedOrders", label: "Assisted orders" },
  { key: "revenue", label: "Revenue from assisted orders" },
];

export interface Numbers {
  count(value: number): string;
  /** Money in the shop's currency; a plain number while no order has said which currency that is. */
  money(value: number): string;
}

export function numberFormatters(locale: string, currency: string | null): Numbers {
  const count = new Intl.NumberFormat(locale);
  const money = currency ? new Intl.NumberFormat(locale, { style: "currency", currency }) : count;
  return { count: (value) => count.format(value), money: (value) => money.format(value) };
}

/**
 * A chart's text equivalent: the total and which way it went, comparing the last 15 days with the 15
 * before (a day-to-day comparison of small counts would call noise a trend).
 */
export function trendLabel(label: string, series: Series, format: (value: number) => string): string {
  const half = Math.floor(series.daily.length / 2);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const before = sum(series.daily.slice(0, half));
  const recent = sum(series.daily.slice(half));
  const direction =
    recent === before
      ? `the same in the last ${series.daily.length - half} days as in the ${half} before`
      : `${recent > before ? "up" : "down"} to ${format(recent)} in the last ${series.daily.length - half} days from ${format(before)} in the ${half} before`;
  return `${label}, last 30 days: ${format(series.total)} in all, ${direction}.`;
}

export function hasFigures(view: AnalyticsView): boolean {
  return Object.values(view.metrics).some((series) => series.total > 0);
}
