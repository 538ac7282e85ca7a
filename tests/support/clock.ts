import { useClock } from "../../app/clock.server";

const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
export const MINUTE = 60 * 1000;

/** Installs a clock that only moves when the test says so. */
export function frozenClock(start = "2026-11-26T12:00:00.000Z") {
  let current = new Date(start).getTime();
  const restore = useClock({ now: () => new Date(current) });
  return {
    advance(ms: number) {
      current += ms;
    },
    nowMs: () => current,
    restore,
  };
}
