// What the home page shows: setup progress, every account's state, each feed's state, and what the feeds
// earn (analytics).
import { listAccounts, type AccountView } from "../accounts/accounts.server";
import { analyticsOverview } from "../analytics/overview.server";
import type { AnalyticsView } from "../components/home/analytics-view";
import { db } from "../db.server";
import { listFeeds, type FeedSummary } from "../feed/feeds.server";

export interface HomeOverview {
  accounts: AccountView[];
  firstSyncDone: boolean;
  feeds: FeedSummary[];
  analytics: AnalyticsView;
}

export async function homeOverview(shop: string): Promise<HomeOverview> {
  const [accounts, syncedSource, feeds, analytics] = await Promise.all([
    listAccounts(shop),
    db().mediaSource.findFirst({ where: { shop, lastSyncedAt: { not: null } }, select: { id: true } }),
    listFeeds(shop),
    analyticsOverview(shop),
  ]);
  return {
    accounts,
    firstSyncDone: syncedSource !== null,
    feeds,
    analytics,
  };
}
