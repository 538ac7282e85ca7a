// Captions chosen to break careless rendering: none at all, emoji, hashtags, the 2,200-character maximum,
// and markup that must be shown as text, never executed.
import type { Rng } from "./random";

export const XSS_CAPTION =
  'Sale starts now <script>alert(1)</script> and "><img src=x onerror=alert(1)> — tag a friend & save 20%';

export const EMOJI_CAPTION = "New drop 🌸✨ colours of the season 🎨👗 — which one is yours? 💬👇🏽";

export const HASHTAG_CAPTION =
  "Studio day. #handmade #smallbusiness #shoplocal #ceramics #behindthescenes #madewithlove";

const PLAIN_CAPTIONS = [
  "Fresh from the kiln this morning.",
  "Our weekend market stall, come say hi!",
  "Packing orders all afternoon 📦",
  "Restocked: the linen tote in three colours.",
  "Line 1 of a two-line caption.\nLine 2, after a line break.",
  "Swipe to see the details →",
  "Thank you for 10k followers! 🙏",
  "Café au lait glaze, naïve shapes, déjà vu.",
  "Sneak peek of next month's collection.",
  "Sunday studio playlist + clay = bliss",
] as const;

const LONG_CAPTION_LENGTH = 2200; // Instagram's caption maximum

/** Exactly 2,200 characters: the longest caption Instagram allows. */
export function longCaption(): string {
  const sentence = "A long story about how this piece was made, step by step, with every detail included. #process ";
  return sentence.repeat(Math.ceil(LONG_CAPTION_LENGTH / sentence.length)).slice(0, LONG_CAPTION_LENGTH - 1) + ".";
}

/** Fixed special captions at fixed positions so even a short feed contains each edge case. */
const SPECIAL_BY_INDEX: Record<number, () => string | null> = {
  1: () => EMOJI_CAPTION,
  2: () => HASHTAG_CAPTION,
  3: () => null,
  5: () => XSS_CAPTION,
  7: () => longCaption(),
};

export function captionFor(index: number, rng: Rng): string | null {
  const special = SPECIAL_BY_INDEX[index];
  if (special) return special();
  if (rng.next() < 0.1) return null;
  return rng.pick(PLAIN_CAPTIONS);
}
