// Publishing: after a sync or a curation change, the shop's feed is rebuilt and written to its
// app-data metafield, which the theme block renders with no call to our server. Images are hosted
// on Shopify first; if that fails, the previous feed stays published (never broken links).
import { createHash } from "node:crypto";
import { now } from "../clock.server";
import { db } from "../db.server";
import { storefrontPosts } from "../sync/curation.server";
import {
  adminGraphqlFor,
  currentAppInstallationId,
  PublishError,
  setAppMetafield,
  type AdminGraphql,
} from "./admin-api.server";
import { buildFeedDocument, imagesToHost, usedKeys, type FeedAccount } from "./build-feed.server";
import { queuePublish } from "./publish-request.server";
import { FEED_METAFIELD, FEED_VERSION, type FeedDocument } from "./feed-document";
import { deleteUnusedFiles, hostImages, type HostingOptions } from "./rehost.server";

/** More posts than any sensible grid shows; keeps hosted files and the metafield small. */
export const PUBLISHED_POSTS_MAX = 50;
const RETRY_AFTER_FAILURE_MS = 5 * 60_000;

export type PublishOutcome =
  { status: "published" | "unchanged"; postCount: number; bytes: number } | { status: "failed"; error: string };

export interface PublishOptions extends HostingOptions {
  graphql?: AdminGraphql;
}

const DEFAULT_OPTIONS: PublishOptions = { pollIntervalMs: 1000, maxWaitMs: 60_000 };

async function publishedSource(shop: string) {
  return db().mediaSource.findFirst({ where: { shop }, orderBy: { createdAt: "asc" }, include: { account: true } });
}

function emptyFeed(at: Date): FeedDocument {
  return {
    version: FEED_VERSION,
    updatedAt: at.toISOString(),
    account: { username: "", profileUrl: "https://www.instagram.com/", avatar: null },
    posts: [],
  };
}

const contentHash = (document: FeedDocument) =>
  createHash("sha256")
    .update(JSON.stringify({ ...document, updatedAt: null }))
    .digest("hex");

export async function publishShopFeed(shop: string, options: Partial<PublishOptions> = {}): Promise<PublishOutcome> {
  const settings = { ...DEFAULT_OPTIONS, ...options };
  const startedAt = now();
  const requestedAt =
    (await db().publishedFeed.findUnique({ where: { shop }, select: { requestedAt: true } }))?.requestedAt ?? null;
  // Only the request this pass has seen is answered: one made while it runs stays for the next pass.
  const answered = { shop, requestedAt };
  try {
    const graphql = settings.graphql ?? (await adminGraphqlFor(shop));
    const source = await publishedSource(shop);
    let document = emptyFeed(startedAt);
    let keep = new Set<string>();
    if (source) {
      const account: FeedAccount = source.account;
      const items = (await storefrontPosts(source.id)).slice(0, PUBLISHED_POSTS_MAX);
      const hosted = await hostImages(shop, graphql, imagesToHost(account, items), settings);
      document = buildFeedDocument(account, items, hosted, startedAt);
      keep = usedKeys(account, items);
    }
    const json = JSON.stringify(document);
    const hash = contentHash(document);
    const previous = await db().publishedFeed.findUnique({ where: { shop } });
    const result = { postCount: document.posts.length, bytes: Buffer.byteLength(json) };
    if (previous?.hash === hash) {
      await db().$transaction([
        db().publishedFeed.update({ where: { shop }, data: { lastAttemptAt: startedAt, lastError: null } }),
        db().publishedFeed.updateMany({ where: answered, data: { requestedAt: null } }),
      ]);
      return { status: "unchanged", ...result };
    }
    const ownerId = await currentAppInstallationId(graphql);
    await setAppMetafield(graphql, {
      ownerId,
      namespace: FEED_METAFIELD.namespace,
      key: FEED_METAFIELD.key,
      value: json,
    });
    await deleteUnusedFiles(shop, graphql, keep);
    const published = {
      document: json,
      hash,
      bytes: result.bytes,
      postCount: result.postCount,
      publishedAt: startedAt,
      lastAttemptAt: startedAt,
      lastError: null,
    };
    await db().$transaction([
      db().publishedFeed.upsert({ where: { shop }, create: { shop, ...published }, update: published }),
      db().publishedFeed.updateMany({ where: answered, data: { requestedAt: null } }),
    ]);
    return { status: "published", ...result };
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    await db().publishedFeed.upsert({
      where: { shop },
      create: { shop, requestedAt: startedAt, lastAttemptAt: startedAt, lastError: error.message },
      update: { lastAttemptAt: startedAt, lastError: error.message },
    });
    return { status: "failed", error: error.message };
  }
}

/** The feed-publish sweep: queues every shop whose feed is still asked for, retrying failures every few minutes. */
export async function queueRequestedPublishes(): Promise<number> {
  const at = now();
  const due = await db().publishedFeed.findMany({
    where: {
      requestedAt: { not: null },
      OR: [
        { lastError: null },
        { lastAttemptAt: null },
        { lastAttemptAt: { lt: new Date(at.getTime() - RETRY_AFTER_FAILURE_MS) } },
      ],
    },
    select: { shop: true },
  });
  await queuePublish(...due.map(({ shop }) => shop));
  return due.length;
}
