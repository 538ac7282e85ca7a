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
