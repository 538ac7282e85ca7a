// Writes one page of posts: inserts the new, updates the changed, leaves the unchanged alone (so a
// second sync of the same posts writes nothing), and tells the caller whether the page held anything new.
//
// A page is one read and at most one write per kind (new, changed, renewed links), whatever its size: the
// rows travel as one JSON parameter (json_to_recordset). These statements go straight to PostgreSQL through
// pg: through Prisma, each post was a query to build (most of a sync's time), and a page's parameters were
// copied over and over (its JSON protocol and query compiler), most of a sync's memory (`npm run bench:sync`).
// Prisma does not lend out its pool, so these use the bulk pool beside it (`bulkPool` in db.server.ts).
import { randomBytes } from "node:crypto";
import { now } from "../clock.server";
import { bulkPool, db } from "../db.server";
import { childrenJson, mapMedia, type NormalizedMedia } from "./instagram-media.server";

export interface PageResult {
  added: number;
  updated: number;
  skipped: number;
  /** Every Instagram id the page named, valid or not: these posts still exist and must not be removed. */
  seenIds: string[];
  /** At least one valid post, and every valid post already stored and unchanged: an incremental sync may stop here. */
  allKnown: boolean;
}

interface StoredRow {
  id: string;
  instagramId: string;
  contentHash: string;
  linksExpireAt: Date | null;
}

/** A stored post's columns as one JSON record (dates as ISO strings, read by PostgreSQL as UTC). */
function columns(item: NormalizedMedia) {
  return {
    mediaType: item.mediaType,
    productType: item.productType,
    caption: item.caption,
    permalink: item.permalink,
    postedAt: item.postedAt.toISOString(),
    ...links(item),
    contentHash: item.contentHash,
  };
}

const links = (item: NormalizedMedia) => ({
  mediaUrl: item.mediaUrl,
  thumbnailUrl: item.thumbnailUrl,
  children: childrenJson(item.children),
  linksExpireAt: item.linksExpireAt?.toISOString() ?? null,
});

/**
 * Links are re-signed on every call, so they are not part of "changed". A stored post's links are only
 * replaced when they would expire within `renewLinksWithinMs` (and the new ones last longer): then the
 * sync does the link refresh's work for free.
 */
export async function storePage(
  sourceId: string,
  rawItems: unknown[],
  renewLinksWithinMs: number,
): Promise<PageResult> {
  const at = now();
  const result: PageResult = { added: 0, updated: 0, skipped: 0, seenIds: [], allKnown: false };
  const valid = new Map<string, NormalizedMedia>();
  for (const raw of rawItems) {
    const mapped = mapMedia(raw);
    if (mapped.ok) {
      valid.set(mapped.item.instagramId, mapped.item); // a post listed twice on a page is stored once
      result.seenIds.push(mapped.item.instagramId);
    } else {
      result.skipped += 1;
      if (mapped.instagramId) result.seenIds.push(mapped.instagramId);
    }
  }
  if (valid.size === 0) return result;

  const byInstagramId = new Map((await storedRows(sourceId, [...valid.keys()])).map((row) => [row.instagramId, row]));
  const creates = [];
  const changes = [];
  const renewals = [];
  for (const item of valid.values()) {
    const row = byInstagramId.get(item.instagramId);
    if (!row) {
      creates.push({ id: newId(), instagramId: item.instagramId, ...columns(item) });
    } else if (row.contentHash !== item.contentHash) {
      changes.push({ id: row.id, ...columns(item) });
    } else {
      const expiresSoon = row.linksExpireAt !== null && row.linksExpireAt.getTime() - at.getTime() < renewLinksWithinMs;
      const lastsLonger =
        item.linksExpireAt !== null && (row.linksExpireAt === null || item.linksExpireAt > row.linksExpireAt);
      if (expiresSoon && lastsLonger) renewals.push({ id: row.id, ...links(item) });
    }
  }
  const written = await writePage(sourceId, at, { creates, changes, renewals });
  result.added = written.added;
  result.updated = changes.length;
  result.allKnown = creates.length === 0 && changes.length === 0;
  return result;
}

// One index probe per id (the LIMIT keeps the planner from turning it into a scan of all the source's
// posts, which it prefers for "= ANY(…)" once a source has thousands): a page costs the same at any size.
// Times are read as epoch milliseconds: the columns hold UTC without a zone, which pg would read as local.
const STORED_ROWS = `SELECT m."id", m."instagramId", m."contentHash", (extract(epoch FROM m."linksExpireAt") * 1000)::float8 AS "linksExpireAtMs"
  FROM unnest($2::text[]) AS wanted("instagramId")
  CROSS JOIN LATERAL (SELECT * FROM "MediaItem" WHERE "sourceId" = $1 AND "instagramId" = wanted."instagramId" LIMIT 1) AS m`;

/** The page's posts already stored for the source: just what deciding new / changed / renew needs. */
async function storedRows(sourceId: string, instagramIds: string[]): Promise<StoredRow[]> {
  const { rows } = await bulkPool().query<Omit<StoredRow, "linksExpireAt"> & { linksExpireAtMs: number | null }>(
    STORED_ROWS,
    [sourceId, instagramIds],
  );
  return rows.map(({ linksExpireAtMs, ...row }) => ({
    ...row,
    linksExpireAt: linksExpireAtMs === null ? null : new Date(linksExpireAtMs),
  }));
}

const CONTENT = `"mediaType" text, "productType" text, caption text, permalink text, "postedAt" timestamp(3), "contentHash" text`;
const LINKS = `"mediaUrl" text, "thumbnailUrl" text, children text, "linksExpireAt" timestamp(3)`;

// Inserted posts never conflict with a stored one (they were not found just now); ON CONFLICT only keeps
// a page that another attempt stored meanwhile from failing the run, and `added` counts what this one added.
const INSERT = `INSERT INTO "MediaItem" ("id", "sourceId", "instagramId", "mediaType", "productType", "caption", "permalink",
    "postedAt", "mediaUrl", "thumbnailUrl", "children", "linksExpireAt", "contentHash", "firstSeenAt", "updatedAt")
  SELECT r."id", $1, r."instagramId", r."mediaType", r."productType", r.caption, r.permalink,
    r."postedAt", r."mediaUrl", r."thumbnailUrl", r.children, r."linksExpireAt", r."contentHash", $2::timestamp(3), $3::timestamp(3)
  FROM json_to_recordset($4::json) AS r(id text, "instagramId" text, ${CONTENT}, ${LINKS})
  ON CONFLICT ("sourceId", "instagramId") DO NOTHING`;

const UPDATE_CHANGED = `UPDATE "MediaItem" AS m SET "mediaType" = r."mediaType", "productType" = r."productType", caption = r.caption,
    permalink = r.permalink, "postedAt" = r."postedAt", "mediaUrl" = r."mediaUrl", "thumbnailUrl" = r."thumbnailUrl",
    children = r.children, "linksExpireAt" = r."linksExpireAt", "contentHash" = r."contentHash", "updatedAt" = $1::timestamp(3)
  FROM json_to_recordset($2::json) AS r(id text, ${CONTENT}, ${LINKS})
  WHERE m."id" = r."id"`;

const UPDATE_LINKS = `UPDATE "MediaItem" AS m SET "mediaUrl" = r."mediaUrl", "thumbnailUrl" = r."thumbnailUrl", children = r.children,
    "linksExpireAt" = r."linksExpireAt", "updatedAt" = $1::timestamp(3)
  FROM json_to_recordset($2::json) AS r(id text, ${LINKS})
  WHERE m."id" = r."id"`;

/** Inserts, updates and link renewals of one page, all or none; no transaction when one statement does. */
async function writePage(
  sourceId: string,
  at: Date,
  rows: { creates: object[]; changes: object[]; renewals: object[] },
): Promise<{ added: number }> {
  const written = new Date().toISOString(); // what Prisma's @updatedAt would have stored
  const statements: Array<[string, unknown[]]> = [];
  if (rows.creates.length > 0)
    statements.push([INSERT, [sourceId, at.toISOString(), written, JSON.stringify(rows.creates)]]);
  if (rows.changes.length > 0) statements.push([UPDATE_CHANGED, [written, JSON.stringify(rows.changes)]]);
  if (rows.renewals.length > 0) statements.push([UPDATE_LINKS, [written, JSON.stringify(rows.renewals)]]);
  if (statements.length === 0) return { added: 0 };
  const counts =
    statements.length === 1 ? [(await bulkPool().query(...statements[0]!)).rowCount] : await inTransaction(statements);
  return { added: rows.creates.length > 0 ? (counts[0] ?? 0) : 0 };
}

async function inTransaction(statements: Array<[string, unknown[]]>): Promise<Array<number | null>> {
  const client = await bulkPool().connect();
  let failure: Error | undefined;
  try {
    await client.query("BEGIN");
    const counts = [];
    for (const [text, values] of statements) counts.push((await client.query(text, values)).rowCount);
    await client.query("COMMIT");
    return counts;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release(failure); // a connection that failed mid-transaction is closed, not reused
  }
}

let idCounter = 0;
/** A cuid-shaped id (c + time + counter + random, 25 characters), as Prisma's @default(cuid()) makes them. */
function newId(): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(8, "0")}${idCounter.toString(36).padStart(4, "0")}${randomBytes(8).toString("hex").slice(0, 12)}`;
}

/** After a complete full pass: removes the source's posts Instagram no longer lists. Returns how many. */
export async function removeUnseen(sourceId: string, seen: Set<string>): Promise<number> {
  const stored = await db().mediaItem.findMany({ where: { sourceId }, select: { id: true, instagramId: true } });
  const gone = stored.filter((row) => !seen.has(row.instagramId)).map((row) => row.id);
  for (let start = 0; start < gone.length; start += 500) {
    await db().mediaItem.deleteMany({ where: { id: { in: gone.slice(start, start + 500) } } });
  }
  return gone.length;
}
