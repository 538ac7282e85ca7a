import { db } from "../db.server";

/**
 * A feed as last published (the same JSON as its metafield), or null: the one named (any case), else the
 * shop's first live feed.
 */
export async function publishedFeedFor(
  shop: string,
  name?: string | null,
): Promise<{ document: string; hash: string } | null> {
  const row = await db().feed.findFirst({
    where: { shop, deletedAt: null, ...(name ? { name: { equals: name, mode: "insensitive" } } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { document: true, hash: true },
  });
  return row?.document && row.hash ? { document: row.document, hash: row.hash } : null;
}
