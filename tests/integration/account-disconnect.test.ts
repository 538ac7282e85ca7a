// The Account page's Disconnect through its real route modules (signed admin requests, real PostgreSQL, the
// fake Instagram over HTTP): before the merchant confirms, the page knows which feeds the account feeds and
// how each is left (showing nothing, or still showing the other accounts' posts); after, those feeds are
// republished without the account and the account's posts and syncs are gone.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { feedChangeLine } from "../../app/components/AccountRow";
import { createFeed, type FeedChange } from "../../app/feed/feeds.server";
import { FeedInput } from "../../app/feed/feed-form";
import { action, loader } from "../../app/routes/app.account";
import { requestSync } from "../../app/sync/run-records.server";
import { ensureAccountSources } from "../../app/sync/sources.server";
import { syncQueuedRuns } from "../support/sync";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { SHOP, adminGet, adminPost, callRoute, seedOfflineSession } from "../support/shopify";

const instagram = useFakeInstagram();
let accountNumber = 0;

beforeEach(async () => {
  await db().instagramAccount.deleteMany();
  await db().feed.deleteMany();
  await seedOfflineSession();
});

/** Connects an account and gives it its source, as the schedule does within a minute. */
async function connected(name: string) {
  accountNumber += 1;
  const username = `${name}.${accountNumber}`;
  instagram.fake.addAccount({ username, mediaCount: 3 });
  const account = await connectAccount(instagram.fake, username);
  await ensureAccountSources(SHOP);
  const source = await db().mediaSource.findFirstOrThrow({ where: { accountId: account.id } });
  return { username, account, sourceId: source.id };
}

async function newFeed(name: string, sourceIds: string[]) {
  const input = FeedInput.parse({
    name,
    sourceIds,
    includeWords: "",
    excludeWords: "",
    mediaTypes: ["IMAGE"],
    maxPosts: "12",
  });
  const saved = await createFeed(SHOP, input);
  if (!saved.ok) throw new Error(`feed not saved: ${saved.problem}`);
  return saved.feedId;
}

async function accountPage(): Promise<{ feedChanges: Record<string, FeedChange[]> }> {
  const response = await callRoute(loader, adminGet("/app/account"));
  expect(response.status).toBe(200);
  return response.json();
}

describe("Disconnect's confirmation", () => {
  it("names every live feed the account feeds, and what each keeps showing", async () => {
    const studio = await connected("studio"); // the first account: "Main"
    const creator = await connected("creator");
    await newFeed("Both", [creator.sourceId, studio.sourceId]);
    await newFeed("Creator only", [creator.sourceId]);
    const gone = await newFeed("Old", [studio.sourceId]);
    await db().feed.update({ where: { id: gone }, data: { deletedAt: new Date() } }); // deleted: not on any page

    const { feedChanges } = await accountPage();
    expect(feedChanges[studio.account.id]).toEqual([
      { name: "Main", emptied: true, others: [] },
      { name: "Both", emptied: false, others: [creator.username] },
    ]);
    expect(feedChanges[creator.account.id]).toEqual([
      { name: "Both", emptied: false, others: [studio.username] },
      { name: "Creator only", emptied: true, others: [] },
    ]);
    // In the merchant's words, as the confirmation says it.
    expect(feedChanges[studio.account.id]!.map(feedChangeLine)).toEqual([
      "Feed “Main” will show nothing (it has no other account).",
      `Feed “Both” keeps showing @${creator.username}'s posts.`,
    ]);
  });

  it("says it feeds no feed when none shows its posts", async () => {
    await connected("studio");
    const creator = await connected("creator"); // later accounts join no feed on their own
    expect((await accountPage()).feedChanges[creator.account.id]).toEqual([]);
  });

  it("does what it said: the account's posts and syncs go, its feeds are republished, one left empty", async () => {
    const studio = await connected("studio");
    const creator = await connected("creator");
    const both = await newFeed("Both", [creator.sourceId, studio.sourceId]);
    await requestSync(studio.sourceId, "manual", { shop: SHOP });
    await syncQueuedRuns({ settings: { sleep: async () => undefined } });
    expect(await db().mediaItem.count({ where: { sourceId: studio.sourceId } })).toBe(3);
    expect(await db().syncRun.count({ where: { sourceId: studio.sourceId } })).toBe(1);
    await db().feed.updateMany({ data: { requestedAt: null } });

    const response = await callRoute(
      action,
      adminPost("/app/account", { intent: "disconnect", accountId: studio.account.id }),
    );
    expect(await response.json()).toEqual({ ok: true, message: "Instagram account disconnected" });

    expect(await db().instagramAccount.count({ where: { id: studio.account.id } })).toBe(0); // its token with it
    expect(await db().mediaItem.count({ where: { sourceId: studio.sourceId } })).toBe(0);
    expect(await db().syncRun.count({ where: { sourceId: studio.sourceId } })).toBe(0);
    expect(await db().mediaSource.count({ where: { id: studio.sourceId } })).toBe(0);
    const feeds = await db().feed.findMany({
      where: { shop: SHOP },
      include: { sources: true },
      orderBy: { createdAt: "asc" },
    });
    expect(feeds.map((feed) => [feed.name, feed.sources.map((s) => s.sourceId), feed.requestedAt !== null])).toEqual([
      ["Main", [], true],
      ["Both", [creator.sourceId], true],
    ]);
    // What the page now says of the account left: it alone feeds "Both".
    expect((await accountPage()).feedChanges[creator.account.id]).toEqual([
      { name: "Both", emptied: true, others: [] },
    ]);
    expect(both).toBe(feeds[1]!.id);
  });
});
