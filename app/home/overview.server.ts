// What the home page shows: setup progress, every account's state, and each feed's state.
import { listAccounts, type AccountView } from "../accounts/accounts.server";
import { db } from "../db.server";
import { listFeeds, type FeedSummary } from "../feed/feeds.server";

export interface HomeOverview {
  accounts: AccountView[];
  firstSyncDone: boolean;
  feeds: FeedSummary[];
}

export async function homeOverview(shop: string): Promise<HomeOverview> {
  const [accounts, syncedSource, feeds] = await Promise.all([
    listAccounts(shop),
    db().mediaSource.findFirst({ where: { shop, lastSyncedAt: { not: null } }, select: { id: true } }),
    listFeeds(shop),
  ]);
  return {
    accounts,
    firstSyncDone: syncedSource !== null,
    feeds,
  };
}
