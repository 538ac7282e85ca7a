// Asking for feeds to be republished. Kept apart from publish.server so that the code that changes what
// is shown (sync, curation, disconnect, feed edits) does not import the publisher, which reads from it.
import type { Prisma } from "@prisma/client";
import { now } from "../clock.server";
import { db } from "../db.server";
import { enqueueMany } from "../jobs/queue.server";
import { QUEUE } from "../jobs/queues";

/** Which of the shop's feeds: all of them (the default), those fed by a source, or these ids. */
export type FeedsToPublish = { sourceId?: string; feedIds?: string[] };

/**
 * Marks the feeds for publishing and queues their shop's job (one at a time per shop; asked while one
 * runs, one more follows). The mark outlives a lost job: the feed-publish sweep queues it again.
 */
export async function requestPublish(shop: string, which: FeedsToPublish = {}): Promise<void> {
  const where: Prisma.FeedWhereInput = { shop };
  if (which.sourceId) where.sources = { some: { sourceId: which.sourceId } };
  if (which.feedIds) where.id = { in: which.feedIds };
  const { count } = await db().feed.updateMany({ where, data: { requestedAt: now() } });
  if (count > 0) await queuePublish(shop);
}

/** Queues the shops' publish jobs in one statement; a shop whose job already waits keeps that one. */
export function queuePublish(...shops: string[]) {
  return enqueueMany(shops.map((shop) => ({ name: QUEUE.publish, data: { shop }, singletonKey: shop })));
}
