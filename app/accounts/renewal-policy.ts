// When to renew a long-lived token, when to look at it again, and how long to wait after a failure.
//
// Instagram refreshes a long-lived token only once it is at least 24 hours old and not yet expired, and
// a refresh gives it 60 days from that moment. We renew once a token is TOKEN_RENEW_AFTER_DAYS old
// (default 5): renewals then fail for up to ~55 days in a row before a token could lapse, so an outage
// of Instagram, of our app or of the merchant's account costs nothing as long as it ends in time.
// Between renewals the token is checked every TOKEN_CHECK_INTERVAL_MINUTES (default 55) with a cheap
// call, so a token Instagram revoked (password change, app removed) is reported within the hour.
// Failures back off exponentially from 15 minutes to 6 hours, and never wait past a quarter of the
// time the token has left, so a token near its end gets more tries, not fewer.

import { DAY, HOUR, MINUTE } from "../time";

export interface RenewalPolicy {
  renewAfterMs: number;
  checkIntervalMs: number;
}

export interface TokenTimes {
  tokenIssuedAt: Date | null;
  tokenRefreshedAt: Date | null;
  tokenExpiresAt: Date | null;
}

export function policyFromSettings(settings: {
  TOKEN_RENEW_AFTER_DAYS: number;
  TOKEN_CHECK_INTERVAL_MINUTES: number;
}): RenewalPolicy {
  return {
    renewAfterMs: settings.TOKEN_RENEW_AFTER_DAYS * DAY,
    checkIntervalMs: settings.TOKEN_CHECK_INTERVAL_MINUTES * MINUTE,
  };
}

/** A twelfth of a 60-day token's life is the default 5 days: a shorter-lived token is renewed as early in its life. */
export const RENEW_AT_SHARE_OF_LIFE = 1 / 12;
/** Instagram refuses to refresh a token younger than 24 hours. */
export const YOUNGEST_RENEWABLE_MS = DAY;

/**
 * When the token becomes due for renewal: once it is `renewAfterMs` old or a twelfth of its life has
 * passed, whichever comes first, but never before Instagram would accept it (24 hours). A token that
 * Instagram issued for fewer days than the usual 60 is therefore renewed in time too.
 */
export function renewalDueAt(token: TokenTimes, policy: RenewalPolicy): Date | null {
  const since = token.tokenRefreshedAt ?? token.tokenIssuedAt;
  if (!since) return null;
  const life = token.tokenExpiresAt ? token.tokenExpiresAt.getTime() - since.getTime() : Infinity;
  const age = Math.max(YOUNGEST_RENEWABLE_MS, Math.min(policy.renewAfterMs, life * RENEW_AT_SHARE_OF_LIFE));
  return new Date(since.getTime() + age);
}

export function isRenewalDue(token: TokenTimes, now: Date, policy: RenewalPolicy): boolean {
  const due = renewalDueAt(token, policy);
  return due !== null && due.getTime() <= now.getTime();
}

/** After a successful renewal or check: the next check, or the renewal if that comes first. */
export function nextCheckAfterSuccess(token: TokenTimes, now: Date, policy: RenewalPolicy): Date {
  const check = now.getTime() + policy.checkIntervalMs;
  const renewal = renewalDueAt(token, policy)?.getTime() ?? check;
  return new Date(Math.max(now.getTime() + MINUTE, Math.min(check, renewal)));
}

/** After the n-th failure in a row: exponential backoff, bounded by what the token has left and by Meta's own wait. */
export function nextCheckAfterFailure(failures: number, token: TokenTimes, now: Date, retryAfterMs?: number): Date {
  const backoff = Math.min(15 * MINUTE * 2 ** Math.max(0, failures - 1), 6 * HOUR);
  const remaining = token.tokenExpiresAt ? token.tokenExpiresAt.getTime() - now.getTime() : Infinity;
  const delay = Math.max(5 * MINUTE, Math.min(backoff, remaining / 4), retryAfterMs ?? 0);
  return new Date(now.getTime() + delay);
}
