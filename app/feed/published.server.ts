import { db } from "../db.server";

/** The feed as last published for the shop (the same JSON the metafield holds), or null. */
export async function publishedFeedFor(shop: string): Promise<{ document: string; hash: string } | null> {
  const row = await db().publishedFeed.findUnique({ where: { shop }, select: { document: true, hash: true } });
  return row?.document && row.hash ? { document: row.document, hash: row.hash } : null;
}
