// The one source of "now" for domain code, so tests (and the renewal simulation) can move time.
export interface Clock {
  now(): Date;
}

const systemClock: Clock = { now: () => new Date() };
let current: Clock = systemClock;

export function now(): Date {
  return current.now();
}

export function useClock(clock: Clock): () => void {
  current = clock;
  return () => {
    current = systemClock;
  };
}
