// Publishing the storefront feed through the fake Shopify Admin API, from posts synced from the fake
// Instagram: images are copied to Files (Shopify's CDN), the feed lands in the app-data metafield,
// nothing is rewritten when nothing changed, and a failed copy never publishes broken links.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { FEED_MAX_BYTES, FeedDocument } from "../../app/feed/feed-document";
import { publishShopFeed } from "../../app/feed/publish.server";
import { syncQueuedRuns } from "../support/sync";
import { requestSync } from "../../app/sync/run-records.server";
import { DAY, frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { useFakeShopifyAdmin } from "../support/shopify-admin";
import { SHOP, seedOfflineSession } from "../support/shopify";

const instagram = useFakeInstagram();
const shopifyAdmin = useFakeShopifyAdmin();
const FAST = { pollIntervalMs: 5, maxWaitMs: 5_000 };
let clock: ReturnType<typeof frozenClock>;

const published = () => FeedDocument.parse(shopifyAdmin.fake.metafield(SHOP, "social_feed", "feed"));
const callsTo = (operation: string) => shopifyAdmin.fake.calls.filter((call) => call.operation === operation).length;

beforeAll(async () => {
  await seedOfflineSession();
  instagram.fake.addAccount({ username: "publish.me", mediaCount: 60 });
});
beforeEach(async () => {
  clock = frozenClock();
  await db().instagramAccount.deleteMany();
  await db().hostedFile.deleteMany();
  await db().publishedFeed.deleteMany();
  await connectAccount(instagram.fake, "publish.me");
  await syncQueuedRuns();
});
afterEach(() => clock.restore());

describe("publishing", () => {
  it("writes the visible posts, in order, with every image on Shopify's CDN", async () => {
    const outcome = await publishShopFeed(SHOP, FAST);
    expect(outcome).toMatchObject({ status: "published", postCount: 50 });

    const feed = published();
    expect(feed.account.username).toBe("publish.me");
    expect(feed.account.avatar?.url).toMatch(new RegExp(`^${shopifyAdmin.fake.origin}/cdn/`));
    expect(feed.posts).toHaveLength(50);
    const urls = feed.posts.flatMap((post) => [post.image.url, ...post.children.map((child) => child.image.url)]);
    for (const url of urls) expect(url.startsWith(`${shopifyAdmin.fake.origin}/cdn/`)).toBe(true);
    expect(JSON.stringify(feed)).not.toContain(instagram.fake.origin); // never Instagram's expiring links
    expect(feed.posts[0]!.image).toMatchObject({ width: expect.any(Number), height: expect.any(Number) });
    const newestFirst = feed.posts.map((post) => post.timestamp);
    expect([...newestFirst].sort().reverse()).toEqual(newestFirst);
    expect(feed.posts.every((post) => post.caption.length <= 300)).toBe(true);
    const albums = feed.posts.filter((post) => post.type === "CAROUSEL_ALBUM");
    expect(albums.some((post) => post.children.length > 1)).toBe(true);
    for (const album of albums) expect(album.image.url).toBe(album.children[0]!.image.url); // the cover is hosted once
    expect(new Set(urls).size).toBe(shopifyAdmin.fake.files(SHOP).length - 1); // one file per image, plus the avatar
    expect(outcome.status === "published" && outcome.bytes).toBeLessThan(FEED_MAX_BYTES);
  });

  it("reuses hosted files and skips the write when nothing changed", async () => {
    await publishShopFeed(SHOP, FAST);
    const [creates, writes] = [callsTo("fileCreate"), callsTo("metafieldsSet")];
    clock.advance(DAY);
    expect(await publishShopFeed(SHOP, FAST)).toMatchObject({ status: "unchanged" });
    expect([callsTo("fileCreate"), callsTo("metafieldsSet")]).toEqual([creates, writes]);
  });

  it("a hidden post leaves the feed and its files are deleted; a pinned one goes first", async () => {
    await publishShopFeed(SHOP, FAST);
    const [first, second] = published().posts;
    const filesBefore = shopifyAdmin.fake.files(SHOP).length;
    await db().mediaItem.updateMany({ where: { instagramId: first!.id }, data: { hidden: true } });
    const last = await db().mediaItem.findFirstOrThrow({ where: { hidden: false }, orderBy: { postedAt: "asc" } });
    await db().mediaItem.update({ where: { id: last.id }, data: { pinnedAt: new Date() } });

    expect(await publishShopFeed(SHOP, FAST)).toMatchObject({ status: "published" });
    const ids = published().posts.map((post) => post.id);
    expect(ids).not.toContain(first!.id);
    expect(ids[0]).toBe(last.instagramId);
    expect(ids[1]).toBe(second!.id);
    expect(shopifyAdmin.fake.files(SHOP).length).toBeLessThan(filesBefore + 2);
    expect(callsTo("fileDelete")).toBeGreaterThan(0);
  });

  it("if copying an image fails, the previous feed stays published", async () => {
    await publishShopFeed(SHOP, FAST);
    const before = shopifyAdmin.fake.metafield(SHOP, "social_feed", "feed");
    // A new post whose Instagram link has expired by the time Shopify fetches it.
    const [account] = instagram.fake.accounts().filter((candidate) => candidate.username === "publish.me");
    account!.media.unshift({
      ...account!.media[0]!,
      id: "17999999999999999",
      timestamp: "2026-11-26T11:00:00+0000",
      caption: "brand new",
    });
    const source = await db().mediaSource.findFirstOrThrow({ where: { shop: SHOP } });
    await requestSync(source.id, "manual");
    await syncQueuedRuns();
    await db().mediaItem.updateMany({
      where: { instagramId: "17999999999999999" },
      data: {
        mediaType: "IMAGE",
        children: null,
        mediaUrl: `${instagram.fake.origin}/cdn/expired.jpg?oe=00000001&oh=x`,
      },
    });

    const outcome = await publishShopFeed(SHOP, FAST);
    expect(outcome).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/could not be copied.*previous feed stays published/),
    });
    expect(shopifyAdmin.fake.metafield(SHOP, "social_feed", "feed")).toEqual(before);
    expect((await db().publishedFeed.findUniqueOrThrow({ where: { shop: SHOP } })).lastError).toMatch(
      /could not be copied/,
    );
  });
});
