// Every background job the app runs, and how often.
import { runTokenSweep } from "../accounts/renewal.server";
import { config } from "../config.server";
import { startScheduler, type BackgroundJob, type Scheduler } from "./scheduler.server";

const FIVE_MINUTES = 5 * 60_000;

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
];

/** Started with the server unless BACKGROUND_JOBS=off (e.g. web-only processes beside a worker). */
export function startBackgroundJobs(): Scheduler {
  return startScheduler(config().BACKGROUND_JOBS === "on" ? BACKGROUND_JOBS : []);
}
