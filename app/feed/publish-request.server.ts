// Asking for the shop's feed to be republished. Kept apart from publish.server so that the code that
// changes what is shown (sync, curation, disconnect) does not import the publisher, which reads from it.
import { now } from "../clock.server";
import { db } from "../db.server";
import { enqueue } from "../jobs/queue.server";
import { QUEUE } from "../jobs/queues";

/**
 * Marks the shop's feed for publishing and queues its job (one at a time per shop; asked while one runs,
 * one more follows). The mark outlives a lost job: the feed-publish sweep queues it again.
 */
export async function requestPublish(shop: string): Promise<void> {
  await db().publishedFeed.upsert({ where: { shop }, create: { shop, requestedAt: now() }, update: { requestedAt: now() } });
  await queuePublish(shop);
}

export function queuePublish(shop: string) {
  return enqueue(QUEUE.publish, { shop }, { singletonKey: shop });
}
