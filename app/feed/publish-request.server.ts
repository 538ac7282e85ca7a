// Asking for the shop's feed to be republished. Kept apart from publish.server so that the code that
// changes what is shown (sync, curation, disconnect) does not import the publisher, which reads from it.
import { now } from "../clock.server";
import { db } from "../db.server";
import { enqueueMany } from "../jobs/queue.server";
import { QUEUE } from "../jobs/queues";

/**
 * Marks the shop's feed for publishing and queues its job (one at a time per shop; asked while one runs,
 * one more follows). The mark outlives a lost job: the feed-publish sweep queues it again.
 */
export async function requestPublish(shop: string): Promise<void> {
  await db().publishedFeed.upsert({
    where: { shop },
    create: { shop, requestedAt: now() },
    update: { requestedAt: now() },
  });
  await queuePublish(shop);
}

/** Queues the shops' publish jobs in one statement; a shop whose job already waits keeps that one. */
export function queuePublish(...shops: string[]) {
  return enqueueMany(shops.map((shop) => ({ name: QUEUE.publish, data: { shop }, singletonKey: shop })));
}
