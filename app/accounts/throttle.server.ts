// Per-account throttling. On the Instagram Platform, Meta counts calls per app and account pair and
// reports the count on every reply (X-App-Usage, X-Business-Use-Case-Usage). When an account nears its
// limit, or Meta says how long to stay away, no job calls Instagram for it until then: the sync waits in
// the queue, the token check moves its next time, the link refresh skips it.
import { now } from "../clock.server";
import { db } from "../db.server";
import { createInstagramClient, defaultClientOptions, type InstagramClient } from "../instagram/client.server";
import type { Usage } from "../instagram/usage";
import { MINUTE } from "../time";

/** Meta throttles at 100 %; stopping at 90 % leaves room for the calls already under way. */
export const THROTTLE_AT_PERCENT = 90;
/** The counts cover a rolling window: a pause this long lets them fall back. */
export const THROTTLE_PAUSE_MS = 15 * MINUTE;

/** When this account may be called again, or null when it may be called now. */
export function throttledUntil(account: { throttledUntil: Date | null }, at: Date = now()): Date | null {
  return account.throttledUntil && account.throttledUntil > at ? account.throttledUntil : null;
}

/** A client for one account's job that watches Meta's figures; save() records the pause they call for. */
export function throttledClient(accountId: string): { client: InstagramClient; save(): Promise<Date | null> } {
  let until = 0;
  const observe = (usage: Usage) => {
    const pause = Math.max(
      usage.regainAccessMs ?? 0,
      (usage.percent ?? 0) >= THROTTLE_AT_PERCENT ? THROTTLE_PAUSE_MS : 0,
    );
    if (pause > 0) until = Math.max(until, now().getTime() + pause);
  };
  return {
    client: createInstagramClient({ ...defaultClientOptions(), onUsage: observe }),
    async save(): Promise<Date | null> {
      if (!until) return null;
      const pausedUntil = new Date(until);
      await db().instagramAccount.updateMany({ where: { id: accountId }, data: { throttledUntil: pausedUntil } });
      return pausedUntil;
    },
  };
}
