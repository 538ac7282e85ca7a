// The attribution rules, shared by the web pixel (extensions/social-feed-pixel imports this file; it runs
// in Shopify's strict sandbox, so nothing here touches the DOM, Node or the app) and by the app's tests.
// Last touch: the browser keeps only its latest feed click (in the pixel's own storage, no cookie of
// ours); an order within 72 hours after it is "assisted" by that click's feed, post and product.

/** What the pixel sends per event (the ingest endpoint's wire format, `v: 1`). */
export type EventName = "feed_view" | "post_open" | "product_click" | "add_to_cart" | "assisted_order";

export interface AnalyticsEvent {
  n: EventName;
  /** When it happened in the browser, epoch ms (the pixel's clock: used for attribution only). */
  t: number;
  f?: string;
  p?: string;
  pr?: string;
  /** assisted_order only: the order's total in major units, and its ISO 4217 currency. */
  amount?: number;
  currency?: string;
}

/** The latest feed click this browser made: a post opened, a product clicked or added from the feed. */
export interface Touch {
  t: number;
  f: string;
  p: string;
  pr?: string;
}

/** The pixel's browser.localStorage key for the Touch. */
export const TOUCH_STORAGE_KEY = "social_feed_touch";
/** An order counts as assisted when the feed click came at most this long before it. */
export const ATTRIBUTION_WINDOW_MS = 72 * 60 * 60 * 1000;

const CLICKS: ReadonlySet<EventName> = new Set(["post_open", "product_click", "add_to_cart"]);

/** The touch a feed event leaves behind; null for events that are not clicks (a feed seen is not one). */
export function touchFrom(event: AnalyticsEvent): Touch | null {
  if (!CLICKS.has(event.n) || !event.f || !event.p) return null;
  return { t: event.t, f: event.f, p: event.p, ...(event.pr && { pr: event.pr }) };
}

/** The touch if it still attributes at `at` (within the window, and not after `at`), else null. */
export function activeTouch(touch: Touch | null | undefined, at: number): Touch | null {
  if (!touch) return null;
  const age = at - touch.t;
  return age >= 0 && age <= ATTRIBUTION_WINDOW_MS ? touch : null;
}

/** Reads a stored touch; anything malformed (another version, a hand edit) is no touch at all. */
export function parseTouch(stored: string | null | undefined): Touch | null {
  if (!stored) return null;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== "object" || value === null) return null;
    const { t, f, p, pr } = value as Record<string, unknown>;
    if (typeof t !== "number" || typeof f !== "string" || typeof p !== "string" || !f || !p) return null;
    return { t, f, p, ...(typeof pr === "string" && pr && { pr }) };
  } catch {
    return null;
  }
}

/**
 * checkout_completed: the assisted_order event for an order placed at `at`, when a touch attributes it
 * (the pixel then clears the touch, so one click assists one order); null otherwise.
 */
export function assistedOrder(
  touch: Touch | null | undefined,
  order: { at: number; amount: number; currency: string },
): AnalyticsEvent | null {
  const active = activeTouch(touch, order.at);
  if (!active || !Number.isFinite(order.amount) || order.amount < 0) return null;
  return {
    n: "assisted_order",
    t: order.at,
    f: active.f,
    p: active.p,
    ...(active.pr && { pr: active.pr }),
    amount: order.amount,
    currency: order.currency,
  };
}

/**
 * Shopify's standard product_added_to_cart: an add_to_cart event only when that product was the one
 * clicked in the feed within the window, and not already counted by the lightbox's own add_to_cart
 * (`countedProducts`: the products this page's custom add_to_cart events named), so one add counts once.
 */
export function addFromStandardEvent(
  touch: Touch | null | undefined,
  productId: string,
  at: number,
  countedProducts: ReadonlySet<string>,
): AnalyticsEvent | null {
  const active = activeTouch(touch, at);
  if (!active || active.pr !== productId || countedProducts.has(productId)) return null;
  return { n: "add_to_cart", t: at, f: active.f, p: active.p, pr: productId };
}
