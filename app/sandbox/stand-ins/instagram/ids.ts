// Id shapes that make client bugs visible: every id is a 17/18-digit string above 2^53,
// so code that turns one into a JS number silently corrupts it.
import type { Rng } from "./random";

/** App-scoped user id ("27640875392278831"): 17 digits, odd last digit so it is never an exact double. */
export function appScopedIdFrom(rng: Rng): string {
  return String(rng.int(2, 3)) + rng.digits(15) + String(rng.pick([1, 3, 5, 7, 9]));
}

/** Professional account id ("17841477965412210"): always starts 1784. */
export function professionalIdFrom(rng: Rng): string {
  return "17841" + rng.digits(11) + String(rng.pick([1, 3, 5, 7, 9]));
}

/** Media ids: older ones are 17 digits starting 179/178, newer ones 18 digits starting 18. */
export function mediaIdFrom(rng: Rng): string {
  return rng.next() < 0.5 ? "179" + rng.digits(14) : "180" + rng.digits(15);
}

const SHORTCODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** Post shortcodes in permalinks are 11 url-safe characters, e.g. "C9xYz1AbCdE". */
export function shortcodeFrom(rng: Rng): string {
  const first = rng.pick(["C", "D"]);
  return first + Array.from({ length: 10 }, () => rng.pick([...SHORTCODE_ALPHABET])).join("");
}
