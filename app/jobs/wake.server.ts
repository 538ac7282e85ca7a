// This process's running scheduler, so domain code can ask for a job to run now without importing the
// job list (which imports the domain code: that would be a cycle).
import type { Scheduler } from "./scheduler.server";

let running: Scheduler | undefined;

export function setRunningScheduler(scheduler: Scheduler): void {
  running = scheduler;
}

/** Asks this process's scheduler to run a job now (e.g. after "Sync now"); other processes pick the work up on their next tick. */
export function wakeJob(name: string): void {
  running?.wake(name);
}
