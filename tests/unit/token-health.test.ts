// What the Account page shows a merchant about their Instagram connection: its health badge and the days
// left before the 60-day token runs out. The server and the UI share these functions.
import { describe, expect, it } from "vitest";
import { daysLeft, EXPIRES_SOON_DAYS, tokenHealth } from "../../app/accounts/health";

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;
const NOW = new Date("2026-11-26T12:00:00.000Z");
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const active = (expiresInMs: number) => ({ status: "active", tokenExpiresAt: at(expiresInMs) });

describe("tokenHealth", () => {
  it("a freshly connected 60-day token is active", () => {
    expect(tokenHealth(active(60 * DAY), NOW)).toBe("active");
  });

  it("stays active down to exactly 7 days left", () => {
    expect(EXPIRES_SOON_DAYS).toBe(7);
    expect(tokenHealth(active(8 * DAY), NOW)).toBe("active");
    expect(tokenHealth(active(7 * DAY), NOW)).toBe("active");
  });

  it("expires_soon from just under 7 days left until the last second", () => {
    expect(tokenHealth(active(7 * DAY - SECOND), NOW)).toBe("expires_soon");
    expect(tokenHealth(active(3 * DAY), NOW)).toBe("expires_soon");
    expect(tokenHealth(active(1), NOW)).toBe("expires_soon");
  });

  it("expired at the moment of expiry and after", () => {
    expect(tokenHealth(active(0), NOW)).toBe("expired");
    expect(tokenHealth(active(-1), NOW)).toBe("expired");
    expect(tokenHealth(active(-30 * DAY), NOW)).toBe("expired");
  });

  it("needs_reconnect when the status says so, whatever the expiry", () => {
    expect(tokenHealth({ status: "needs_reconnect", tokenExpiresAt: at(60 * DAY) }, NOW)).toBe("needs_reconnect");
    expect(tokenHealth({ status: "needs_reconnect", tokenExpiresAt: at(-DAY) }, NOW)).toBe("needs_reconnect");
  });

  it("needs_reconnect when no expiry is known", () => {
    expect(tokenHealth({ status: "active", tokenExpiresAt: null }, NOW)).toBe("needs_reconnect");
  });

  it("follows the clock: the same account moves from active to expires_soon to expired", () => {
    const account = active(60 * DAY);
    expect(tokenHealth(account, at(53 * DAY))).toBe("active");
    expect(tokenHealth(account, at(53 * DAY + 1))).toBe("expires_soon");
    expect(tokenHealth(account, at(60 * DAY))).toBe("expired");
  });
});

describe("daysLeft", () => {
  it("shows the full 60 days right after a token is issued", () => {
    expect(daysLeft(at(60 * DAY), NOW)).toBe(60);
    expect(daysLeft(at(60 * DAY), at(SECOND))).toBe(60);
    expect(daysLeft(at(60 * DAY), at(DAY - SECOND))).toBe(60);
  });

  it("counts a started day as a whole day (rounds up)", () => {
    expect(daysLeft(at(59 * DAY), NOW)).toBe(59);
    expect(daysLeft(at(59 * DAY + 1), NOW)).toBe(60);
    expect(daysLeft(at(6 * DAY + HOUR), NOW)).toBe(7);
    expect(daysLeft(at(HOUR), NOW)).toBe(1);
    expect(daysLeft(at(1), NOW)).toBe(1);
  });

  it("is 0 at expiry and never negative after it", () => {
    expect(daysLeft(NOW, NOW)).toBe(0);
    expect(daysLeft(at(-1), NOW)).toBe(0);
    expect(daysLeft(at(-45 * DAY), NOW)).toBe(0);
  });

  it("agrees with tokenHealth: an expired token shows 0 days, an expiring one 1–7", () => {
    for (const remaining of [1, HOUR, DAY, 6 * DAY + HOUR, 7 * DAY - 1]) {
      expect(tokenHealth(active(remaining), NOW)).toBe("expires_soon");
      expect(daysLeft(at(remaining), NOW)).toBeGreaterThanOrEqual(1);
      expect(daysLeft(at(remaining), NOW)).toBeLessThanOrEqual(7);
    }
    expect(daysLeft(at(0), NOW)).toBe(0);
  });
});
