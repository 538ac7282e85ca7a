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
 * Marks the feeds, and the shop's product-page gallery, for publishing and queues their shop's job (one
 * at a time per shop; asked while one runs, one more follows). The mark outlives a lost job: the
 * feed-publish sweep queues it again. Tagging products calls this too (with the post's source).
 */
export async function requestPublish(shop: string, which: FeedsToPublish = {}): Promise<void> {
  const where: Prisma.FeedWhereInput = { shop };
  if (which.sourceId) where.sources = { some: { sourceId: which.sourceId } };
  if (which.feedIds) where.id = { in: which.feedIds };
  const { count } = await db().feed.updateMany({ where, data: { requestedAt: now() } });
  if ((await requestGallery(shop)) || count > 0) await queuePublish(shop);
}

/**
 * The gallery shows the shop's tagged posts whichever feeds show them, so any change may touch it (a
 * sync, a hide, a tag, a disconnect); rebuilding it costs no write when nothing changed. A shop that
 * never tagged a product has no gallery to ask for.
 */
async function requestGallery(shop: string): Promise<boolean> {
  const { count } = await db().productGallery.updateMany({ where: { shop }, data: { requestedAt: now() } });
  if (count > 0) return true;
  if (!(await db().productTag.findFirst({ where: { shop }, select: { id: true } }))) return false;
  await db().productGallery.upsert({
    where: { shop },
    create: { shop, requestedAt: now() },
    update: { requestedAt: now() },
  });
  return true;
}

/** Queues the shops' publish jobs in one statement; a shop whose job already waits keeps that one. */
export function queuePublish(...shops: string[]) {
  return enqueueMany(shops.map((shop) => ({ name: QUEUE.publish, data: { shop }, singletonKey: shop })));
}
