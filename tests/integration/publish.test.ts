// Publishing feeds through the fake Shopify Admin API, from posts synced from the fake Instagram: images
// are copied to Files (Shopify's CDN), each feed lands in its own app-data metafield with an entry in the
// theme editor's picker ($app:feed metaobject), nothing is rewritten when nothing changed, a failed copy
// never publishes broken links, one feed's failure leaves the others alone, and files shared by feeds
// are hosted once and deleted only when no feed uses them.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { FEED_MAX_BYTES, FEED_METAOBJECT_TYPE, FeedDocument, feedMetafieldKey } from "../../app/feed/feed-document";
import { createFeed, deleteFeed } from "../../app/feed/feeds.server";
import { FeedInput } from "../../app/feed/feed-form";
import { publishShopFeeds } from "../../app/feed/publish.server";
import { disconnectAccount } from "../../app/accounts/accounts.server";
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

let mainId: string;
const documentOf = (feedId: string) => shopifyAdmin.fake.metafield(SHOP, "social_feed", feedMetafieldKey(feedId));
const published = (feedId = mainId) => FeedDocument.parse(documentOf(feedId));
/** Publishes the shop's requested feeds; the outcome of the Main feed (or the one named). */
async function publishShopFeed(shop: string, options: typeof FAST, feedId = mainId) {
  const outcomes = await publishShopFeeds(shop, options);
  return outcomes.find((outcome) => outcome.feedId === feedId);
}
const mainFeed = () => db().feed.findUniqueOrThrow({ where: { id: mainId } });
const requestAll = () => db().feed.updateMany({ where: { shop: SHOP }, data: { requestedAt: new Date() } });
async function newFeed(name: string, usernames: string[]) {
  const sources = await db().mediaSource.findMany({ where: { shop: SHOP }, include: { account: true } });
  const sourceIds = usernames.map((username) => sources.find((source) => source.account.username === username)!.id);
  const input = FeedInput.parse({
    name,
    sourceIds,
    mediaTypes: ["IMAGE", "VIDEO", "CAROUSEL_ALBUM", "REELS"],
    maxPosts: "12",
  });
  const result = await createFeed(SHOP, input);
  if (!result.ok) throw new Error(result.problem);
  return result.feedId;
}
/** The picker's entries for this test's feeds (the fake Admin API outlives each test's database rows). */
async function entries() {
  const keys = (await db().feed.findMany({ where: { shop: SHOP } })).map((feed) => feedMetafieldKey(feed.id));
  return shopifyAdmin.fake.metaobjects(SHOP, FEED_METAOBJECT_TYPE).filter((entry) => keys.includes(entry.fields.key!));
}
const callsTo = (operation: string) => shopifyAdmin.fake.calls.filter((call) => call.operation === operation).length;

beforeAll(async () => {
  await seedOfflineSession();
  instagram.fake.addAccount({ username: "publish.me", mediaCount: 60 });
  instagram.fake.addAccount({ username: "second.brand", mediaCount: 8 });
});
beforeEach(async () => {
  clock = frozenClock();
  await db().instagramAccount.deleteMany();
  await db().hostedFile.deleteMany();
  await db().feed.deleteMany();
  await connectAccount(instagram.fake, "publish.me");
  await syncQueuedRuns();
  // The shop's first account got the "Main" feed; shown here at its largest, to test the size limit.
  ({ id: mainId } = await db().feed.findFirstOrThrow({ where: { shop: SHOP } }));
  await db().feed.update({ where: { id: mainId }, data: { maxPosts: 50 } });
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
    expect(outcome?.status === "published" && outcome.bytes).toBeLessThan(FEED_MAX_BYTES);
  });

  it("reuses hosted files and skips the write when nothing changed", async () => {
    await publishShopFeed(SHOP, FAST);
    const [creates, writes] = [callsTo("fileCreate"), callsTo("metafieldsSet")];
    clock.advance(DAY);
    await requestAll();
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
    await requestAll();

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
    expect((await mainFeed()).lastError).toMatch(/could not be copied/);
  });
});

describe("several feeds", () => {
  beforeEach(async () => {
    await connectAccount(instagram.fake, "second.brand");
    await syncQueuedRuns();
  });

  it("a new shop's first account gets the Main feed; a second account joins no feed by itself", async () => {
    const feeds = await db().feed.findMany({
      where: { shop: SHOP },
      include: { sources: { include: { source: { include: { account: true } } } } },
    });
    expect(feeds.map((feed) => [feed.name, feed.sources.map(({ source }) => source.account.username)])).toEqual([
      ["Main", ["publish.me"]],
    ]);
  });

  it("each feed has its own document and its own entry, by name, in the theme editor's picker", async () => {
    const second = await newFeed("Second brand", ["second.brand"]);
    const both = await newFeed("Both", ["second.brand", "publish.me"]);
    const outcomes = await publishShopFeeds(SHOP, FAST);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["published", "published", "published"]);

    expect(published(mainId).posts.every((post) => post.account === 0)).toBe(true);
    expect(published(mainId).accounts.map((account) => account.username)).toEqual(["publish.me"]);
    expect(published(second).posts.map((post) => post.account)).toEqual(Array(8).fill(0));
    expect(published(second).account.username).toBe("second.brand");
    // Merged newest first; each post names its own account; the header is the first source's.
    const merged = published(both);
    expect(merged.name).toBe("Both");
    expect(merged.account.username).toBe("second.brand");
    expect(merged.accounts.map((account) => account.username)).toEqual(["second.brand", "publish.me"]);
    expect(new Set(merged.posts.map((post) => post.account))).toEqual(new Set([0, 1]));
    const times = merged.posts.map((post) => post.timestamp);
    expect([...times].sort().reverse()).toEqual(times);

    expect(shopifyAdmin.fake.definition(SHOP, FEED_METAOBJECT_TYPE)).toEqual({ storefront: "PUBLIC_READ" });
    expect((await entries()).map((entry) => entry.fields)).toEqual([
      { name: "Main", key: feedMetafieldKey(mainId) },
      { name: "Second brand", key: feedMetafieldKey(second) },
      { name: "Both", key: feedMetafieldKey(both) },
    ]);
    // A post in two feeds is one file on Shopify: the same image, hosted once.
    const imageOf = new Map(published(mainId).posts.map((post) => [post.id, post.image.url]));
    const shared = merged.posts.filter((post) => imageOf.has(post.id));
    expect(shared.length).toBeGreaterThan(0);
    for (const post of shared) expect(post.image.url).toBe(imageOf.get(post.id));
    const used = [mainId, second, both].flatMap((id) => [
      published(id).account.avatar?.url,
      ...published(id).posts.flatMap((post) => [post.image.url, ...post.children.map((child) => child.image.url)]),
    ]);
    expect(await db().hostedFile.count({ where: { shop: SHOP } })).toBe(new Set(used).size);
  });

  it("renaming a feed renames its picker entry; its blocks keep showing it", async () => {
    await publishShopFeeds(SHOP, FAST);
    const entryId = (await entries())[0]!.id;
    await db().feed.update({ where: { id: mainId }, data: { name: "Home page", requestedAt: new Date() } });
    await publishShopFeeds(SHOP, FAST);
    expect(await entries()).toEqual([
      expect.objectContaining({ id: entryId, fields: { name: "Home page", key: feedMetafieldKey(mainId) } }),
    ]);
    expect(published().name).toBe("Home page");
  });

  it("one feed failing leaves the others published and up to date", async () => {
    const second = await newFeed("Second brand", ["second.brand"]);
    await publishShopFeeds(SHOP, FAST);
    // A new post of @second.brand whose image link expired before Shopify could fetch it.
    const [item] = await db().mediaItem.findMany({
      where: { source: { account: { username: "second.brand" } } },
      orderBy: { postedAt: "desc" },
      take: 1,
    });
    await db().mediaItem.update({
      where: { id: item!.id },
      data: {
        instagramId: "17888888888888888",
        mediaType: "IMAGE",
        children: null,
        mediaUrl: `${instagram.fake.origin}/cdn/expired.jpg?oe=00000001&oh=x`,
      },
    });
    const secondBefore = documentOf(second);
    const hidden = published().posts[0]!.id;
    await db().mediaItem.updateMany({ where: { instagramId: hidden }, data: { hidden: true } });
    await requestAll();

    const outcomes = await publishShopFeeds(SHOP, FAST);
    expect(outcomes.find((outcome) => outcome.feedId === second)).toMatchObject({ status: "failed" });
    expect(outcomes.find((outcome) => outcome.feedId === mainId)).toMatchObject({ status: "published" });
    expect(published().posts.map((post) => post.id)).not.toContain(hidden);
    expect(documentOf(second)).toEqual(secondBefore);
    expect((await mainFeed()).lastError).toBeNull();
    expect((await db().feed.findUniqueOrThrow({ where: { id: second } })).lastError).toMatch(/could not be copied/);
  });

  it("a deleted feed leaves the picker and its document goes; files another feed uses stay", async () => {
    const both = await newFeed("Both", ["publish.me", "second.brand"]);
    await publishShopFeeds(SHOP, FAST);
    const filesBefore = shopifyAdmin.fake.files(SHOP).length;
    expect(await deleteFeed(SHOP, mainId)).toBe(true);

    expect(await publishShopFeed(SHOP, FAST)).toEqual({ feedId: mainId, status: "removed" });
    expect(documentOf(mainId)).toBeUndefined();
    expect((await entries()).map((entry) => entry.fields.name)).toEqual(["Both"]);
    expect(await db().feed.count({ where: { id: mainId } })).toBe(0);
    // Main's 50 posts included older ones "Both" (12 posts) doesn't show: those files went, the rest stayed.
    const urls = (document: FeedDocument) => document.posts.map((post) => post.image.url);
    const live = new Set(shopifyAdmin.fake.files(SHOP).map((file) => file.image?.url));
    expect(urls(published(both)).every((url) => live.has(url))).toBe(true);
    expect(shopifyAdmin.fake.files(SHOP).length).toBeLessThan(filesBefore);
  });

  it("disconnecting an account empties only the feeds it alone fed", async () => {
    const second = await newFeed("Second brand", ["second.brand"]);
    const both = await newFeed("Both", ["publish.me", "second.brand"]);
    await publishShopFeeds(SHOP, FAST);
    const account = await db().instagramAccount.findFirstOrThrow({ where: { username: "second.brand" } });
    expect(await disconnectAccount(SHOP, account.id)).toBe(true);

    const outcomes = await publishShopFeeds(SHOP, FAST);
    expect(outcomes.map((outcome) => outcome.feedId).sort()).toEqual([second, both].sort());
    expect(published(second).posts).toEqual([]); // never another account's posts
    expect(published(both).accounts.map((entry) => entry.username)).toEqual(["publish.me"]);
    expect(published(both).posts.length).toBe(12);
    expect(published(mainId).posts.length).toBe(50);
  });
});
