// Publishing: after a sync, a curation change, a tag or a feed edit, each feed asked for is rebuilt and
// written to its own app-data metafield, which the theme block renders with no call to our server, and
// its entry in the theme editor's picker is created or renamed; then the product-page gallery, when asked
// for. One shop's feeds and gallery publish one after the other in one job (so hosted files they share
// are never deleted under another's feet), but each on its own: a feed that fails keeps its previous
// document and its error, and the others carry on.
// Images are hosted on Shopify first; if that fails, the previous document stays (never broken links).
import type { Feed, InstagramAccount, MediaSource } from "@prisma/client";
import { z } from "zod";
import { now } from "../clock.server";
import { db } from "../db.server";
import {
  adminGraphqlFor,
  deleteAppMetafields,
  PublishError,
  setAppMetafields,
  type AdminGraphql,
} from "./admin-api.server";
import { buildFeedDocument, feedProductGids, imagesToHost, usedKeys, type FeedItem } from "./build-feed.server";
import { FEED_METAFIELD, FEED_PRODUCTS_TYPE, feedMetafieldKey, feedProductsKey } from "./feed-document";
import { publishGallery, recordGalleryFailure } from "./gallery.server";
import { deleteFeedEntry, upsertFeedEntry } from "./metaobjects.server";
import { contentHash, dueForPublishing, PublishPass, type PublishOptions } from "./publish-pass.server";
import { queuePublish } from "./publish-request.server";
import { deleteUnusedFiles, hostImages } from "./rehost.server";
import { feedPosts } from "./selection.server";

export type FeedPublishOutcome = { feedId: string } & (
  | { status: "published" | "unchanged"; postCount: number; bytes: number }
  | { status: "removed" }
  | { status: "failed"; error: string }
);

const DEFAULT_OPTIONS: PublishOptions = { pollIntervalMs: 1000, maxWaitMs: 60_000 };

type DueFeed = Feed & { sources: Array<{ sourceId: string; source: MediaSource & { account: InstagramAccount } }> };

/** Only the request this pass has seen is answered: one made while it runs stays for the next pass. */
const answered = (feed: Feed) => ({ id: feed.id, requestedAt: feed.requestedAt });

/** The feed's posts, each with its account and the products the storefront may show on it. */
async function itemsOf(pass: PublishPass, feed: DueFeed): Promise<FeedItem[]> {
  const accountOfSource = new Map(feed.sources.map(({ sourceId, source }) => [sourceId, source.account]));
  const posts = await feedPosts(feed);
  const products = await pass.products.onPosts(posts.map((item) => item.id));
  return posts.map((item) => ({
    ...item,
    account: accountOfSource.get(item.sourceId)!,
    products: products.get(item.id) ?? [],
  }));
}

/** Whether the feed's last published document had products (so its products metafield exists). */
function hadProducts(document: string | null): boolean {
  const posts = z.object({ posts: z.array(z.object({ products: z.array(z.string()).optional() }).loose()) });
  const parsed = document ? posts.safeParse(JSON.parse(document)) : null;
  return parsed?.success === true && parsed.data.posts.some((post) => post.products?.length);
}

/** The document and its products list together (all or none), or the document alone and the list deleted. */
async function writeFeed(pass: PublishPass, feed: DueFeed, json: string, products: string[]): Promise<void> {
  const ownerId = await pass.ownerId();
  const { namespace } = FEED_METAFIELD;
  const document = { ownerId, namespace, key: feedMetafieldKey(feed.id), type: FEED_METAFIELD.type, value: json };
  const list = { ownerId, namespace, key: feedProductsKey(feed.id) };
  if (products.length) {
    await setAppMetafields(
      pass.graphql,
      [document, { ...list, type: FEED_PRODUCTS_TYPE, value: JSON.stringify(products) }],
      "saving the feed",
    );
    return;
  }
  await setAppMetafields(pass.graphql, [document], "saving the feed");
  // After the document, which no longer names them: the block never looks for products that are gone.
  if (hadProducts(feed.document)) await deleteAppMetafields(pass.graphql, [list], "removing the feed's products");
}

async function publishFeed(pass: PublishPass, feed: DueFeed): Promise<FeedPublishOutcome> {
  const sourceAccounts = feed.sources.map(({ source }) => source.account);
  const items = await itemsOf(pass, feed);
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
  // The document first, then the picker's entry: a new feed is offered in the theme editor only once
  // there is something to show.
  await writeFeed(pass, feed, json, feedProductGids(document));
  await pass.definition();
  const metaobjectId = await upsertFeedEntry(pass.graphql, {
    id: feed.id,
    name: feed.name,
    metafieldKey: feedMetafieldKey(feed.id),
  });
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

/** A deleted feed leaves the theme editor's picker and its document and products go; then its row goes too. */
async function removeFeed(pass: PublishPass, feed: Feed): Promise<FeedPublishOutcome> {
  if (feed.metaobjectId) await deleteFeedEntry(pass.graphql, feed.metaobjectId);
  if (feed.document !== null) {
    const ownerId = await pass.ownerId();
    await deleteAppMetafields(
      pass.graphql,
      [feedMetafieldKey(feed.id), feedProductsKey(feed.id)].map((key) => ({
        ownerId,
        namespace: FEED_METAFIELD.namespace,
        key,
      })),
      "removing a feed",
    );
  }
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

/** Hosted files that neither a feed's nor the gallery's published document uses any more. */
async function deleteUnusedHostedFiles(pass: PublishPass): Promise<void> {
  const users = await Promise.all([
    db().feed.findMany({ where: { shop: pass.shop }, select: { imageKeys: true } }),
    db().productGallery.findMany({ where: { shop: pass.shop }, select: { imageKeys: true } }),
  ]);
  const keep = new Set(users.flat().flatMap((user) => JSON.parse(user.imageKeys) as string[]));
  await deleteUnusedFiles(pass.shop, pass.graphql, keep);
}

/**
 * Publishes (or removes) every feed of the shop that is asked for, then the product-page gallery if it
 * is asked for (its outcome is kept on its row); returns the feeds' outcomes.
 */
export async function publishShopFeeds(
  shop: string,
  options: Partial<PublishOptions> = {},
): Promise<FeedPublishOutcome[]> {
  const startedAt = now();
  const due: DueFeed[] = await db().feed.findMany({
    where: { shop, requestedAt: { not: null } },
    include: { sources: { orderBy: { position: "asc" }, include: { source: { include: { account: true } } } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const gallery = await db().productGallery.findFirst({ where: { shop, requestedAt: { not: null } } });
  if (due.length === 0 && !gallery) return [];
  let graphql: AdminGraphql;
  try {
    graphql = options.graphql ?? (await adminGraphqlFor(shop));
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    if (gallery) await recordGalleryFailure(shop, startedAt, error);
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
  const galleryOutcome = gallery ? await publishGallery(pass, gallery) : null;
  if (outcomes.every((outcome) => outcome.status !== "failed") && galleryOutcome?.status !== "failed") {
    // Tidying is not publishing: a refusal here leaves the files for the next pass and fails no feed.
    await deleteUnusedHostedFiles(pass).catch((error: unknown) => {
      if (!(error instanceof PublishError)) throw error;
    });
  }
  return outcomes;
}

/**
 * The feed-publish sweep: queues every shop with a feed or gallery still asked for, retrying failures
 * every few minutes.
 */
export async function queueRequestedPublishes(): Promise<number> {
  const at = now();
  const [feeds, galleries] = await Promise.all([
    db().feed.findMany({ where: dueForPublishing(at), select: { shop: true }, distinct: ["shop"] }),
    db().productGallery.findMany({ where: dueForPublishing(at), select: { shop: true } }),
  ]);
  const shops = [...new Set([...feeds, ...galleries].map(({ shop }) => shop))];
  await queuePublish(...shops);
  return shops.length;
}
