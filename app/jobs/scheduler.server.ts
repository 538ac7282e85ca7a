// The one way background work runs: named jobs on an interval, inside the app process. A job never
// overlaps itself, a failure is logged and retried on the next tick, and stop() waits for running
// work. The interface is deliberately small so a real queue can replace it later; jobs that must not
// run twice at once across processes (token upkeep) also take database leases of their own.
export interface BackgroundJob {
  name: string;
  intervalMs: number;
  run(): Promise<unknown>;
}

export interface Scheduler {
  /** Runs the named job now instead of at its next tick (a no-op while it is already running). */
  wake(name: string): void;
  stop(): Promise<void>;
}

export function startScheduler(jobs: BackgroundJob[], log: (line: string) => void = console.log): Scheduler {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();
  // A wake that arrives while the job runs may concern work the running pass has already looked past:
  // run once more right after, instead of waiting for the next tick.
  const wokenWhileRunning = new Set<string>();
  let stopped = false;

  const tick = (job: BackgroundJob) => {
    if (stopped) return;
    if (running.has(job.name)) return;
    const started = Date.now();
    const work = job
      .run()
      .then((summary) => log(`job ${job.name} finished in ${Date.now() - started}ms ${summary ? JSON.stringify(summary) : ""}`.trim()))
      .catch((error: unknown) => log(`job ${job.name} failed: ${error instanceof Error ? error.name : "unknown error"}`))
      .finally(() => {
        running.delete(job.name);
        if (wokenWhileRunning.delete(job.name)) tick(job);
      });
    running.set(job.name, work);
  };

  for (const job of jobs) {
    // First run shortly after start-up (not during it), then on the interval.
    timers.push(setTimeout(() => tick(job), 5_000).unref());
    timers.push(setInterval(() => tick(job), job.intervalMs).unref());
  }
  return {
    wake(name) {
      const job = jobs.find((candidate) => candidate.name === name);
      if (!job) return;
      if (running.has(name)) wokenWhileRunning.add(name);
      else tick(job);
    },
    async stop() {
      stopped = true;
      timers.forEach(clearTimeout);
      await Promise.all(running.values());
    },
  };
}
