// How syncs pace themselves. Production uses the defaults; tests pass tiny waits (and a sleep that
// records instead of waiting) so retries and backoff are proven without slowing the suite.
import { MAX_MEDIA_PAGE_SIZE } from "../instagram/client.server";
import { HOUR, MINUTE, SECOND } from "../time";
import { SCHEDULE_OPTIONS } from "./media-types";

export interface SyncSettings {
  /** Posts per /me/media page: the largest Instagram allows. */
  pageSize: number;
  /** Tries per page before the run gives up (the next scheduled run carries on). */
  attemptsPerPage: number;
  /** First wait after a transient error, doubling per retry, at most backoffMaxMs. */
  transientBackoffMs: number;
  /** First wait after a rate-limit reply (they last longer), doubling per retry, at most backoffMaxMs. */
  rateLimitBackoffMs: number;
  backoffMaxMs: number;
  /** A wait Meta asks for that is longer than this ends the run instead; the next run is scheduled after it. */
  maxWaitInRunMs: number;
  /** During a sync, links that expire sooner than this are replaced by the fresh ones just fetched. */
  renewLinksWithinMs: number;
  sleep(ms: number): Promise<void>;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  pageSize: MAX_MEDIA_PAGE_SIZE,
  attemptsPerPage: 4,
  transientBackoffMs: 2 * SECOND,
  rateLimitBackoffMs: 15 * SECOND,
  backoffMaxMs: MINUTE,
  maxWaitInRunMs: MINUTE,
  // Instagram's links live 4–7 days; a daily full sync that renews links under 3 days old keeps every
  // link fresh at one call per 100 posts, so the per-post link refresh (24 h ahead) is only a safety net.
  renewLinksWithinMs: 72 * HOUR,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A full reconcile (which also removes deleted posts) runs at least this often; other scheduled runs are incremental. */
export const FULL_SYNC_EVERY_MS = 24 * HOUR;
/** The per-post link refresh looks this far ahead. */
export const LINK_REFRESH_AHEAD_MS = 24 * HOUR;
/** After a failed run, the next one comes no later than this (or the source's schedule, if sooner). */
export const RETRY_AFTER_FAILURE_MS = 15 * MINUTE;

export const SCHEDULE_CHOICES: readonly number[] = SCHEDULE_OPTIONS.map((option) => option.minutes);
export const DEFAULT_SCHEDULE_MINUTES = 60;

export function syncSettings(overrides: Partial<SyncSettings> = {}): SyncSettings {
  return { ...DEFAULT_SYNC_SETTINGS, ...overrides };
}
