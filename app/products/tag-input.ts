// The shapes a tag request must have, checked at the route's edge (shared by the server and the browser).
import { z } from "zod";
import { MAX_PRODUCTS_PER_POST } from "./product-messages";

/** A product's Admin API id. Tags are kept by GID, never by handle, so renaming a handle breaks nothing. */
export const ProductGid = z
  .string()
  .trim()
  .regex(/^gid:\/\/shopify\/Product\/[1-9]\d{0,19}$/);

const ItemId = z.string().trim().min(1).max(64);

/** The most posts one bulk tag reaches: a page of the grid and then some. */
export const MAX_POSTS_PER_TAG = 50;

/** Tag products on posts: several products on one post, or one product on several posts. */
export const TagRequest = z.object({
  intent: z.literal("tag"),
  itemIds: z.array(ItemId).min(1).max(MAX_POSTS_PER_TAG),
  productIds: z.array(ProductGid).min(1).max(MAX_PRODUCTS_PER_POST),
});

export const UntagRequest = z.object({
  intent: z.literal("untag"),
  itemId: ItemId,
  productId: ProductGid,
});

export const TagAction = z.discriminatedUnion("intent", [TagRequest, UntagRequest]);
export type TagAction = z.infer<typeof TagAction>;

export const SuggestionsQuery = z.object({ itemId: ItemId });

/** A tag as the Media Sources page shows it on a post. */
export interface PostTagView {
  productId: string;
  title: string;
}

/** A product suggested for a post, with the caption's words that matched it (hashtags keep their #). */
export interface SuggestionView {
  productId: string;
  title: string;
  matched: string[];
}
