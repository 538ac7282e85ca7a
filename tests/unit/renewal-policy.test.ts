// When a token is renewed: at the configured age (5 days by default) for Instagram's usual 60-day
// tokens, earlier for a token issued with a shorter life, and never before Instagram accepts a refresh.
import { describe, expect, it } from "vitest";
import { isRenewalDue, renewalDueAt, type RenewalPolicy } from "../../app/accounts/renewal-policy";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const ISSUED = new Date("2026-11-26T12:00:00.000Z");
const POLICY: RenewalPolicy = { renewAfterMs: 5 * DAY, checkIntervalMs: 55 * 60 * 1000 };
const token = (lifeMs: number | null, refreshedAfterMs?: number) => ({
  tokenIssuedAt: ISSUED,
  tokenRefreshedAt: refreshedAfterMs === undefined ? null : new Date(ISSUED.getTime() + refreshedAfterMs),
  tokenExpiresAt: lifeMs === null ? null : new Date(ISSUED.getTime() + (refreshedAfterMs ?? 0) + lifeMs),
});
const dueAfter = (times: ReturnType<typeof token>) =>
  renewalDueAt(times, POLICY)!.getTime() - (times.tokenRefreshedAt ?? ISSUED).getTime();

describe("renewalDueAt", () => {
  it("a 60-day token: at 5 days old, as configured", () => {
    expect(dueAfter(token(60 * DAY))).toBe(5 * DAY);
  });

  it("a 3-day token: at 24 hours, with two days left to retry, instead of lapsing before the 5th day", () => {
    expect(dueAfter(token(3 * DAY))).toBe(DAY);
    expect(isRenewalDue(token(3 * DAY), new Date(ISSUED.getTime() + DAY - 1), POLICY)).toBe(false);
    expect(isRenewalDue(token(3 * DAY), new Date(ISSUED.getTime() + DAY), POLICY)).toBe(true);
  });

  it("a 24-day token: when a twelfth of its life has passed (2 days)", () => {
    expect(dueAfter(token(24 * DAY))).toBe(2 * DAY);
  });

  it("a token shorter than a day still waits the 24 hours Instagram requires", () => {
    expect(dueAfter(token(12 * HOUR))).toBe(DAY);
  });

  it("counts from the last renewal, and falls back to the configured age when the expiry is unknown", () => {
    expect(dueAfter(token(60 * DAY, 10 * DAY))).toBe(5 * DAY);
    expect(dueAfter(token(null))).toBe(5 * DAY);
  });
});
