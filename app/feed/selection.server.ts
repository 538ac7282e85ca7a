// Exactly the posts a feed shows, in order: its sources' posts merged, hidden ones never, pinned ones
// first (the latest pin on top), then the newest that pass the feed's filters, up to its post count.
// Hide and pin belong to the post, so they apply in every feed it appears in (README, "Feeds").
import type { MediaItem } from "@prisma/client";
import { db } from "../db.server";
import { compareForStorefront, filtersOf, passesFilters } from "../sync/filters";

const BATCH = 200;

interface SelectableFeed {
  includeWords: string;
  excludeWords: string;
  mediaTypes: string;
  maxPosts: number;
  sources: Array<{ sourceId: string }>;
}

/** Reads only as many posts as it needs: the pinned ones, then newest-first batches until the count is met. */
export async function feedPosts(feed: SelectableFeed): Promise<MediaItem[]> {
  const sourceIds = feed.sources.map((source) => source.sourceId);
  if (sourceIds.length === 0) return [];
  const filters = filtersOf(feed);
  const chosen = await db().mediaItem.findMany({
    where: { sourceId: { in: sourceIds }, hidden: false, pinnedAt: { not: null } },
    orderBy: [{ pinnedAt: "desc" }, { postedAt: "desc" }, { id: "asc" }],
    take: filters.maxPosts,
  });
  for (let skip = 0; chosen.length < filters.maxPosts; skip += BATCH) {
    const batch = await db().mediaItem.findMany({
      where: { sourceId: { in: sourceIds }, hidden: false, pinnedAt: null },
      orderBy: [{ postedAt: "desc" }, { id: "asc" }],
      skip,
      take: BATCH,
    });
    for (const item of batch) if (chosen.length < filters.maxPosts && passesFilters(item, filters)) chosen.push(item);
    if (batch.length < BATCH) break;
  }
  return chosen.sort(compareForStorefront);
}

const withSources = { sources: { select: { sourceId: true }, orderBy: { position: "asc" as const } } };

/** The ids of the source's posts that at least one of the shop's live feeds shows. */
export async function postsShownFromSource(sourceId: string): Promise<Set<string>> {
  const feeds = await db().feed.findMany({
    where: { deletedAt: null, sources: { some: { sourceId } } },
    include: withSources,
  });
  const shown = new Set<string>();
  for (const feed of feeds)
    for (const item of await feedPosts(feed)) if (item.sourceId === sourceId) shown.add(item.id);
  return shown;
}
