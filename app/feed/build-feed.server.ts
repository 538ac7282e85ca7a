// Turns a feed's selection into its published document: which images must be hosted on Shopify first,
// then the document itself, trimmed to stay well under Shopify's size limit.
import type { MediaItem } from "@prisma/client";
import { parseChildren, previewLink, type MediaChild } from "../sync/instagram-media.server";
import {
  ALT_MAX_CHARS,
  CAPTION_MAX_CHARS,
  FEED_MAX_BYTES,
  FEED_PRODUCTS_MAX,
  FEED_VERSION,
  FeedDocument,
  type FeedPost,
} from "./feed-document";
import type { HostedImage, ImageToHost } from "./rehost.server";
import { productGid } from "./tagged-products.server";

export interface FeedAccount {
  id: string;
  username: string;
  profilePictureUrl: string | null;
}

const avatarKey = (account: FeedAccount) => `avatar:${account.id}`;
const childLink = (child: MediaChild) => (child.mediaType === "VIDEO" ? child.thumbnailUrl : child.mediaUrl);

/** An album's cover is its first showable slide: hosted once, under that slide's id. */
function coverKey(item: MediaItem, children: MediaChild[]): string {
  return children.find((child) => childLink(child))?.id ?? item.instagramId;
}

/** At most `max` characters, cut at a word boundary, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const atWord = cut.lastIndexOf(" ") > max * 0.6 ? cut.slice(0, cut.lastIndexOf(" ")) : cut;
  return `${atWord.trimEnd()}…`;
}

/** Alt text reads the caption without its hashtag pile; the block supplies a fallback when empty. */
export function altFrom(caption: string | null): string {
  return shorten((caption ?? "").replace(/#[\p{L}\p{N}_]+/gu, "").replace(/@([\p{L}\p{N}._]+)/gu, "$1"), ALT_MAX_CHARS);
}

/** A post, the account it came from, and the numeric ids of the products the storefront may show on it. */
export type FeedItem = MediaItem & { account: FeedAccount; products: string[] };

/** The feed's accounts, in its source order, each once. */
function accountsOf(sourceAccounts: FeedAccount[]): FeedAccount[] {
  return sourceAccounts.filter((account, i) => sourceAccounts.findIndex((other) => other.id === account.id) === i);
}

export function avatarToHost(account: FeedAccount): ImageToHost[] {
  return account.profilePictureUrl
    ? [{ sourceKey: avatarKey(account), sourceUrl: account.profilePictureUrl, alt: `@${account.username}` }]
    : [];
}

/** The post's cover (an album's first showable slide), under the key a feed hosts it by. */
export function coverToHost(item: MediaItem): ImageToHost[] {
  const children = parseChildren(item.children) ?? [];
  const cover = previewLink({ ...item, children });
  return cover ? [{ sourceKey: coverKey(item, children), sourceUrl: cover, alt: altFrom(item.caption) }] : [];
}

export function imagesToHost(sourceAccounts: FeedAccount[], items: MediaItem[]): ImageToHost[] {
  const images: ImageToHost[] = accountsOf(sourceAccounts).flatMap(avatarToHost);
  for (const item of items) {
    const children = parseChildren(item.children) ?? [];
    const key = coverKey(item, children);
    images.push(...coverToHost(item));
    for (const child of children) {
      const link = childLink(child);
      if (link && child.id !== key) images.push({ sourceKey: child.id, sourceUrl: link, alt: altFrom(item.caption) });
    }
  }
  return images;
}

/** The hosted cover of a post, under coverToHost's key. */
export function hostedCover(item: MediaItem, hosted: Map<string, HostedImage>): HostedImage | undefined {
  return hosted.get(coverKey(item, parseChildren(item.children) ?? []));
}

function toPost(item: FeedItem, account: number, hosted: Map<string, HostedImage>): FeedPost | null {
  const stored = parseChildren(item.children) ?? [];
  const image = hostedCover(item, hosted);
  if (!image) return null; // nothing to show without a hosted cover
  const children = stored.flatMap((child) => {
    const childImage = hosted.get(child.id);
    return childImage
      ? [
          {
            type: child.mediaType === "VIDEO" ? ("VIDEO" as const) : ("IMAGE" as const),
            image: childImage,
            video: null,
          },
        ]
      : [];
  });
  return {
    id: item.instagramId,
    account,
    type: item.mediaType as FeedPost["type"],
    reel: item.productType === "REELS",
    caption: shorten(item.caption ?? "", CAPTION_MAX_CHARS),
    alt: altFrom(item.caption),
    permalink: item.permalink,
    timestamp: item.postedAt.toISOString(),
    image,
    // Instagram's video links expire within days; videos play on Instagram (the block links there).
    video: null,
    children,
    products: item.products,
  };
}

/** An account as documents show it: its name, its Instagram page and its hosted avatar. */
export function shownAccount(account: FeedAccount, hosted: Map<string, HostedImage>): FeedDocument["account"] {
  return {
    username: account.username,
    profileUrl: `https://www.instagram.com/${encodeURIComponent(account.username)}/`,
    avatar: hosted.get(avatarKey(account)) ?? null,
  };
}

const NO_ACCOUNT = { username: "", profileUrl: "https://www.instagram.com/", avatar: null };

export function buildFeedDocument(
  feed: { name: string; sourceAccounts: FeedAccount[] },
  items: FeedItem[],
  hosted: Map<string, HostedImage>,
  updatedAt: Date,
): FeedDocument {
  const accounts = accountsOf(feed.sourceAccounts);
  const shown = accounts.map((account) => shownAccount(account, hosted));
  const document: FeedDocument = {
    version: FEED_VERSION,
    updatedAt: updatedAt.toISOString(),
    name: feed.name,
    account: shown[0] ?? NO_ACCOUNT,
    accounts: shown,
    posts: items
      .map((item) =>
        toPost(
          item,
          Math.max(
            0,
            accounts.findIndex((account) => account.id === item.account.id),
          ),
          hosted,
        ),
      )
      .filter((post): post is FeedPost => post !== null),
  };
  while (Buffer.byteLength(JSON.stringify(document)) > FEED_MAX_BYTES && document.posts.length > 0)
    document.posts.pop();
  keepListableProducts(document.posts);
  return FeedDocument.parse(document);
}

/** The distinct products of the posts, in order of first appearance (pinned and newest posts first). */
function productsOfPosts(posts: FeedPost[]): string[] {
  return [...new Set(posts.flatMap((post) => post.products))];
}

/**
 * The feed's products metafield holds at most FEED_PRODUCTS_MAX products (Shopify's limit for lists).
 * Beyond it, the products that first appear on the feed's later posts are taken off those posts: they
 * would have no live product object to render, so those posts show without them (the products stay
 * tagged, and show again once fewer products are in the feed).
 */
function keepListableProducts(posts: FeedPost[]): void {
  const listed = new Set(productsOfPosts(posts).slice(0, FEED_PRODUCTS_MAX));
  for (const post of posts) post.products = post.products.filter((id) => listed.has(id));
}

/** The GIDs for the feed's products metafield (list.product_reference): each of its posts' products once. */
export function feedProductGids(document: FeedDocument): string[] {
  return productsOfPosts(document.posts).map(productGid);
}

/** Every hosted image the document uses, so the others can be deleted. */
export function usedKeys(sourceAccounts: FeedAccount[], items: MediaItem[]): string[] {
  return [...new Set(imagesToHost(sourceAccounts, items).map((image) => image.sourceKey))];
}
