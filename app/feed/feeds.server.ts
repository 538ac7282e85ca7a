// The shop's feeds: what the Feeds page lists, creating, editing and deleting them. Every change asks for
// the feed to be published (its document and its entry in the theme editor's picker); a deleted feed is
// hidden at once and removed from Shopify by the publish job.
import { createHash } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { now } from "../clock.server";
import { db, isUniqueViolation } from "../db.server";
import { filtersOf, storedFilters, type Filters } from "../sync/filters";
import { parseChildren, previewLink } from "../sync/instagram-media.server";
import { SYNC_MESSAGES } from "../sync/sync-messages";
import { altFrom } from "./build-feed.server";
import type { FeedFieldErrors, FeedInput } from "./feed-form";
import { requestPublish } from "./publish-request.server";
import { feedPosts } from "./selection.server";

export const MAIN_FEED_NAME = "Main";

export interface FeedSourceView {
  id: string;
  username: string;
  accountStatus: "active" | "needs_reconnect";
}

export interface FeedSummary {
  id: string;
  name: string;
  sources: FeedSourceView[];
  /** Posts in the document now on the storefront. */
  postCount: number;
  publishedAt: string | null;
  /** A change is waiting to reach the storefront. */
  updating: boolean;
  lastError: string | null;
}

export interface FeedDetail extends FeedSummary {
  filters: Filters;
  /** The settings as the form saw them: a save based on an older version is refused (another window changed it). */
  version: string;
}

/** What can stop a save; "not_understood" is a request the editor never sends (no intent, no version). */
export type FeedProblem = "not_found" | "stale" | "duplicate_name" | "foreign_source" | "not_understood";

export const FEED_PROBLEM_TEXT: Record<FeedProblem, string> = {
  not_found: "That feed doesn't exist any more. It may have been deleted in another window.",
  stale: "This feed was changed in another window since you opened it. Reload to see the latest version.",
  duplicate_name: "You already have a feed with this name.",
  foreign_source: "One of the chosen accounts isn't connected to this store. Reload and choose again.",
  not_understood: SYNC_MESSAGES.notUnderstood,
};

/** The HTTP status each problem is answered with. */
export const FEED_PROBLEM_STATUS: Record<FeedProblem, number> = {
  not_found: 404,
  stale: 409,
  duplicate_name: 400,
  foreign_source: 400,
  not_understood: 400,
};

export type FeedSaveResult =
  { ok: true; feedId: string } | { ok: false; problem: FeedProblem; fieldErrors?: FeedFieldErrors };

const include = {
  sources: {
    orderBy: { position: "asc" as const },
    include: { source: { include: { account: { select: { username: true, status: true } } } } },
  },
};
type FeedRow = Prisma.FeedGetPayload<{ include: typeof include }>;

function summary(feed: FeedRow): FeedSummary {
  return {
    id: feed.id,
    name: feed.name,
    sources: feed.sources.map(({ source }) => ({
      id: source.id,
      username: source.account.username,
      accountStatus: source.account.status === "active" ? "active" : "needs_reconnect",
    })),
    postCount: feed.postCount,
    publishedAt: feed.publishedAt?.toISOString() ?? null,
    updating: feed.requestedAt !== null,
    lastError: feed.lastError,
  };
}

export async function listFeeds(shop: string): Promise<FeedSummary[]> {
  const feeds = await db().feed.findMany({
    where: { shop, deletedAt: null },
    include,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return feeds.map(summary);
}

/**
 * The feed's settings (name, accounts in order, filters) as one short string. Not `updatedAt`: Prisma moves
 * that on every write to the row, and publish requests and the publish job write to it all the time, so a
 * form would go stale while the merchant looks at it. Only a save of other settings makes it stale.
 */
function versionOf(feed: {
  name: string;
  includeWords: string;
  excludeWords: string;
  mediaTypes: string;
  maxPosts: number;
  sources: Array<{ sourceId: string }>;
}): string {
  const { name, includeWords, excludeWords, mediaTypes, maxPosts } = feed;
  const settings = [name, includeWords, excludeWords, mediaTypes, maxPosts, feed.sources.map((s) => s.sourceId)];
  return createHash("sha256").update(JSON.stringify(settings)).digest("base64url").slice(0, 22);
}

export async function getFeed(shop: string, feedId: string): Promise<FeedDetail | null> {
  const feed = await db().feed.findFirst({ where: { id: feedId, shop, deletedAt: null }, include });
  return feed ? { ...summary(feed), filters: filtersOf(feed), version: versionOf(feed) } : null;
}

/**
 * A new shop's first feed: "Main", with its first account. Made when the shop has sources and no live
 * feed (its first account was just connected, or the merchant deleted every feed and connects again).
 */
export async function ensureMainFeed(shop: string): Promise<void> {
  if (await db().feed.count({ where: { shop, deletedAt: null } })) return;
  const first = await db().mediaSource.findFirst({
    where: { shop },
    orderBy: [{ account: { connectedAt: "asc" } }, { createdAt: "asc" }],
    select: { id: true },
  });
  if (!first) return;
  const created = await createFeedRow(shop, { name: MAIN_FEED_NAME, sourceIds: [first.id] });
  if (created) await requestPublish(shop, { feedIds: [created] });
}

async function shopOwnsSources(shop: string, sourceIds: string[]): Promise<boolean> {
  return (await db().mediaSource.count({ where: { shop, id: { in: sourceIds } } })) === sourceIds.length;
}

/** The new feed's id, or null when a live feed of the shop already has the name (any case). */
async function createFeedRow(
  shop: string,
  input: { name: string; sourceIds: string[]; filters?: Filters },
): Promise<string | null> {
  try {
    const feed = await db().feed.create({
      data: {
        shop,
        name: input.name,
        createdAt: now(),
        ...(input.filters ? storedFilters(input.filters) : {}),
        sources: { create: input.sourceIds.map((sourceId, position) => ({ sourceId, position })) },
      },
    });
    return feed.id;
  } catch (error) {
    // The partial unique index on (shop, lower(name)) among live feeds: two saves raced, or a duplicate.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

const duplicateName = (): FeedSaveResult => ({
  ok: false,
  problem: "duplicate_name",
  fieldErrors: { name: FEED_PROBLEM_TEXT.duplicate_name },
});

function filtersOfInput(input: FeedInput): Filters {
  const { includeWords, excludeWords, mediaTypes, maxPosts } = input;
  return { includeWords, excludeWords, mediaTypes, maxPosts };
}

export async function createFeed(shop: string, input: FeedInput): Promise<FeedSaveResult> {
  if (!(await shopOwnsSources(shop, input.sourceIds))) return { ok: false, problem: "foreign_source" };
  const id = await createFeedRow(shop, {
    name: input.name,
    sourceIds: input.sourceIds,
    filters: filtersOfInput(input),
  });
  if (!id) return duplicateName();
  await requestPublish(shop, { feedIds: [id] });
  return { ok: true, feedId: id };
}

export async function updateFeed(
  shop: string,
  feedId: string,
  version: string,
  input: FeedInput,
): Promise<FeedSaveResult> {
  if (!(await shopOwnsSources(shop, input.sourceIds))) return { ok: false, problem: "foreign_source" };
  try {
    const problem = await db().$transaction(async (tx) => {
      // The row is locked until the save ends: of two saves made from the same version, only the first passes.
      const locked = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT "id" FROM "Feed" WHERE "id" = ${feedId} AND "shop" = ${shop} AND "deletedAt" IS NULL FOR UPDATE`;
      if (locked.length === 0) return "not_found" as const;
      const current = await tx.feed.findUniqueOrThrow({
        where: { id: feedId },
        include: { sources: { orderBy: { position: "asc" }, select: { sourceId: true } } },
      });
      // Another window saved first: this form's settings are not the feed's any more.
      if (versionOf(current) !== version) return "stale" as const;
      await tx.feed.update({
        where: { id: feedId },
        data: { name: input.name, ...storedFilters(filtersOfInput(input)) },
      });
      await tx.feedSource.deleteMany({ where: { feedId } });
      await tx.feedSource.createMany({
        data: input.sourceIds.map((sourceId, position) => ({ feedId, sourceId, position })),
      });
      return null;
    });
    if (problem) return { ok: false, problem };
  } catch (error) {
    if (isUniqueViolation(error)) return duplicateName();
    throw error;
  }
  await requestPublish(shop, { feedIds: [feedId] });
  return { ok: true, feedId };
}

/** Hides the feed at once; the publish job removes it from the theme editor and the storefront. */
export async function deleteFeed(shop: string, feedId: string): Promise<boolean> {
  const { count } = await db().feed.updateMany({
    where: { id: feedId, shop, deletedAt: null },
    data: { deletedAt: now() },
  });
  if (count === 1) await requestPublish(shop, { feedIds: [feedId] });
  return count === 1;
}

export interface PreviewPost {
  id: string;
  imageUrl: string;
  /** The post on Instagram: where the storefront's tile leads. */
  permalink: string;
  alt: string;
  mediaType: string;
  reel: boolean;
  caption: string;
}

/** What a feed with these (unsaved) settings would show, for the editor's live preview. */
export async function previewFeed(
  shop: string,
  draft: { sourceIds: string[]; filters: Filters },
): Promise<PreviewPost[]> {
  const sources = await db().mediaSource.findMany({
    where: { shop, id: { in: draft.sourceIds } },
    select: { id: true },
  });
  const items = await feedPosts({
    ...storedFilters(draft.filters),
    sources: draft.sourceIds
      .filter((id) => sources.some((source) => source.id === id))
      .map((sourceId) => ({ sourceId })),
  });
  return items.flatMap((item) => {
    const imageUrl = previewLink({ ...item, children: parseChildren(item.children) });
    return imageUrl
      ? [
          {
            id: item.id,
            imageUrl,
            permalink: item.permalink,
            alt: altFrom(item.caption),
            mediaType: item.mediaType,
            reel: item.productType === "REELS",
            caption: item.caption ?? "",
          },
        ]
      : [];
  });
}

/** A live feed an account feeds, as its Disconnect leaves it. */
export interface FeedChange {
  name: string;
  /** The account is the feed's only one: the feed shows nothing afterwards (never another account's posts). */
  emptied: boolean;
  /** The other accounts the feed keeps showing. */
  others: string[];
}

/** For the Disconnect confirmation: the live feeds an account feeds, and what each is left with. */
export async function feedsFedBy(shop: string, accountId: string): Promise<FeedChange[]> {
  const feeds = await db().feed.findMany({
    where: { shop, deletedAt: null, sources: { some: { source: { accountId } } } },
    include: {
      sources: {
        orderBy: { position: "asc" },
        include: { source: { select: { accountId: true, account: { select: { username: true } } } } },
      },
    },
    orderBy: { createdAt: "asc" },
  });
  return feeds.map((feed) => {
    const others = feed.sources
      .filter(({ source }) => source.accountId !== accountId)
      .map(({ source }) => source.account.username);
    return { name: feed.name, emptied: others.length === 0, others };
  });
}
