// Media sources: where feeds' posts come from. Today each connected account has one, its own posts
// (kind "account_media"); `kind` + `key` leave room for hashtag or tagged-post sources. Sources are
// created on demand, idempotently, for every connected account; a shop's first one gets the "Main" feed.
import { now } from "../clock.server";
import { db, isUniqueViolation } from "../db.server";
import { ensureMainFeed } from "../feed/feeds.server";
import { runView, type RunView } from "./run-records.server";
import { SCHEDULE_CHOICES } from "./settings.server";

export const ACCOUNT_MEDIA = "account_media";

export interface SourceView {
  id: string;
  kind: string;
  accountId: string;
  username: string;
  accountStatus: "active" | "needs_reconnect";
  postCount: number;
  scheduleMinutes: number;
  lastSyncedAt: string | null;
  nextSyncAt: string | null;
  /** The next scheduled sync's time has come (it starts within a minute). */
  nextSyncDue: boolean;
  lastRun: RunView | null;
  activeRun: RunView | null;
  /** The live feeds showing this source's posts. */
  feedNames: string[];
}

/**
 * Gives every connected account (of one shop, or every active one) its own-posts source. New sources
 * are due at once, so the scheduled job makes their first sync without waiting for the merchant.
 */
export async function ensureAccountSources(shop?: string): Promise<number> {
  const accounts = await db().instagramAccount.findMany({
    where: { ...(shop ? { shop } : { status: "active" }), sources: { none: { kind: ACCOUNT_MEDIA, key: "" } } },
    select: { id: true, shop: true },
  });
  for (const account of accounts) {
    await db()
      .mediaSource.upsert({
        where: { accountId_kind_key: { accountId: account.id, kind: ACCOUNT_MEDIA, key: "" } },
        create: { shop: account.shop, accountId: account.id, kind: ACCOUNT_MEDIA, key: "", nextSyncAt: now() },
        update: {},
      })
      .catch((error: unknown) => {
        // Another request created it a moment ago: that is the outcome we wanted.
        if (!isUniqueViolation(error)) throw error;
      });
  }
  for (const shopWithNewSource of new Set(accounts.map((account) => account.shop)))
    await ensureMainFeed(shopWithNewSource);
  return accounts.length;
}

export async function listSources(shop: string): Promise<SourceView[]> {
  await ensureAccountSources(shop);
  const sources = await db().mediaSource.findMany({
    where: { shop },
    include: {
      account: { select: { username: true, status: true, connectedAt: true } },
      feeds: { where: { feed: { deletedAt: null } }, select: { feed: { select: { name: true, createdAt: true } } } },
    },
    orderBy: [{ account: { connectedAt: "asc" } }, { createdAt: "asc" }],
  });
  if (sources.length === 0) return [];
  const ids = sources.map((source) => source.id);
  const [counts, active, finished] = await Promise.all([
    db().mediaItem.groupBy({ by: ["sourceId"], where: { sourceId: { in: ids } }, _count: { _all: true } }),
    db().syncRun.findMany({
      where: { sourceId: { in: ids }, status: { in: ["queued", "running"] } },
      orderBy: { queuedAt: "asc" },
    }),
    Promise.all(
      ids.map((sourceId) =>
        db().syncRun.findFirst({
          where: { sourceId, status: { in: ["succeeded", "failed"] } },
          orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
        }),
      ),
    ),
  ]);
  const at = now();
  return sources.map((source, index) => {
    const running = active.find((run) => run.sourceId === source.id);
    const last = finished[index];
    return {
      id: source.id,
      kind: source.kind,
      accountId: source.accountId,
      username: source.account.username,
      accountStatus: source.account.status === "active" ? "active" : "needs_reconnect",
      postCount: counts.find((count) => count.sourceId === source.id)?._count._all ?? 0,
      scheduleMinutes: source.scheduleMinutes,
      lastSyncedAt: source.lastSyncedAt?.toISOString() ?? null,
      nextSyncAt: source.account.status === "active" ? (source.nextSyncAt?.toISOString() ?? null) : null,
      nextSyncDue: source.account.status === "active" && (!source.nextSyncAt || source.nextSyncAt <= at),
      lastRun: last ? runView(last) : null,
      activeRun: running ? runView(running) : null,
      feedNames: source.feeds
        .map(({ feed }) => feed)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((feed) => feed.name),
    };
  });
}

/** Changes how often the source syncs; the next sync moves to the last one plus the new interval (or now, if that has passed). */
export async function setSchedule(shop: string, sourceId: string, minutes: number): Promise<boolean> {
  if (!SCHEDULE_CHOICES.includes(minutes)) return false;
  const source = await db().mediaSource.findFirst({ where: { id: sourceId, shop }, select: { lastSyncedAt: true } });
  if (!source) return false;
  const at = now().getTime();
  const from = source.lastSyncedAt?.getTime() ?? at;
  await db().mediaSource.update({
    where: { id: sourceId },
    data: { scheduleMinutes: minutes, nextSyncAt: new Date(Math.max(at, from + minutes * 60_000)) },
  });
  return true;
}
