// The home page's analytics. Through the real route module (signed admin requests, real PostgreSQL, the
// fake Admin API over HTTP, batches through the real ingest route): the loader gives the shop its own
// figures and the state of analytics, and Turn on analytics / Connect answer in plain words. Then the
// card as the server renders it (what a merchant and a screen reader get before any script runs: every
// total as text, each chart's trend in words, the state of analytics and its one button).
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_URL } from "@shopify/shopify-api/test-helpers";
import { AnalyticsCard, CONNECT_INTENT } from "../../app/components/home/AnalyticsCard";
import type { AnalyticsView } from "../../app/components/home/analytics-view";
import { ShopTimeProvider } from "../../app/components/dates";
import { db } from "../../app/db.server";
import { action as homeAction, loader as homeLoader } from "../../app/routes/app._index";
import { action as ingestAction } from "../../app/routes/ingest";
import { action as scopesUpdateWebhook } from "../../app/routes/webhooks.app.scopes_update";
import { frozenClock } from "../support/clock";
import { useFakeShopifyAdmin } from "../support/shopify-admin";
import { SHOP, adminGet, adminPost, callRoute, seedOfflineSession } from "../support/shopify";
import { shopifyWebhook } from "../support/webhooks";

const shopifyAdmin = useFakeShopifyAdmin();
const OTHER_STORE = "home-analytics-other";
const OTHER_SHOP = `${OTHER_STORE}.myshopify.com`;
const clock = frozenClock("2026-12-03T14:09:00.000Z");
afterAll(() => clock.restore());

beforeAll(async () => {
  await seedOfflineSession();
  await seedOfflineSession(OTHER_SHOP);
});

/** The merchant accepts Shopify's permission screen: Shopify grants and tells the app by webhook. */
async function grantAnalyticsScopes(shop: string) {
  await shopifyAdmin.fake.grantScopes(shop, ["write_pixels", "read_customer_events"]);
  const current = shopifyAdmin.fake.scopes(shop);
  expect(
    (await callRoute(scopesUpdateWebhook, shopifyWebhook("app/scopes_update", { current }, { shop }))).status,
  ).toBe(200);
}

async function homePage(store?: string): Promise<AnalyticsView> {
  const response = await callRoute(homeLoader, adminGet("/app", store));
  expect(response.status).toBe(200);
  return ((await response.json()) as { analytics: AnalyticsView }).analytics;
}

async function connect(form: Record<string, string> = { intent: CONNECT_INTENT }, store?: string) {
  const response = await callRoute(homeAction, adminPost("/app?index", form, store));
  return { status: response.status, body: (await response.json()) as { ok: boolean; message: string } };
}

/** One page view's batch from the shop's pixel, through the ingest route as the storefront sends it. */
async function pageView(shop: string, events: Array<Record<string, unknown>>) {
  const { key } = await db().analyticsPixel.findUniqueOrThrow({ where: { shop } });
  const body = JSON.stringify({ v: 1, shop, key, events: events.map((event) => ({ t: clock.nowMs(), ...event })) });
  const request = new Request(`${APP_URL}/ingest`, { method: "POST", headers: { "Content-Type": "text/plain" }, body });
  expect((await callRoute(ingestAction, request)).status).toBe(204);
}

describe("the home page's analytics, through the route", () => {
  it("before the scopes are granted: the page says analytics is off, and Connect is refused in plain words", async () => {
    const before = await homePage();
    expect(before).toMatchObject({
      state: "no_scopes",
      lastEventAt: null,
      currency: null,
      topPosts: [],
      topProducts: [],
    });
    expect(before.days).toHaveLength(30);
    expect(before.days.at(-1)).toBe("2026-12-03");
    expect(before.metrics.views).toEqual({ total: 0, daily: Array(30).fill(0) });

    expect(await connect()).toEqual({
      status: 403,
      body: expect.objectContaining({ ok: false, message: expect.stringMatching(/permissions analytics need/) }),
    });
    expect(shopifyAdmin.fake.webPixel(SHOP)).toBeUndefined();
  });

  it("refuses a request it doesn't understand, changing nothing", async () => {
    expect(await connect({ intent: "delete-everything" })).toEqual({
      status: 400,
      body: { ok: false, message: "That request wasn't understood. Reload the page and try again." },
    });
    expect(shopifyAdmin.fake.webPixel(SHOP)).toBeUndefined();
  });

  it("once granted: Connect, then the shop's own figures from its storefront, and only its own", async () => {
    await grantAnalyticsScopes(SHOP);
    expect((await homePage()).state).toBe("not_connected");

    expect(await connect()).toEqual({
      status: 200,
      body: { ok: true, message: "Analytics is on. Your feed's figures appear here as shoppers see it." },
    });
    expect(shopifyAdmin.fake.webPixel(SHOP)).toBeDefined();
    expect(await homePage()).toMatchObject({ state: "connected", lastEventAt: null });

    await pageView(SHOP, [
      { n: "feed_view", f: "feed1" },
      { n: "post_open", f: "feed1", p: "17900000000000001" },
      { n: "product_click", f: "feed1", p: "17900000000000001", pr: "101" },
    ]);
    await pageView(SHOP, [
      { n: "feed_view", f: "feed1" },
      { n: "add_to_cart", f: "feed1", p: "17900000000000001", pr: "101" },
      { n: "assisted_order", f: "feed1", p: "17900000000000001", pr: "101", amount: 42.5, currency: "USD" },
    ]);
    await grantAnalyticsScopes(OTHER_SHOP);
    expect((await connect(undefined, OTHER_STORE)).status).toBe(200);
    await pageView(OTHER_SHOP, [{ n: "feed_view", f: "other" }]);

    const figures = await homePage();
    expect(figures).toMatchObject({ state: "connected", lastEventAt: "2026-12-03T14:09:00.000Z", currency: "USD" });
    const totals = Object.fromEntries(Object.entries(figures.metrics).map(([key, series]) => [key, series.total]));
    expect(totals).toEqual({ views: 2, opens: 1, productClicks: 1, addToCarts: 1, assistedOrders: 1, revenue: 42.5 });
    expect(figures.metrics.views.daily.at(-1)).toBe(2);
    expect(figures.topProducts).toEqual([{ productId: "101", title: null, clicks: 1, addToCarts: 1 }]);
    expect((await homePage(OTHER_STORE)).metrics.views.total).toBe(1);
  });
});

const DAYS = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 10, 4 + i)).toISOString().slice(0, 10));
const flat = (total: number) => ({ total, daily: DAYS.map(() => 0) });
/** A series whose figures all fall on the given days (index into DAYS). */
function onDays(figures: Record<number, number>) {
  const daily = DAYS.map((_, i) => figures[i] ?? 0);
  return { total: daily.reduce((a, b) => a + b, 0), daily };
}

function view(overrides: Partial<AnalyticsView> = {}): AnalyticsView {
  return {
    state: "connected",
    lastEventAt: "2026-12-03T14:09:00.000Z",
    currency: "USD",
    days: DAYS,
    metrics: {
      views: onDays({ 2: 600, 20: 634 }),
      opens: onDays({ 25: 3 }),
      productClicks: onDays({ 10: 4, 20: 2 }),
      addToCarts: onDays({ 20: 1 }),
      assistedOrders: onDays({ 21: 1 }),
      revenue: onDays({ 21: 56.5 }),
    },
    topPosts: [
      {
        postId: "17900000000000001",
        permalink: "https://www.instagram.com/p/abc/",
        imageUrl: "https://cdn.example/post.jpg",
        caption: "Linen shirts are back",
        opens: 3,
        clicks: 1,
      },
      {
        postId: "17900000000000002",
        permalink: "https://www.instagram.com/p/def/",
        imageUrl: null,
        caption: " ",
        opens: 1,
        clicks: 0,
      },
    ],
    topProducts: [
      { productId: "101", title: "Linen shirt", clicks: 2, addToCarts: 1 },
      { productId: "102", title: null, clicks: 1, addToCarts: 0 },
    ],
    ...overrides,
  };
}

/** Server-renders the card as the home page holds it: Polaris, the shop's time, and a router for its form. */
async function render(card: AnalyticsView, locale = "en-US", timeZone = "America/New_York"): Promise<string> {
  const page: ReactElement = createElement(
    AppProvider,
    { i18n: en },
    createElement(
      ShopTimeProvider,
      { value: { locale, timeZone } },
      createElement(AnalyticsCard, { view: card, locale }),
    ),
  );
  const handler = createStaticHandler([{ path: "/app", element: page }]);
  const context = await handler.query(new Request("https://app.example/app"));
  if (context instanceof Response) throw new Error("the stand-in router answered with a response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}

/** The page's text as a merchant reads it: tags gone, entities decoded, spaces collapsed. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}
/** The buttons' words, in order. */
const buttons = (html: string) =>
  [...html.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)].map((match) => text(match[1]!).trim());
const chartLabels = (html: string) =>
  [...html.matchAll(/role="img" aria-label="([^"]+)"/g)].map((match) => text(match[1]!).trim());

describe("the home page's analytics, as rendered", () => {
  it("shows every figure's total as text, in the merchant's locale and the shop's currency", async () => {
    const page = text(await render(view()));
    expect(page).toContain("What the feed earns (last 30 days)");
    for (const figure of [
      "Feed views 1,234",
      "Post opens 3",
      "Product clicks 6",
      "Add-to-carts 1",
      "Assisted orders 1",
    ])
      expect(page).toContain(figure);
    expect(page).toContain("Revenue from assisted orders $56.50");
    expect(page).toContain("Last event Dec 3, 2026, 9:09 AM EST");

    const german = text(await render(view({ currency: "EUR" }), "de-DE", "Europe/Berlin"));
    expect(german).toContain("Feed views 1.234");
    expect(german).toContain("Revenue from assisted orders 56,50 €");
  });

  it("gives each chart its trend in words", async () => {
    expect(chartLabels(await render(view()))).toEqual([
      "Feed views, last 30 days: 1,234 in all, up to 634 in the last 15 days from 600 in the 15 before.",
      "Post opens, last 30 days: 3 in all, up to 3 in the last 15 days from 0 in the 15 before.",
      "Product clicks, last 30 days: 6 in all, down to 2 in the last 15 days from 4 in the 15 before.",
      "Add-to-carts, last 30 days: 1 in all, up to 1 in the last 15 days from 0 in the 15 before.",
      "Assisted orders, last 30 days: 1 in all, up to 1 in the last 15 days from 0 in the 15 before.",
      "Revenue from assisted orders, last 30 days: $56.50 in all, up to $56.50 in the last 15 days from $0.00 in the 15 before.",
    ]);
  });

  it("lists the top posts and products with their counts, in plain words where something is missing", async () => {
    const page = text(await render(view()));
    expect(page).toContain("Linen shirts are back 3 opens · 1 product click");
    expect(page).toContain("A post without a caption 1 open · 0 product clicks");
    expect(page).toContain("Linen shirt 2 clicks · 1 add-to-cart");
    expect(page).toContain("A product no longer in your store 1 click · 0 add-to-carts");

    const unnamed = text(await render(view({ topPosts: [], topProducts: [] })));
    expect(unnamed).toContain("Top posts No post to show for these 30 days.");
    expect(unnamed).toContain("Top products No product to show for these 30 days.");
  });

  it("says no figures have arrived yet rather than showing a wall of zeros", async () => {
    const empty = view({
      lastEventAt: null,
      currency: null,
      metrics: {
        views: flat(0),
        opens: flat(0),
        productClicks: flat(0),
        addToCarts: flat(0),
        assistedOrders: flat(0),
        revenue: flat(0),
      },
      topPosts: [],
      topProducts: [],
    });
    const page = text(await render(empty));
    expect(page).toContain("No event has arrived yet.");
    expect(page).toContain("No figures yet.");
    expect(chartLabels(await render(empty))).toEqual([]);
    expect(page).not.toContain("Turn on analytics");
    expect(buttons(await render(empty))).toEqual([]);
  });

  it("asks for the permissions analytics needs, and says what they are for", async () => {
    const html = await render(view({ state: "no_scopes", lastEventAt: null }));
    const page = text(html);
    expect(page).toContain("Turn on analytics to see what your feed earns");
    expect(buttons(html)).toEqual(["Turn on analytics"]);
    expect(page).toContain("nothing about who visited");
    expect(page).not.toContain("Counting through");
  });

  it("offers Connect where the pixel isn't connected, with the last event it counted", async () => {
    const html = await render(view({ state: "not_connected" }));
    const page = text(html);
    expect(page).toContain("Analytics isn't counting");
    expect(page).toContain("The last event arrived Dec 3, 2026, 9:09 AM EST.");
    expect(buttons(html)).toEqual(["Connect"]);
    // Figures already counted stay on the page.
    expect(page).toContain("Feed views 1,234");
  });
});
