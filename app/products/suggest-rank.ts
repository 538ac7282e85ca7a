// Which of the shop's products a post's caption talks about, and in what order to suggest them. Pure, so
// the ranking can be read (and tested) on its own; suggestions.server asks Shopify for the candidates.
//
// Ranking: each caption term (a #hashtag or a word) scores once per product, by the strongest field it
// matches, and a product's score is the sum over terms:
//   - a SKU named in the caption (as a word or a hashtag)                    10  (as explicit as it gets)
//   - a hashtag that spells the whole title, handle or a tag ("#linenshirt")  8  (merchants tag products so)
//   - a hashtag that is one word of the title, the handle or a tag            5
//   - a word of the title                                                     3
//   - a tag (or a word of one)                                                2
//   - a part of the handle                                                    1  (it mostly repeats the title;
//                                                                                 it counts once a title changed)
// A hashtag that runs words together ("#linenshirt") finds a product through Shopify's search only when a
// title, tag or SKU contains it as written, or when the caption's other words find the product; the
// ranking then gives it the whole-name weight.
// Ties go to the product matching more terms, then to the title in alphabetical order, so the list is
// stable. Products no term matches, and products that aren't active, are never suggested.
import type { SuggestionView } from "./tag-input";

export interface CaptionTerms {
  hashtags: string[];
  words: string[];
}

export interface CandidateProduct {
  id: string;
  title: string;
  handle: string;
  tags: string[];
  status: string;
  skus: string[];
}

/** Words too common to say anything about a product (English, as most captions the app meets). */
const STOPWORDS = new Set(
  (
    "the and for with you your our this that from are was were have has had not but all any can out new now " +
    "get got its it's just more most one two all some what when where who why how here there them they their " +
    "into over than then too very will would about after again also been before being both each few off only " +
    "own same she her him his yours ours day today week link bio shop store"
  ).split(" "),
);
const MAX_TERMS = 20;

/** Lower case without accents, so "Été" matches "ete". */
const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
/** Letters and digits only: "Linen-Shirt" and "#linenshirt" meet as "linenshirt". */
const compact = (text: string) => fold(text).replace(/[^\p{L}\p{N}]+/gu, "");
/** A plural's trailing s goes, on both sides, so "dresses"/"dress" and "shirts"/"shirt" meet. */
const stem = (word: string) =>
  word.length > 4 && word.endsWith("es")
    ? word.slice(0, -2)
    : word.length > 3 && word.endsWith("s")
      ? word.slice(0, -1)
      : word;
const words = (text: string) =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(stem);

/** Words, and words joined by - _ or . kept whole as well ("ls-01", a SKU; "t-shirt" gives "shirt" too). */
const TOKEN = /[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*/gu;

/** The caption's hashtags and meaningful words (folded, distinct, hashtags first, at most 20 in all). */
export function captionTerms(caption: string): CaptionTerms {
  const hashtags = [...new Set([...caption.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((match) => compact(match[1]!)))].filter(
    (tag) => tag.length >= 3,
  );
  const plain = fold(caption.replace(/#[\p{L}\p{N}_]+/gu, " ").replace(/@[\w.]+/g, " "));
  const tokens = [...plain.matchAll(TOKEN)].flatMap(([token]) =>
    /[-_.]/.test(token) ? [token, ...token.split(/[-_.]/)] : [token],
  );
  // A word that is also a hashtag counts once, as the hashtag (the stronger of the two).
  const captionWords = [...new Set(tokens)].filter(
    (word) => word.length >= 3 && !STOPWORDS.has(word) && !/^\d{1,3}$/.test(word) && !hashtags.includes(word),
  );
  const kept = hashtags.slice(0, MAX_TERMS);
  return { hashtags: kept, words: captionWords.slice(0, MAX_TERMS - kept.length) };
}

/** Shopify search syntax: the terms as free words joined by OR (any may match); "ls-01" goes in quotes. */
export function searchQuery(terms: CaptionTerms): string {
  return [...terms.hashtags, ...terms.words]
    .map((term) => (/^[\p{L}\p{N}]+$/u.test(term) ? term : `"${term}"`))
    .join(" OR ");
}

function productFields(product: CandidateProduct) {
  const tagWords = product.tags.flatMap(words);
  return {
    skus: new Set(product.skus.filter(Boolean).map(compact)),
    whole: new Set([product.title, product.handle, ...product.tags].map(compact)),
    titleWords: new Set(words(product.title)),
    tagWords: new Set([...product.tags.map(compact), ...tagWords]),
    handleParts: new Set(words(product.handle)),
  };
}

function hashtagScore(tag: string, fields: ReturnType<typeof productFields>): number {
  if (fields.skus.has(tag)) return 10;
  if (fields.whole.has(tag)) return 8;
  const word = stem(tag);
  return fields.titleWords.has(word) || fields.tagWords.has(word) || fields.handleParts.has(word) ? 5 : 0;
}

function wordScore(word: string, fields: ReturnType<typeof productFields>): number {
  if (fields.skus.has(compact(word))) return 10;
  const stemmed = stem(word);
  if (fields.titleWords.has(stemmed)) return 3;
  if (fields.tagWords.has(stemmed)) return 2;
  return fields.handleParts.has(stemmed) ? 1 : 0;
}

/** The `limit` best products for the caption's terms, best first, leaving out those in `exclude`. */
export function rankProducts(
  terms: CaptionTerms,
  products: CandidateProduct[],
  options: { exclude: Set<string>; limit: number },
): SuggestionView[] {
  const scored = products
    .filter((product) => product.status === "ACTIVE" && !options.exclude.has(product.id))
    .map((product) => {
      const fields = productFields(product);
      const matched = [
        ...terms.hashtags.map((tag) => ({ term: `#${tag}`, score: hashtagScore(tag, fields) })),
        ...terms.words.map((word) => ({ term: word, score: wordScore(word, fields) })),
      ].filter((match) => match.score > 0);
      return { product, matched, score: matched.reduce((sum, match) => sum + match.score, 0) };
    })
    .filter((entry) => entry.score > 0);
  scored.sort(
    (a, b) =>
      b.score - a.score || b.matched.length - a.matched.length || a.product.title.localeCompare(b.product.title),
  );
  return scored.slice(0, options.limit).map(({ product, matched }) => ({
    productId: product.id,
    title: product.title,
    matched: matched.sort((a, b) => b.score - a.score).map((match) => match.term),
  }));
}
