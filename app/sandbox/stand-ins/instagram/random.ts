// Deterministic pseudo-randomness: the same username always yields the same ids, posts and captions,
// so a test failure reproduces and the sandbox looks the same on every start.
import { createHash, randomBytes } from "node:crypto";

export interface Rng {
  next(): number; // [0, 1)
  int(min: number, max: number): number; // inclusive bounds
  pick<T>(items: readonly T[]): T;
  digits(count: number): string;
}

/** mulberry32 seeded from a SHA-256 of the seed text: tiny, fast, good enough for fixtures. */
export function seededRng(seed: string): Rng {
  let state = createHash("sha256").update(seed).digest().readUInt32BE(0);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  };
  const digits = (count: number): string => Array.from({ length: count }, () => String(int(0, 9))).join("");
  return { next, int, pick, digits };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Unpredictable alphanumeric text for secrets (tokens, codes): real ones are opaque and unguessable too. */
export function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join("");
}

/** Meta's trace ids look like "AzFLksX9N3S3IECyB8dHS-W": an "A" and 22 url-safe characters. */
export function fbtraceId(): string {
  return "A" + randomBytes(17).toString("base64url").slice(0, 22);
}
