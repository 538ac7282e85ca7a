// Publishing: after a sync, a curation change or a feed edit, each feed asked for is rebuilt and written
// to its own app-data metafield, which the theme block renders with no call to our server, and its entry
// in the theme editor's picker is created or renamed. One shop's feeds publish one after the other in
// one job (so hosted files shared by feeds are never deleted under another feed's feet), but each on its
// own: a feed that fails keeps its previous document and its error, and the others carry on.
// Images are hosted on Shopify first; if that fails, the previous document stays (never broken links).
import { createHash } from "node:crypto";
import type { Feed, InstagramAccount, MediaSource } from "@prisma/client";
import { now } from "../clock.server";
import { db } from "../db.server";
import {
  adminGraphqlFor,
  currentAppInstallationId,
  deleteAppMetafields,
  PublishError,
  setAppMetafield,
  type AdminGraphql,
} from "./admin-api.server";
import { buildFeedDocument, imagesToHost, usedKeys, type FeedItem } from "./build-feed.server";
import { FEED_METAFIELD, feedMetafieldKey, type FeedDocument } from "./feed-document";
import { deleteFeedEntry, ensureFeedDefinition, upsertFeedEntry } from "./metaobjects.server";
import { queuePublish } from "./publish-request.server";
import { deleteUnusedFiles, hostImages, type HostingOptions } from "./rehost.server";
import { feedPosts } from "./selection.server";

const RETRY_AFTER_FAILURE_MS = 5 * 60_000;

export type FeedPublishOutcome = { feedId: string } & (
  | { status: "published" | "unchanged"; postCount: number; bytes: number }
  | { status: "removed" }
  | { status: "failed"; error: string }
);

export interface PublishOptions extends HostingOptions {
  graphql?: AdminGraphql;
}

const DEFAULT_OPTIONS: PublishOptions = { pollIntervalMs: 1000, maxWaitMs: 60_000 };

type DueFeed = Feed & { sources: Array<{ sourceId: string; source: MediaSource & { account: InstagramAccount } }> };

/** What one pass shares between the shop's feeds: the Admin API, and what it learned once. */
class PublishPass {
  private installationId?: Promise<string>;
  private definitionReady?: Promise<void>;
  constructor(
    readonly shop: string,
    readonly graphql: AdminGraphql,
    readonly startedAt: Date,
    readonly options: PublishOptions,
  ) {}
  ownerId() {
    this.installationId ??= currentAppInstallationId(this.graphql);
    return this.installationId;
  }
  definition() {
    this.definitionReady ??= ensureFeedDefinition(this.graphql);
    return this.definitionReady;
  }
}

const contentHash = (document: FeedDocument) =>
  createHash("sha256")
    .update(JSON.stringify({ ...document, updatedAt: null }))
    .digest("hex");

/** Only the request this pass has seen is answered: one made while it runs stays for the next pass. */
const answered = (feed: Feed) => ({ id: feed.id, requestedAt: feed.requestedAt });

async function publishFeed(pass: PublishPass, feed: DueFeed): Promise<FeedPublishOutcome> {
  const sourceAccounts = feed.sources.map(({ source }) => source.account);
  const accountOfSource = new Map(feed.sources.map(({ sourceId, source }) => [sourceId, source.account]));
  const items: FeedItem[] = (await feedPosts(feed)).map((item) => ({
    ...item,
    account: accountOfSource.get(item.sourceId)!,
  }));
  const hosted = await hostImages(pass.shop, pass.graphql, imagesToHost(sourceAccounts, items), pass.options);
  const document = buildFeedDocument({ name: feed.name, sourceAccounts }, items, hosted, pass.startedAt);
  const json = JSON.stringify(document);
  const hash = contentHash(document);
  const result = { feedId: feed.id, postCount: document.posts.length, bytes: Buffer.byteLength(json) };
  if (feed.hash === hash && feed.metaobjectId) {
    await db().$transaction([
      db().feed.update({ where: { id: feed.id }, data: { lastAttemptAt: pass.startedAt, lastError: null } }),
      db().feed.updateMany({ where: answered(feed), data: { requestedAt: null } }),
    ]);
    return { status: "unchanged", ...result };
  }
  const key = feedMetafieldKey(feed.id);
  // The document first, then the picker's entry: a new feed is offered in the theme editor only once
  // there is something to show.
  await setAppMetafield(pass.graphql, {
    ownerId: await pass.ownerId(),
    namespace: FEED_METAFIELD.namespace,
    key,
    value: json,
  });
  await pass.definition();
  const metaobjectId = await upsertFeedEntry(pass.graphql, { id: feed.id, name: feed.name, metafieldKey: key });
  await db().$transaction([
    db().feed.update({
      where: { id: feed.id },
      data: {
        metaobjectId,
        document: json,
        hash,
        bytes: result.bytes,
        postCount: result.postCount,
        imageKeys: JSON.stringify(usedKeys(sourceAccounts, items)),
        publishedAt: pass.startedAt,
        lastAttemptAt: pass.startedAt,
        lastError: null,
      },
    }),
    db().feed.updateMany({ where: answered(feed), data: { requestedAt: null } }),
  ]);
  return { status: "published", ...result };
}

/** A deleted feed leaves the theme editor's picker and its document goes; then its row goes too. */
async function removeFeed(pass: PublishPass, feed: Feed): Promise<FeedPublishOutcome> {
  if (feed.metaobjectId) await deleteFeedEntry(pass.graphql, feed.metaobjectId);
  if (feed.document !== null)
    await deleteAppMetafields(pass.graphql, [
      { ownerId: await pass.ownerId(), namespace: FEED_METAFIELD.namespace, key: feedMetafieldKey(feed.id) },
    ]);
  await db().feed.deleteMany({ where: { id: feed.id, deletedAt: { not: null } } });
  return { feedId: feed.id, status: "removed" };
}

async function recordFailure(feeds: Feed[], at: Date, error: PublishError): Promise<FeedPublishOutcome[]> {
  await db().feed.updateMany({
    where: { id: { in: feeds.map((feed) => feed.id) } },
    data: { lastAttemptAt: at, lastError: error.message },
  });
  return feeds.map((feed) => ({ feedId: feed.id, status: "failed", error: error.message }));
}

/** Hosted files that no feed's published document uses any more (kept while any feed still fails). */
async function deleteFilesNoFeedUses(pass: PublishPass): Promise<void> {
  const feeds = await db().feed.findMany({ where: { shop: pass.shop }, select: { imageKeys: true } });
  const keep = new Set(feeds.flatMap((feed) => JSON.parse(feed.imageKeys) as string[]));
  await deleteUnusedFiles(pass.shop, pass.graphql, keep);
}

/** Publishes (or removes) every feed of the shop that is asked for. */
export async function publishShopFeeds(
  shop: string,
  options: Partial<PublishOptions> = {},
): Promise<FeedPublishOutcome[]> {
  const startedAt = now();
  const due: DueFeed[] = await db().feed.findMany({
    where: { shop, requestedAt: { not: null } },
    include: { sources: { orderBy: { position: "asc" }, include: { source: { include: { account: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  if (due.length === 0) return [];
  let graphql: AdminGraphql;
  try {
    graphql = options.graphql ?? (await adminGraphqlFor(shop));
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    return recordFailure(due, startedAt, error);
  }
  const pass = new PublishPass(shop, graphql, startedAt, { ...DEFAULT_OPTIONS, ...options });
  const outcomes: FeedPublishOutcome[] = [];
  for (const feed of due) {
    try {
      outcomes.push(feed.deletedAt ? await removeFeed(pass, feed) : await publishFeed(pass, feed));
    } catch (error) {
      if (!(error instanceof PublishError)) throw error;
      outcomes.push(...(await recordFailure([feed], startedAt, error)));
    }
  }
  if (outcomes.every((outcome) => outcome.status !== "failed")) {
    // Tidying is not publishing: a refusal here leaves the files for the next pass and fails no feed.
    await deleteFilesNoFeedUses(pass).catch((error: unknown) => {
      if (!(error instanceof PublishError)) throw error;
    });
  }
  return outcomes;
}

/** The feed-publish sweep: queues every shop with a feed still asked for, retrying failures every few minutes. */
export async function queueRequestedPublishes(): Promise<number> {
  const at = now();
  const due = await db().feed.findMany({
    where: {
      requestedAt: { not: null },
      OR: [
        { lastError: null },
        { lastAttemptAt: null },
        { lastAttemptAt: { lt: new Date(at.getTime() - RETRY_AFTER_FAILURE_MS) } },
      ],
    },
    select: { shop: true },
    distinct: ["shop"],
  });
  await queuePublish(...due.map(({ shop }) => shop));
  return due.length;
}
