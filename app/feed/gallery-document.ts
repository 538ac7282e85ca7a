// The product-page gallery: what the "Instagram posts for this product" block reads from one app-data
// metafield, app.metafields.social_feed.product_posts.value.products[product.id as string]. One
// document for the whole shop, so a product page costs no request to our server and no per-product write.
// It is a contract between the app and the theme extension, like the feed document: change both together
// and bump GALLERY_VERSION.
import { z } from "zod";
import { Account, ALT_MAX_CHARS, FeedPost, HostedImage } from "./feed-document";

export const GALLERY_VERSION = 1;
export const GALLERY_METAFIELD = { namespace: "social_feed", key: "product_posts", type: "json" } as const;
/** A product page shows at most this many posts, newest first. */
export const GALLERY_POSTS_PER_PRODUCT = 12;
/** Like a feed: well under Shopify's 128 KB per JSON metafield (the oldest posts are dropped first). */
export const GALLERY_MAX_BYTES = 100_000;

export const GalleryPost = z.object({
  /** Index into the document's `accounts`. */
  account: z.number().int().nonnegative(),
  alt: z.string().max(ALT_MAX_CHARS),
  permalink: z.url(),
  image: HostedImage,
  type: FeedPost.shape.type,
  reel: z.boolean(),
});

export const GalleryDocument = z.object({
  version: z.literal(GALLERY_VERSION),
  updatedAt: z.string(),
  accounts: z.array(Account),
  /** Each post once, by its Instagram id. */
  posts: z.record(z.string(), GalleryPost),
  /** Numeric product id ("8123456789") → its posts' Instagram ids, newest first. */
  products: z.record(z.string().regex(/^\d+$/), z.array(z.string())),
});

export type GalleryDocument = z.infer<typeof GalleryDocument>;
export type GalleryPost = z.infer<typeof GalleryPost>;
