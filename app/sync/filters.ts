// What the storefront shows from a source, as pure rules (shared by the server, its tests and the page):
// hidden posts never; pinned posts always, first, the most recently pinned on top; then the newest
// posts that pass the source's filters (words or #hashtags in captions, kinds of post), up to maxPosts.
import { z } from "zod";
import { MEDIA_TYPE_CHOICES, type MediaTypeChoice } from "./media-types";

export { MEDIA_TYPE_CHOICES, MEDIA_TYPE_LABELS, type MediaTypeChoice } from "./media-types";

/** The one post count: what the feed publishes is what every block showing it shows. */
export const MAX_POSTS_LIMIT = 50;
const MAX_TERMS = 50;
const MAX_TERM_LENGTH = 60;

export interface Filters {
  includeWords: string[];
  excludeWords: string[];
  mediaTypes: MediaTypeChoice[];
  maxPosts: number;
}

export interface CuratedItem {
  mediaType: string;
  productType: string | null;
  caption: string | null;
  postedAt: Date;
  hidden: boolean;
  pinnedAt: Date | null;
}

/** Words or hashtags, one per line or separated by commas; blanks and repeats (in any case) dropped. */
export function parseTerms(text: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const raw of text.split(/[\n,]+/)) {
    const term = raw.trim().replace(/\s+/g, " ");
    if (term && !seen.has(term.toLocaleLowerCase())) {
      seen.add(term.toLocaleLowerCase());
      terms.push(term);
    }
  }
  return terms;
}

/** Reels are governed by the Reels choice, other videos by Videos. */
export function typeChoiceOf(item: { mediaType: string; productType: string | null }): MediaTypeChoice | null {
  if (item.productType === "REELS") return "REELS";
  return (MEDIA_TYPE_CHOICES as readonly string[]).includes(item.mediaType)
    ? (item.mediaType as MediaTypeChoice)
    : null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const matchers = new Map<string, RegExp>();

/**
 * A whole word or phrase, in any case: "sale" matches "Sale!" and "#sale" but not "wholesale";
 * "#sale" matches only the hashtag, not "#salesday".
 */
export function termMatcher(term: string): RegExp {
  let matcher = matchers.get(term);
  if (!matcher) {
    const before = term.startsWith("#") ? "(?<![\\p{L}\\p{N}_#])" : "(?<![\\p{L}\\p{N}_])";
    const after = /[\p{L}\p{N}_]$/u.test(term) ? "(?![\\p{L}\\p{N}_])" : "";
    matcher = new RegExp(`${before}${escapeRegExp(term)}${after}`, "iu");
    if (matchers.size > 1000) matchers.clear();
    matchers.set(term, matcher);
  }
  return matcher;
}

export function captionHas(caption: string | null, term: string): boolean {
  return caption !== null && termMatcher(term).test(caption);
}

/** Whether the filters let an (unpinned, not hidden) post through. */
export function passesFilters(
  item: Pick<CuratedItem, "mediaType" | "productType" | "caption">,
  filters: Filters,
): boolean {
  const type = typeChoiceOf(item);
  if (!type || !filters.mediaTypes.includes(type)) return false;
  if (filters.includeWords.length > 0 && !filters.includeWords.some((term) => captionHas(item.caption, term)))
    return false;
  return !filters.excludeWords.some((term) => captionHas(item.caption, term));
}

/** Storefront order: pinned first (most recently pinned on top), then newest first. */
export function compareForStorefront(a: CuratedItem, b: CuratedItem): number {
  if (a.pinnedAt && b.pinnedAt && a.pinnedAt.getTime() !== b.pinnedAt.getTime())
    return b.pinnedAt.getTime() - a.pinnedAt.getTime();
  if (!a.pinnedAt !== !b.pinnedAt) return a.pinnedAt ? -1 : 1;
  return b.postedAt.getTime() - a.postedAt.getTime();
}

/** Exactly the posts the storefront shows, in order. */
export function storefrontSelection<T extends CuratedItem>(items: T[], filters: Filters): T[] {
  return items
    .filter((item) => !item.hidden && (item.pinnedAt !== null || passesFilters(item, filters)))
    .sort(compareForStorefront)
    .slice(0, filters.maxPosts);
}

// ---- stored form (Feed columns) ----

export function filtersOf(source: {
  includeWords: string;
  excludeWords: string;
  mediaTypes: string;
  maxPosts: number;
}): Filters {
  return {
    includeWords: parseTerms(source.includeWords),
    excludeWords: parseTerms(source.excludeWords),
    mediaTypes: source.mediaTypes
      .split(",")
      .filter((type): type is MediaTypeChoice => (MEDIA_TYPE_CHOICES as readonly string[]).includes(type)),
    maxPosts: source.maxPosts,
  };
}

export function storedFilters(filters: Filters) {
  return {
    includeWords: filters.includeWords.join("\n"),
    excludeWords: filters.excludeWords.join("\n"),
    mediaTypes: filters.mediaTypes.join(","),
    maxPosts: filters.maxPosts,
  };
}

// ---- the filters form ----
// The same rules check the form as the merchant types (the feed editor) and again on save (FiltersInput).
// Messages never repeat the field's label: they show under the field, which already says what it is.

/** The filters form as the merchant fills it in, and as the page posts it. */
export interface FiltersForm {
  includeWords: string;
  excludeWords: string;
  mediaTypes: string[];
  maxPosts: string;
}

export type FilterFieldErrors = Partial<Record<keyof Filters, string>>;

const MAX_TERMS_TEXT = 5000;
const preview = (term: string) => (term.length > 20 ? `${term.slice(0, 20)}…` : term);

/** What is wrong with a words field, if anything. */
export function termsProblem(text: string): string | undefined {
  if (text.length > MAX_TERMS_TEXT)
    return `That's too much text: keep it under ${MAX_TERMS_TEXT.toLocaleString("en-US")} characters.`;
  const terms = parseTerms(text);
  if (terms.length > MAX_TERMS) return `Use at most ${MAX_TERMS} words or hashtags.`;
  const tooLong = terms.find((term) => term.length > MAX_TERM_LENGTH);
  if (tooLong) {
    // A long line with spaces is usually several words typed on one line, read as one phrase.
    return tooLong.includes(" ")
      ? `Separate words with commas or new lines: “${preview(tooLong)}” reads as one phrase longer than ${MAX_TERM_LENGTH} characters.`
      : `“${preview(tooLong)}” is longer than ${MAX_TERM_LENGTH} characters.`;
  }
  const empty = terms.find((term) => !/[^#\s]/u.test(term));
  if (empty) return `“${empty}” has nothing to look for after the #.`;
  return undefined;
}

export function mediaTypesProblem(types: string[]): string | undefined {
  if (types.length === 0) return "Choose at least one kind of post to show.";
  if (types.some((type) => !(MEDIA_TYPE_CHOICES as readonly string[]).includes(type)))
    return "Choose kinds of post from the list.";
  return undefined;
}

export function maxPostsProblem(text: string): string | undefined {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (Number.isNaN(value)) return "Enter a number of posts.";
  if (!Number.isInteger(value)) return "Enter a whole number of posts.";
  if (value < 1) return "Show at least 1 post.";
  if (value > MAX_POSTS_LIMIT) return `Show at most ${MAX_POSTS_LIMIT} posts.`;
  return undefined;
}

/** Every field's problem, one plain message per field (none when the form can be saved). */
export function filtersFormErrors(form: FiltersForm): FilterFieldErrors {
  const errors: FilterFieldErrors = {};
  const set = (field: keyof Filters, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  set("includeWords", termsProblem(form.includeWords));
  set("excludeWords", termsProblem(form.excludeWords));
  set("mediaTypes", mediaTypesProblem(form.mediaTypes));
  set("maxPosts", maxPostsProblem(form.maxPosts));
  if (!errors.includeWords && !errors.excludeWords) {
    const excluded = new Set(parseTerms(form.excludeWords).map((term) => term.toLocaleLowerCase()));
    const both = parseTerms(form.includeWords).find((term) => excluded.has(term.toLocaleLowerCase()));
    if (both) errors.excludeWords = `“${both}” is in both lists: take it out of one of them.`;
  }
  return errors;
}

/** The form's filters, once filtersFormErrors finds nothing. */
export function filtersFromForm(form: FiltersForm): Filters {
  return {
    includeWords: parseTerms(form.includeWords),
    excludeWords: parseTerms(form.excludeWords),
    mediaTypes: form.mediaTypes.filter((type): type is MediaTypeChoice =>
      (MEDIA_TYPE_CHOICES as readonly string[]).includes(type),
    ),
    maxPosts: Number(form.maxPosts),
  };
}

/** The posted form (the server's check on save): the same rules, then the filters to store. */
export const FiltersInput = z
  .object({
    includeWords: z.string({ error: "Enter words or #hashtags as text." }).default(""),
    excludeWords: z.string({ error: "Enter words or #hashtags as text." }).default(""),
    mediaTypes: z
      .array(z.string({ error: "Choose kinds of post from the list." }), {
        error: "Choose kinds of post from the list.",
      })
      .default([]),
    maxPosts: z.union([z.string(), z.number()], { error: "Enter a number of posts." }).default("").transform(String),
  })
  .superRefine((form, ctx) => {
    for (const [field, message] of Object.entries(filtersFormErrors(form)))
      ctx.addIssue({ code: "custom", path: [field], message });
  })
  .transform(filtersFromForm);

/** zod's issues as one plain message per form field. */
export function fieldErrorsOf(error: z.ZodError): FilterFieldErrors {
  const errors: FilterFieldErrors = {};
  for (const issue of error.issues) {
    const field = (issue.path[0] ?? "includeWords") as keyof Filters;
    errors[field] ??= issue.message;
  }
  return errors;
}
