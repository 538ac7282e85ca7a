// A published feed: what the storefront block reads from the feed's app-data metafield
// (app.metafields.social_feed[<the metaobject's key field>].value) and what the app proxy serves to
// headless storefronts.
// It is the contract between the app (which publishes it) and the theme extension (which renders it):
// change both together and bump FEED_VERSION.
import { z } from "zod";

export const FEED_VERSION = 3;
/** Each feed's document lives in an app-data metafield of this namespace, keyed by feedMetafieldKey. */
export const FEED_METAFIELD = { namespace: "social_feed", type: "json" } as const;
export const feedMetafieldKey = (feedId: string) => `feed_${feedId}`;
/**
 * Beside each feed's document, the products its posts are tagged with (list.product_reference, the GIDs),
 * so that Liquid renders live product objects (price, availability) and never a copy taken at publish
 * time. Absent when the feed's posts have no products.
 */
export const FEED_PRODUCTS_TYPE = "list.product_reference";
export const feedProductsKey = (feedId: string) => `${feedMetafieldKey(feedId)}_products`;
/** Shopify's limit for list metafields (list.product_reference included): 128 items. */
export const FEED_PRODUCTS_MAX = 128;
/**
 * The app-owned metaobject type whose entries the block's "Feed" setting offers by name in the theme
 * editor (fields: name, key = the feed's metafield key). Each feed has one entry, handle feedHandle.
 */
export const FEED_METAOBJECT_TYPE = "$app:feed";
export const feedHandle = (feedId: string) => `feed-${feedId}`;
/** Shopify refuses JSON metafields over 128 KB; publishing stays well under it. */
export const FEED_MAX_BYTES = 100_000;
export const CAPTION_MAX_CHARS = 300;
export const ALT_MAX_CHARS = 125;

/** An image on Shopify's CDN (never Instagram's: those links expire). */
export const HostedImage = z.object({
  url: z.url(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

const HostedVideo = z.object({ url: z.url() });

const Slide = z.object({
  type: z.enum(["IMAGE", "VIDEO"]),
  image: HostedImage,
  video: HostedVideo.nullable(),
});

export const Account = z.object({
  username: z.string(),
  profileUrl: z.url(),
  avatar: HostedImage.nullable(),
});

export const FeedPost = z.object({
  id: z.string(),
  /** Index into the document's `accounts`: whose post it is (a feed can merge several accounts). */
  account: z.number().int().nonnegative(),
  type: z.enum(["IMAGE", "VIDEO", "CAROUSEL_ALBUM"]),
  reel: z.boolean(),
  caption: z.string().max(CAPTION_MAX_CHARS),
  alt: z.string().max(ALT_MAX_CHARS),
  permalink: z.url(),
  timestamp: z.string(),
  image: HostedImage,
  video: HostedVideo.nullable(),
  children: z.array(Slide),
  /**
   * The numeric ids of the products tagged on the post ("8123456789"), in tagging order: only those that
   * were ACTIVE and on the Online Store when published, each one in the feed's products metafield. The
   * block matches them against those live products' `id`, so a product unpublished since is not shown.
   */
  products: z.array(z.string().regex(/^\d+$/)),
});

export const FeedDocument = z.object({
  version: z.literal(FEED_VERSION),
  updatedAt: z.string(),
  /** The feed's name, as the merchant chose it (for headless storefronts; the block does not show it). */
  name: z.string(),
  /** The feed's first source's account: the block's header and its Follow button. */
  account: Account,
  /** Every account the posts come from, in the feed's source order; accounts[0] is `account`. */
  accounts: z.array(Account),
  posts: z.array(FeedPost),
});

export type FeedDocument = z.infer<typeof FeedDocument>;
export type FeedPost = z.infer<typeof FeedPost>;
