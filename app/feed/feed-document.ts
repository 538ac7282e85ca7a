// The published feed: what the storefront block reads from the app-data metafield
// (app.metafields.social_feed.feed.value) and what the app proxy serves to headless storefronts.
// It is the contract between the app (which publishes it) and the theme extension (which renders it):
// change both together and bump FEED_VERSION.
import { z } from "zod";

export const FEED_VERSION = 1;
export const FEED_METAFIELD = { namespace: "social_feed", key: "feed", type: "json" } as const;
/** Shopify refuses JSON metafields over 128 KB; publishing stays well under it. */
export const FEED_MAX_BYTES = 100_000;
export const CAPTION_MAX_CHARS = 300;
export const ALT_MAX_CHARS = 125;

/** An image on Shopify's CDN (never Instagram's: those links expire). */
const HostedImage = z.object({
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

export const FeedPost = z.object({
  id: z.string(),
  type: z.enum(["IMAGE", "VIDEO", "CAROUSEL_ALBUM"]),
  reel: z.boolean(),
  caption: z.string().max(CAPTION_MAX_CHARS),
  alt: z.string().max(ALT_MAX_CHARS),
  permalink: z.url(),
  timestamp: z.string(),
  image: HostedImage,
  video: HostedVideo.nullable(),
  children: z.array(Slide),
});

export const FeedDocument = z.object({
  version: z.literal(FEED_VERSION),
  updatedAt: z.string(),
  account: z.object({
    username: z.string(),
    profileUrl: z.url(),
    avatar: HostedImage.nullable(),
  }),
  posts: z.array(FeedPost),
});

export type FeedDocument = z.infer<typeof FeedDocument>;
export type FeedPost = z.infer<typeof FeedPost>;
