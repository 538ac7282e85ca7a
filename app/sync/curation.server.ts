// The merchant's say over a source's posts: hide and pin (in every feed the post is in), and the list of
// the source's posts with what the storefront shows of them.
import type { MediaItem } from "@prisma/client";
import { now } from "../clock.server";
import { db } from "../db.server";
import { requestPublish } from "../feed/publish-request.server";
import { postsShownFromSource } from "../feed/selection.server";
import { parseChildren, previewLink } from "./instagram-media.server";
import type { PostChange } from "./sync-messages";

export const POSTS_PER_PAGE = 24;

export interface PostView {
  id: string;
  instagramId: string;
  mediaType: string;
  productType: string | null;
  caption: string | null;
  permalink: string;
  postedAt: string;
  previewUrl: string | null;
  childCount: number;
  hidden: boolean;
  pinned: boolean;
  /** Whether a feed shows it (not hidden, passes a feed's filters or is pinned, within that feed's count). */
  shown: boolean;
}

/** The page's reply to a change to a post (hide, show, pin, unpin, or the Undo of one). */
export interface PostChangeReply {
  ok: true;
  intent: PostChange;
  message: string;
  /** This change was the toast's Undo of the one before. */
  undone: boolean;
  /** When pin or unpin: the pin time the post had before (what Undo of an unpin restores). */
  pinnedBefore: string | null;
}

export interface PostsPage {
  posts: PostView[];
  page: number;
  pageCount: number;
  total: number;
  shownCount: number;
}

/** Changes one post of the shop; false when the shop has no such post. */
export async function setHidden(shop: string, itemId: string, hidden: boolean): Promise<boolean> {
  const { count } = await db().mediaItem.updateMany({ where: { id: itemId, source: { shop } }, data: { hidden } });
  if (count === 1) await requestPublish(shop);
  return count === 1;
}

/**
 * Pinning puts the post on top of the others (the latest pin first); unpinning returns it to its date's
 * place. `pinnedAt` pins it as of an earlier moment instead: Undo of an unpin puts the post back exactly
 * where it was among the pinned posts (never later than now, so it can't jump ahead of later pins).
 * Returns the pin time the post had before, or null when the shop has no such post.
 */
export async function setPinned(
  shop: string,
  itemId: string,
  pinned: boolean,
  pinnedAt?: Date,
): Promise<{ before: Date | null } | null> {
  const item = await db().mediaItem.findFirst({ where: { id: itemId, source: { shop } }, select: { pinnedAt: true } });
  if (!item) return null;
  const at = now();
  const next = pinned ? (pinnedAt && pinnedAt < at ? pinnedAt : at) : null;
  const { count } = await db().mediaItem.updateMany({
    where: { id: itemId, source: { shop } },
    data: { pinnedAt: next },
  });
  if (count !== 1) return null;
  await requestPublish(shop);
  return { before: item.pinnedAt };
}

function postView(item: MediaItem, shown: boolean): PostView {
  const children = parseChildren(item.children);
  return {
    id: item.id,
    instagramId: item.instagramId,
    mediaType: item.mediaType,
    productType: item.productType,
    caption: item.caption,
    permalink: item.permalink,
    postedAt: item.postedAt.toISOString(),
    previewUrl: previewLink({ ...item, children }),
    childCount: children?.length ?? 0,
    hidden: item.hidden,
    pinned: item.pinnedAt !== null,
    shown,
  };
}

/** One page of all the source's posts, in storefront order (pinned, then newest), each marked shown or not. */
export async function listPosts(shop: string, sourceId: string, page: number): Promise<PostsPage | null> {
  const source = await db().mediaSource.findFirst({ where: { id: sourceId, shop }, select: { id: true } });
  if (!source) return null;
  const [total, shownIds] = await Promise.all([
    db().mediaItem.count({ where: { sourceId } }),
    postsShownFromSource(sourceId),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / POSTS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pageCount);
  const items = await db().mediaItem.findMany({
    where: { sourceId },
    orderBy: [{ pinnedAt: { sort: "desc", nulls: "last" } }, { postedAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * POSTS_PER_PAGE,
    take: POSTS_PER_PAGE,
  });
  return {
    posts: items.map((item) => postView(item, shownIds.has(item.id))),
    page: current,
    pageCount,
    total,
    shownCount: shownIds.size,
  };
}
