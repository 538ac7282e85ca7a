// Every background job the app runs, and how often.
import { runTokenSweep } from "../accounts/renewal.server";
import { config } from "../config.server";
import { runMediaSyncJob } from "../sync/job.server";
import { refreshExpiringLinks } from "../sync/link-refresh.server";
import { MEDIA_SYNC_JOB } from "../sync/runs.server";
import { startScheduler, type BackgroundJob, type Scheduler } from "./scheduler.server";

const MINUTE = 60_000;
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
];

let running: Scheduler | undefined;

/** Started with the server unless BACKGROUND_JOBS=off (e.g. web-only processes beside a worker). */
export function startBackgroundJobs(): Scheduler {
  running = startScheduler(config().BACKGROUND_JOBS === "on" ? BACKGROUND_JOBS : []);
  return running;
}

/** Asks this process's scheduler to run a job now (e.g. after "Sync now"); other processes pick the work up on their next tick. */
export function wakeJob(name: string): void {
  running?.wake(name);
}
