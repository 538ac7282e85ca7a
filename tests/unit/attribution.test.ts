// The pixel's attribution rules: an order is assisted by the browser's latest feed click when it came at
// most 72 hours before; a standard add to cart counts only for the product clicked in the feed, once.
import { describe, expect, it } from "vitest";
import {
  ATTRIBUTION_WINDOW_MS,
  activeTouch,
  addFromStandardEvent,
  assistedOrder,
  parseTouch,
  touchFrom,
  type Touch,
} from "../../app/analytics/attribution";

const HOUR = 60 * 60 * 1000;
const CLICK_AT = Date.UTC(2026, 11, 1, 12);
const touch: Touch = { t: CLICK_AT, f: "feed1", p: "17900000000000001", pr: "8123" };
const order = (hoursAfter: number) => ({ at: CLICK_AT + hoursAfter * HOUR, amount: 59.9, currency: "EUR" });

describe("which events are feed clicks", () => {
  it("a post opened, a product clicked or added from the feed leave a touch; a feed seen does not", () => {
    expect(touchFrom({ n: "post_open", t: 1, f: "a", p: "b" })).toEqual({ t: 1, f: "a", p: "b" });
    expect(touchFrom({ n: "product_click", t: 2, f: "a", p: "b", pr: "9" })).toEqual({ t: 2, f: "a", p: "b", pr: "9" });
    expect(touchFrom({ n: "add_to_cart", t: 3, f: "a", p: "b", pr: "9" })).toMatchObject({ pr: "9" });
    expect(touchFrom({ n: "feed_view", t: 4, f: "a" })).toBeNull();
    expect(touchFrom({ n: "post_open", t: 5, f: "a" })).toBeNull();
  });
});

describe("assisted orders: a click within 72 hours before the order", () => {
  it("an order an hour, or exactly 72 hours, after the click is assisted by that click's feed, post and product", () => {
    expect(assistedOrder(touch, order(1))).toEqual({
      n: "assisted_order",
      t: CLICK_AT + HOUR,
      f: "feed1",
      p: "17900000000000001",
      pr: "8123",
      amount: 59.9,
      currency: "EUR",
    });
    expect(assistedOrder(touch, order(72))).not.toBeNull();
    expect(ATTRIBUTION_WINDOW_MS).toBe(72 * HOUR);
  });

  it("an order a moment past 72 hours, or before the click (a wrong clock), is not assisted", () => {
    expect(assistedOrder(touch, { ...order(72), at: CLICK_AT + 72 * HOUR + 1 })).toBeNull();
    expect(assistedOrder(touch, order(-1))).toBeNull();
  });

  it("no click, or a nonsense total, assists nothing; a post opened without a product gives no product", () => {
    expect(assistedOrder(null, order(1))).toBeNull();
    expect(assistedOrder(touch, { ...order(1), amount: Number.NaN })).toBeNull();
    const opened = assistedOrder({ t: CLICK_AT, f: "feed1", p: "17900000000000001" }, order(1));
    expect(opened).not.toHaveProperty("pr");
  });

  it("activeTouch keeps a touch exactly while it attributes", () => {
    expect(activeTouch(touch, CLICK_AT)).toBe(touch);
    expect(activeTouch(touch, CLICK_AT + ATTRIBUTION_WINDOW_MS + 1)).toBeNull();
    expect(activeTouch(undefined, CLICK_AT)).toBeNull();
  });
});

describe("Shopify's standard add to cart", () => {
  it("counts for the product clicked in the feed within 72 hours, as that click's feed and post", () => {
    expect(addFromStandardEvent(touch, "8123", CLICK_AT + HOUR, new Set())).toEqual({
      n: "add_to_cart",
      t: CLICK_AT + HOUR,
      f: "feed1",
      p: "17900000000000001",
      pr: "8123",
    });
  });

  it("does not count another product, a stale click, or an add the lightbox already counted", () => {
    expect(addFromStandardEvent(touch, "9999", CLICK_AT + HOUR, new Set())).toBeNull();
    expect(addFromStandardEvent(touch, "8123", CLICK_AT + 73 * HOUR, new Set())).toBeNull();
    expect(addFromStandardEvent(touch, "8123", CLICK_AT + HOUR, new Set(["8123"]))).toBeNull();
    expect(addFromStandardEvent({ ...touch, pr: undefined }, "8123", CLICK_AT + HOUR, new Set())).toBeNull();
  });
});

describe("the stored touch", () => {
  it("reads what the pixel wrote, and treats anything malformed as no touch", () => {
    expect(parseTouch(JSON.stringify(touch))).toEqual(touch);
    for (const stored of [null, "", "not json", "null", "42", '{"t":"1","f":"a","p":"b"}', '{"t":1,"f":"","p":"b"}'])
      expect(parseTouch(stored)).toBeNull();
  });
});
