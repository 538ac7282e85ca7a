// What the home page shows: setup progress, every account's state, and the storefront feed's state.
import { listAccounts, type AccountView } from "../accounts/accounts.server";
import { db } from "../db.server";

export interface FeedState {
  publishedAt: string | null;
  postCount: number;
  /** A change is waiting to reach the storefront (the publish job picks it up within a minute or retries). */
  updating: boolean;
  lastError: string | null;
}

export interface HomeOverview {
  accounts: AccountView[];
  firstSyncDone: boolean;
  feed: FeedState;
}

export async function homeOverview(shop: string): Promise<HomeOverview> {
  const [accounts, syncedSource, published] = await Promise.all([
    listAccounts(shop),
    db().mediaSource.findFirst({ where: { shop, lastSyncedAt: { not: null } }, select: { id: true } }),
    db().publishedFeed.findUnique({ where: { shop } }),
  ]);
  return {
    accounts,
    firstSyncDone: syncedSource !== null,
    feed: {
      publishedAt: published?.publishedAt?.toISOString() ?? null,
      postCount: published?.postCount ?? 0,
      updating: Boolean(published?.requestedAt),
      lastError: published?.lastError ?? null,
    },
  };
}
