// Products to suggest for a post, from its caption's words and hashtags (ranked in suggest-rank.ts).
// Suggestions are only offered: a product is tagged when the merchant accepts one, never on its own.
import { db } from "../db.server";
import { withProductAccess } from "./product-access.server";
import { searchProducts } from "./product-admin.server";
import type { TagProblem } from "./product-messages";
import { captionTerms, rankProducts, searchQuery } from "./suggest-rank";
import type { SuggestionView } from "./tag-input";

export const MAX_SUGGESTIONS = 5;
/** Candidates asked of Shopify's search, ranked here: enough that the best five are among them. */
const CANDIDATES = 50;

export type SuggestionsResult = { ok: true; suggestions: SuggestionView[] } | { ok: false; problem: TagProblem };

export async function suggestProducts(shop: string, itemId: string): Promise<SuggestionsResult> {
  const item = await db().mediaItem.findFirst({
    where: { id: itemId, source: { shop } },
    select: { caption: true, productTags: { select: { productId: true } } },
  });
  if (!item) return { ok: false, problem: "post_not_found" };
  const terms = captionTerms(item.caption ?? "");
  if (terms.hashtags.length + terms.words.length === 0) return { ok: true, suggestions: [] };

  const found = await withProductAccess(shop, () => searchProducts(shop, searchQuery(terms), CANDIDATES));
  if (!found.ok) return found;
  const candidates = found.value.map((product) => ({
    ...product,
    skus: product.variants.nodes.flatMap((variant) => (variant.sku ? [variant.sku] : [])),
  }));
  const exclude = new Set(item.productTags.map((tag) => tag.productId));
  return { ok: true, suggestions: rankProducts(terms, candidates, { exclude, limit: MAX_SUGGESTIONS }) };
}
