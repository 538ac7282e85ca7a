// Every background job the app runs, and how often.
import { runTokenSweep } from "../accounts/renewal.server";
import { config } from "../config.server";
import { runMediaSyncJob } from "../sync/job.server";
import { refreshExpiringLinks } from "../sync/link-refresh.server";
import { MEDIA_SYNC_JOB } from "../sync/runs.server";
import { FEED_PUBLISH_JOB } from "../feed/publish-request.server";
import { publishRequestedFeeds } from "../feed/publish.server";
import { startScheduler, type BackgroundJob, type Scheduler } from "./scheduler.server";
import { setRunningScheduler } from "./wake.server";
import { MINUTE } from "../time";

const FIVE_MINUTES = 5 * MINUTE;

export const BACKGROUND_JOBS: BackgroundJob[] = [
  {
    // Each account carries its own next check time; the sweep only picks up those that are due.
    name: "token-upkeep",
    intervalMs: FIVE_MINUTES,
    run: async () => {
      const { results: _results, ...counts } = await runTokenSweep();
      return counts;
    },
  },
  {
    // Queues each media source's scheduled sync when due and works through the queue ("Sync now" wakes it).
    name: MEDIA_SYNC_JOB,
    intervalMs: MINUTE,
    run: () => runMediaSyncJob(),
  },
  {
    // Fresh links for posts whose signed Instagram links expire within a day.
    name: "media-links",
    intervalMs: 30 * MINUTE,
    run: () => refreshExpiringLinks(),
  },
  {
    // Feeds are published on request (after a sync or a curation change); this also retries failures.
    name: FEED_PUBLISH_JOB,
    intervalMs: 60_000,
    run: () => publishRequestedFeeds(),
  },
];

/** Started with the server unless BACKGROUND_JOBS=off (e.g. web-only processes beside a worker). */
export function startBackgroundJobs(): Scheduler {
  const scheduler = startScheduler(config().BACKGROUND_JOBS === "on" ? BACKGROUND_JOBS : []);
  setRunningScheduler(scheduler);
  return scheduler;
}

export { wakeJob } from "./wake.server";
