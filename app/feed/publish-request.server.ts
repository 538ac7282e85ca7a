// Asking for the shop's feed to be republished. Kept apart from publish.server so that the code that
// changes what is shown (sync, curation, disconnect) does not import the publisher, which reads from it.
import { now } from "../clock.server";
import { db } from "../db.server";
import { wakeJob } from "../jobs/wake.server";

export const FEED_PUBLISH_JOB = "feed-publish";

/** Marks the shop's feed for publishing and nudges the job. Cheap; call it after anything that changes what is shown. */
export async function requestPublish(shop: string): Promise<void> {
  await db().publishedFeed.upsert({ where: { shop }, create: { shop, requestedAt: now() }, update: { requestedAt: now() } });
  wakeJob(FEED_PUBLISH_JOB);
}
