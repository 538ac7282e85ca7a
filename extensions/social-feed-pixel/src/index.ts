// The app's web pixel (Shopify's strict sandbox: a Web Worker with no DOM and no page lifecycle events;
// it hears Shopify's customer events, and its `browser.*` calls run asynchronously in the top frame).
// It turns the Instagram feed block's custom events (`social_feed:*`, ids only) and Shopify's standard
// product_added_to_cart and checkout_completed into the ingest's events (app/analytics/attribution.ts),
// and sends them to the app's /ingest as text/plain JSON, so that no CORS preflight is needed.
//
// One batch per page view. The sandbox tells a pixel nothing when its page is hidden or left, and the
// worker dies with the page, so each event is kept in browser.localStorage as it happens (one write, under
// a key of its own: a click that navigates away leaves the least time), and the next page view of this
// browser sends what earlier pages kept, in one request, when its pixel starts. checkout_completed sends
// at once (the thank-you page is often the last page of a visit), with the assisted order when a feed
// click came within 72 hours before it.
// Nothing about the visitor is sent or kept: no client id, customer, address, URL or user agent.
import { register, type ExtensionApi } from "@shopify/web-pixels-extension";
import {
  TOUCH_STORAGE_KEY,
  addFromStandardEvent,
  assistedOrder,
  parseTouch,
  touchFrom,
  type AnalyticsEvent,
  type EventName,
} from "../../../app/analytics/attribution";

/** browser.localStorage keys of the events pages have not sent yet: `<prefix><page id>:<n>`, one per event. */
export const EVENT_KEY_PREFIX = "social_feed_event:";
/** The ingest's limit per batch. */
export const MAX_EVENTS = 100;
/** The block's custom events (published as `social_feed:<name>`). */
const CUSTOM: EventName[] = ["feed_view", "post_open", "product_click", "add_to_cart"];
/** Ids as the block publishes them: a feed's cuid, an Instagram post's numeric id, Shopify's numeric ids. */
const ID = /^[\w-]{1,64}$/;

type Api = Pick<ExtensionApi, "settings" | "analytics" | "browser">;

const id = (value: unknown) => (typeof value === "string" && ID.test(value) ? value : undefined);
/** Shopify's ids in pixel events may be GIDs ("gid://shopify/Product/1") or plain: the number either way. */
const numericId = (value: unknown) => /(\d+)$/.exec(String(value ?? ""))?.[1];
const timeOf = (event: { timestamp?: string }) => Date.parse(event.timestamp ?? "") || Date.now();

function parseEvent(stored: string | null): AnalyticsEvent[] {
  try {
    const event = JSON.parse(stored ?? "null") as AnalyticsEvent | null;
    return event && typeof event.n === "string" && typeof event.t === "number" ? [event] : [];
  } catch {
    return [];
  }
}

export function socialFeedPixel({ settings, analytics, browser }: Api): void {
  const { ingestUrl, shop, key } = settings as { ingestUrl?: string; shop?: string; key?: string };
  if (!ingestUrl || !shop || !key) return; // not connected by the app yet
  const storage = browser.localStorage;
  const page = `${EVENT_KEY_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}:`;
  let written = 0;
  /** Where each of this page's events is kept until a request takes it. */
  const keys = new Map<AnalyticsEvent, string>();
  /** Products whose lightbox add_to_cart this page counted: Shopify's own add event for them is the same add. */
  const counted = new Set<string>();
  /** add_to_cart events made from Shopify's product_added_to_cart (the lightbox's own may follow it). */
  const fromShopify = new Set<AnalyticsEvent>();

  /** One storage write per event, under a key of its own: nothing to read first, nothing sent twice. */
  const keep = (event: AnalyticsEvent) => {
    const eventKey = `${page}${written++}`;
    keys.set(event, eventKey);
    return storage.setItem(eventKey, JSON.stringify(event));
  };

  /** Up to MAX_EVENTS kept events, out of storage: earlier pages' only, or this page's too. */
  const take = async (ownToo: boolean): Promise<AnalyticsEvent[]> => {
    const count = await storage.length();
    const all = await Promise.all(Array.from({ length: count }, (_, index) => storage.key(index)));
    const taken = all
      .filter((name): name is string => !!name && name.startsWith(EVENT_KEY_PREFIX))
      .filter((name) => ownToo || !name.startsWith(page))
      .slice(0, MAX_EVENTS);
    const events = (await Promise.all(taken.map((name) => storage.getItem(name)))).flatMap(parseEvent);
    await Promise.all(taken.map((name) => storage.removeItem(name)));
    return events.sort((a, b) => a.t - b.t);
  };

  const send = async (events: AnalyticsEvent[]) => {
    if (!events.length) return;
    const body = JSON.stringify({ v: 1, shop, key, events });
    const queued = await browser.sendBeacon(ingestUrl, body).catch(() => false);
    if (!queued) await fetch(ingestUrl, { method: "POST", body, keepalive: true }).catch(() => undefined);
  };

  // The earlier page views' events, now that those pages are over: one request.
  void take(false).then(send);

  for (const name of CUSTOM) {
    analytics.subscribe(`social_feed:${name}`, (event) => {
      const data = (event.customData ?? {}) as Record<string, unknown>;
      const feed = id(data.feed);
      const post = id(data.post);
      const product = numericId(id(data.product));
      // The ids each event needs (the ingest refuses a batch with an incomplete one).
      if (
        !feed ||
        (name !== "feed_view" && !post) ||
        ((name === "product_click" || name === "add_to_cart") && !product)
      )
        return;
      const added: AnalyticsEvent = { n: name, t: timeOf(event), f: feed, p: post, pr: product };
      void keep(added);
      const touch = touchFrom(added);
      if (touch) void storage.setItem(TOUCH_STORAGE_KEY, JSON.stringify(touch));
      if (name !== "add_to_cart" || !product) return;
      counted.add(product);
      // Shopify's own event for this add may have come first: the lightbox's counts, not both.
      for (const other of fromShopify)
        if (other.pr === product) {
          fromShopify.delete(other);
          void storage.removeItem(keys.get(other)!);
        }
    });
  }

  analytics.subscribe("product_added_to_cart", async (event) => {
    const product = numericId(event.data?.cartLine?.merchandise?.product?.id);
    if (!product || counted.has(product)) return;
    const touch = parseTouch(await storage.getItem(TOUCH_STORAGE_KEY));
    const added = addFromStandardEvent(touch, product, timeOf(event), counted);
    if (!added) return;
    fromShopify.add(added);
    await keep(added);
  });

  analytics.subscribe("checkout_completed", async (event) => {
    const checkout = event.data?.checkout;
    const total = checkout?.totalPrice;
    const order = {
      at: timeOf(event),
      amount: Number(total?.amount),
      currency: String(total?.currencyCode ?? checkout?.currencyCode ?? ""),
    };
    const touch = parseTouch(await storage.getItem(TOUCH_STORAGE_KEY));
    const assisted = /^[A-Z]{3}$/.test(order.currency) ? assistedOrder(touch, order) : null;
    if (assisted) await storage.removeItem(TOUCH_STORAGE_KEY); // one click assists one order
    const events = await take(true);
    await send(assisted ? [...events.slice(0, MAX_EVENTS - 1), assisted] : events);
  });
}

register(socialFeedPixel);
