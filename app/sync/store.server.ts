// Writes one page of posts: inserts the new, updates the changed, leaves the unchanged alone (so a
// second sync of the same posts writes nothing), and tells the caller whether the page held anything new.
import { now } from "../clock.server";
import { db } from "../db.server";
import { childrenJson, mapMedia, type NormalizedMedia } from "./instagram-media.server";

export interface PageResult {
  added: number;
  updated: number;
  skipped: number;
  /** Every Instagram id the page named, valid or not: these posts still exist and must not be removed. */
  seenIds: string[];
  /** At least one valid post, and every valid post already stored and unchanged: an incremental sync may stop here. */
  allKnown: boolean;
}

function columns(item: NormalizedMedia) {
  return {
    mediaType: item.mediaType,
    productType: item.productType,
    caption: item.caption,
    permalink: item.permalink,
    postedAt: item.postedAt,
    mediaUrl: item.mediaUrl,
    thumbnailUrl: item.thumbnailUrl,
    children: childrenJson(item.children),
    linksExpireAt: item.linksExpireAt,
    contentHash: item.contentHash,
  };
}

const links = (item: NormalizedMedia) => ({
  mediaUrl: item.mediaUrl,
  thumbnailUrl: item.thumbnailUrl,
  children: childrenJson(item.children),
  linksExpireAt: item.linksExpireAt,
});

/**
 * Links are re-signed on every call, so they are not part of "changed". A stored post's links are only
 * replaced when they would expire within `renewLinksWithinMs` (and the new ones last longer): then the
 * sync does the link refresh's work for free.
 */
export async function storePage(sourceId: string, rawItems: unknown[], renewLinksWithinMs: number): Promise<PageResult> {
  const at = now();
  const result: PageResult = { added: 0, updated: 0, skipped: 0, seenIds: [], allKnown: false };
  const valid = new Map<string, NormalizedMedia>();
  for (const raw of rawItems) {
    const mapped = mapMedia(raw);
    if (mapped.ok) {
      valid.set(mapped.item.instagramId, mapped.item); // a post listed twice on a page is stored once
      result.seenIds.push(mapped.item.instagramId);
    } else {
      result.skipped += 1;
      if (mapped.instagramId) result.seenIds.push(mapped.instagramId);
    }
  }
  if (valid.size === 0) return result;

  const stored = await db().mediaItem.findMany({
    where: { sourceId, instagramId: { in: [...valid.keys()] } },
    select: { id: true, instagramId: true, contentHash: true, linksExpireAt: true },
  });
  const byInstagramId = new Map(stored.map((row) => [row.instagramId, row]));
  const creates = [];
  const writes = [];
  let unchanged = 0;
  for (const item of valid.values()) {
    const row = byInstagramId.get(item.instagramId);
    if (!row) {
      creates.push({ sourceId, instagramId: item.instagramId, firstSeenAt: at, ...columns(item) });
    } else if (row.contentHash !== item.contentHash) {
      writes.push(db().mediaItem.update({ where: { id: row.id }, data: columns(item) }));
      result.updated += 1;
    } else {
      unchanged += 1;
      const expiresSoon = row.linksExpireAt !== null && row.linksExpireAt.getTime() - at.getTime() < renewLinksWithinMs;
      const lastsLonger = item.linksExpireAt !== null && (row.linksExpireAt === null || item.linksExpireAt > row.linksExpireAt);
      if (expiresSoon && lastsLonger) writes.push(db().mediaItem.update({ where: { id: row.id }, data: links(item) }));
    }
  }
  if (creates.length > 0) writes.unshift(db().mediaItem.createMany({ data: creates }));
  if (writes.length > 0) await db().$transaction(writes);
  result.added = creates.length;
  result.allKnown = unchanged === valid.size;
  return result;
}

/** After a complete full pass: removes the source's posts Instagram no longer lists. Returns how many. */
export async function removeUnseen(sourceId: string, seen: Set<string>): Promise<number> {
  const stored = await db().mediaItem.findMany({ where: { sourceId }, select: { id: true, instagramId: true } });
  const gone = stored.filter((row) => !seen.has(row.instagramId)).map((row) => row.id);
  for (let start = 0; start < gone.length; start += 500) {
    await db().mediaItem.deleteMany({ where: { id: { in: gone.slice(start, start + 500) } } });
  }
  return gone.length;
}
