// The Media Sources page through its real route modules (signed admin requests, real PostgreSQL, the fake
// Instagram over HTTP): sources and their syncs, Sync now twice, progress polling, hides and pins that
// persist and decide what the feeds show, and what the page says the feeds show of each source (which
// feeds, how many of its posts). Filters belong to feeds: the Feeds page's tests hold them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { action, loader } from "../../app/routes/app.media";
import { loader as progressLoader } from "../../app/routes/app.media.progress";
import { createFeed } from "../../app/feed/feeds.server";
import { FeedInput } from "../../app/feed/feed-form";
import { feedPosts } from "../../app/feed/selection.server";
import { syncQueuedRuns } from "../support/sync";
import type { MediaPageData } from "../../app/sync/media-page-data.server";
import { XSS_CAPTION } from "../../app/sandbox/stand-ins/instagram/captions";
import { MINUTE, frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { API_KEY, API_SECRET_KEY, APP_URL, RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { SHOP, STORE, adminGet, adminPost, callRoute, seedOfflineSession } from "../support/shopify";

const instagram = useFakeInstagram();
let clock: ReturnType<typeof frozenClock>;
let accountNumber = 0;
const OTHER_STORE = "other-shop";

beforeEach(async () => {
  clock = frozenClock();
  await db().instagramAccount.deleteMany();
  await db().feed.deleteMany(); // feeds are the shop's: each test's first account gets a fresh "Main"
  await seedOfflineSession();
  await seedOfflineSession(`${OTHER_STORE}.myshopify.com`);
});
afterEach(() => clock.restore());

async function page(query = ""): Promise<MediaPageData> {
  const response = await callRoute(loader, adminGet(`/app/media${query}`));
  expect(response.status).toBe(200);
  return response.json();
}
/** A form post from the page (App Bridge's session token in the header); repeated fields as URLSearchParams. */
async function post(form: Record<string, string> | URLSearchParams, store = STORE) {
  const request =
    form instanceof URLSearchParams
      ? setUpValidRequest(
          { type: RequestType.Bearer, store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
          new Request(`${APP_URL}/app/media`, { method: "POST", body: form }),
        )
      : adminPost("/app/media", form, store);
  const response = await callRoute(action, request);
  return { status: response.status, body: await response.json() };
}
async function connectWithPosts(mediaCount: number) {
  accountNumber += 1;
  const username = `page.${accountNumber}`;
  const fakeAccount = instagram.fake.addAccount({ username, mediaCount });
  const account = await connectAccount(instagram.fake, username);
  return { username, fakeAccount, account };
}
const runJob = () => syncQueuedRuns({ settings: { sleep: async () => undefined } });
/** A connected account whose posts are synced, with its source's id. */
async function synced(count: number) {
  const connected = await connectWithPosts(count);
  const source = (await page()).sources.find((candidate) => candidate.accountId === connected.account.id)!;
  await post({ intent: "sync", sourceId: source.id });
  await runJob();
  return { ...connected, sourceId: source.id };
}
/** Saves a new feed as the Feeds page would (the form's fields, parsed by its own rules). */
async function newFeed(name: string, sourceIds: string[], filters: { maxPosts?: string; mediaTypes?: string[] } = {}) {
  const input = FeedInput.parse({
    name,
    sourceIds,
    includeWords: "",
    excludeWords: "",
    mediaTypes: filters.mediaTypes ?? ["IMAGE", "VIDEO", "CAROUSEL_ALBUM", "REELS"],
    maxPosts: filters.maxPosts ?? "12",
  });
  const saved = await createFeed(SHOP, input);
  if (!saved.ok) throw new Error(`feed not saved: ${saved.problem}`);
  return saved.feedId;
}
/** What the shop's "Main" feed (made with its first account) shows, as Instagram ids, in order. */
async function mainFeed(): Promise<string[]> {
  const feed = await db().feed.findFirstOrThrow({
    where: { shop: SHOP, name: "Main", deletedAt: null },
    include: { sources: { select: { sourceId: true }, orderBy: { position: "asc" } } },
  });
  return (await feedPosts(feed)).map((item) => item.instagramId);
}

describe("sources", () => {
  it("with no account connected, the page has no sources (and sends the merchant to Account)", async () => {
    expect(await page()).toEqual({ sources: [], selectedId: null, posts: null, productTags: {}, history: [] });
  });

  it("each connected account has a source: never synced, due now, hourly by default", async () => {
    const { username, account } = await connectWithPosts(3);
    const { sources, selectedId, posts, history } = await page();
    expect(sources).toEqual([
      expect.objectContaining({
        accountId: account.id,
        username,
        kind: "account_media",
        accountStatus: "active",
        postCount: 0,
        scheduleMinutes: 60,
        lastSyncedAt: null,
        lastRun: null,
        activeRun: null,
        nextSyncDue: true,
        feedNames: ["Main"], // a shop's first account gets the "Main" feed
      }),
    ]);
    expect(selectedId).toBe(sources[0]!.id);
    expect(posts).toMatchObject({ posts: [], total: 0, shownCount: 0 });
    expect(history).toEqual([]);
    await page(); // idempotent
    expect(await db().mediaSource.count()).toBe(1);
  });

  it("Sync now queues a run; pressing it again returns the same run; the page polls its progress", async () => {
    await connectWithPosts(30);
    const [source] = (await page()).sources;
    const first = await post({ intent: "sync", sourceId: source!.id });
    expect(first).toMatchObject({
      status: 200,
      body: { ok: true, alreadyRunning: false, run: { status: "queued", trigger: "manual", mode: "full" } },
    });
    const second = await post({ intent: "sync", sourceId: source!.id });
    expect(second.body).toMatchObject({ ok: true, alreadyRunning: true, run: { id: first.body.run.id } });
    expect((await page()).sources[0]!.activeRun).toMatchObject({ id: first.body.run.id, status: "queued" });

    const progress = async (ids: string[], store?: string) => {
      const query = ids.map((id) => `run=${id}`).join("&");
      return (await callRoute(progressLoader, adminGet(`/app/media/progress?${query}`, store))).json();
    };
    expect(await progress([first.body.run.id])).toEqual({
      requested: [first.body.run.id],
      runs: [expect.objectContaining({ id: first.body.run.id, status: "queued", fetched: 0 })],
    });
    expect((await progress([first.body.run.id], OTHER_STORE)).runs).toEqual([]); // another shop never sees it

    await runJob();
    expect((await progress([first.body.run.id])).runs[0]).toMatchObject({
      status: "succeeded",
      pages: 1,
      fetched: 30,
      added: 30,
    });
    const after = await page();
    expect(after.sources[0]).toMatchObject({
      postCount: 30,
      activeRun: null,
      lastRun: { id: first.body.run.id, status: "succeeded" },
      nextSyncDue: false,
    });
    expect(after.history).toEqual([expect.objectContaining({ id: first.body.run.id, status: "succeeded", added: 30 })]);
    expect(after.posts!.posts).toHaveLength(24);
    // "Main" shows 12 posts (a new feed's count): shownCount is what the feeds show of the source.
    expect(after.posts).toMatchObject({ page: 1, pageCount: 2, total: 30, shownCount: 12 });
    expect(after.posts!.posts.map((p) => p.shown)).toEqual([...Array(12).fill(true), ...Array(12).fill(false)]);
    expect((await page(`?source=${source!.id}&page=2`)).posts!.posts).toHaveLength(6);
  });

  it("an account that needs reconnecting can't sync; the merchant is told why in plain words", async () => {
    const { username, account } = await connectWithPosts(3);
    const [source] = (await page()).sources;
    await db().instagramAccount.update({
      where: { id: account.id },
      data: { status: "needs_reconnect", encryptedToken: null },
    });
    const result = await post({ intent: "sync", sourceId: source!.id });
    expect(result).toEqual({
      status: 409,
      body: {
        ok: false,
        intent: "sync",
        message: `@${username} needs to be reconnected before its posts can sync. Reconnect it on the Account page; its posts stay as they are until then.`,
      },
    });
    expect((await page()).sources[0]).toMatchObject({ accountStatus: "needs_reconnect", nextSyncAt: null });
  });

  it("the schedule can be set to the listed choices only", async () => {
    await connectWithPosts(3);
    const [source] = (await page()).sources;
    expect((await post({ intent: "schedule", sourceId: source!.id, minutes: "360" })).body).toEqual({
      ok: true,
      intent: "schedule",
      message: "Schedule saved",
    });
    expect((await page()).sources[0]).toMatchObject({ scheduleMinutes: 360 });
    expect(await post({ intent: "schedule", sourceId: source!.id, minutes: "7" })).toMatchObject({
      status: 400,
      body: { ok: false },
    });
    expect(await post({ intent: "schedule", sourceId: source!.id, minutes: "60" }, OTHER_STORE)).toMatchObject({
      status: 404,
    });
    expect((await page()).sources[0]).toMatchObject({ scheduleMinutes: 360 });
  });
});

describe("the feeds showing a source", () => {
  it("a source in no feed says so: no feed names, and none of its posts shown", async () => {
    await synced(5); // the first account: "Main"
    const second = await synced(8); // later accounts join no feed until the merchant adds them
    const { sources, posts } = await page(`?source=${second.sourceId}`);
    expect(sources.map((source) => source.feedNames)).toEqual([["Main"], []]);
    expect(posts).toMatchObject({ total: 8, shownCount: 0 });
    expect(posts!.posts.every((p) => !p.shown && !p.hidden)).toBe(true);
  });

  it("lists every live feed showing the source, and counts its posts shown in at least one of them", async () => {
    const first = await synced(20);
    const second = await synced(30);
    const feedOf = (name: string) =>
      db().feed.findFirstOrThrow({
        where: { shop: SHOP, name },
        include: { sources: { select: { sourceId: true }, orderBy: { position: "asc" } } },
      });
    // "Summer" shows the 5 newest posts of both accounts, merged.
    await newFeed("Summer", [second.sourceId, first.sourceId], { maxPosts: "5" });
    const summer = await feedPosts(await feedOf("Summer"));
    expect(summer).toHaveLength(5);
    const summerOfSecond = summer.filter((item) => item.sourceId === second.sourceId).map((item) => item.id);
    const both = await page(`?source=${second.sourceId}`);
    expect(both.sources.map((source) => source.feedNames)).toEqual([["Main", "Summer"], ["Summer"]]);
    expect(both.posts!.shownCount).toBe(summerOfSecond.length);
    expect(
      both
        .posts!.posts.filter((p) => p.shown)
        .map((p) => p.id)
        .sort(),
    ).toEqual(summerOfSecond.sort());

    // A post shown by two feeds counts once: "Wide" shows the second account's 25 newest, Summer's among them.
    await newFeed("Wide", [second.sourceId], { maxPosts: "25" });
    const wide = await page(`?source=${second.sourceId}`);
    expect(wide.sources[1]!.feedNames).toEqual(["Summer", "Wide"]);
    expect(wide.posts!.shownCount).toBe(25);

    // Deleted feeds show nothing, so they don't count.
    await db().feed.updateMany({
      where: { shop: SHOP, name: { in: ["Summer", "Wide"] } },
      data: { deletedAt: new Date() },
    });
    const after = await page(`?source=${second.sourceId}`);
    expect(after.sources.map((source) => source.feedNames)).toEqual([["Main"], []]);
    expect(after.posts!.shownCount).toBe(0);
    expect((await page(`?source=${first.sourceId}`)).posts!.shownCount).toBe(12);
  });
});

describe("curation", () => {
  it("hide and pin persist, and decide the feed's list and order", async () => {
    const { fakeAccount, sourceId } = await synced(12);
    const ids = fakeAccount.media.map((media) => media.id);
    expect(await mainFeed()).toEqual(ids);
    const itemId = async (instagramId: string) =>
      (await db().mediaItem.findFirstOrThrow({ where: { sourceId, instagramId } })).id;

    await db().feed.updateMany({ data: { requestedAt: null } });
    expect((await post({ intent: "hide", itemId: await itemId(ids[0]!) })).body).toEqual({
      ok: true,
      intent: "hide",
      message: "Post hidden",
      undone: false,
      pinnedBefore: null,
    });
    // The feed showing it follows.
    expect((await db().feed.findFirstOrThrow({ where: { shop: SHOP, name: "Main" } })).requestedAt).not.toBeNull();
    expect((await post({ intent: "pin", itemId: await itemId(ids[7]!) })).body).toEqual({
      ok: true,
      intent: "pin",
      message: "Post pinned — moved to the top of the feed",
      undone: false,
      pinnedBefore: null,
    });
    clock.advance(MINUTE);
    await post({ intent: "pin", itemId: await itemId(ids[9]!) });
    expect(await mainFeed()).toEqual([ids[9], ids[7], ...ids.slice(1, 7), ids[8], ...ids.slice(10)]);

    const { posts } = await page();
    expect(posts!.posts.slice(0, 2).map((p) => [p.instagramId, p.pinned])).toEqual([
      [ids[9], true],
      [ids[7], true],
    ]);
    expect(posts!.posts.find((p) => p.instagramId === ids[0])).toMatchObject({ hidden: true, shown: false });
    expect(posts!.shownCount).toBe(11);

    // A re-sync keeps the merchant's choices.
    await post({ intent: "sync", sourceId });
    await runJob();
    expect(await mainFeed()).toEqual([ids[9], ids[7], ...ids.slice(1, 7), ids[8], ...ids.slice(10)]);

    await post({ intent: "show", itemId: await itemId(ids[0]!) });
    await post({ intent: "unpin", itemId: await itemId(ids[9]!) });
    expect(await mainFeed()).toEqual([ids[7], ...ids.filter((id) => id !== ids[7])]);
  });

  it("Undo makes exactly the opposite change: a hidden post shown again, an unpinned post back in its place among the pins", async () => {
    const { fakeAccount, sourceId } = await synced(6);
    const ids = fakeAccount.media.map((media) => media.id);
    const itemId = async (instagramId: string) =>
      (await db().mediaItem.findFirstOrThrow({ where: { sourceId, instagramId } })).id;

    const hidden = await itemId(ids[2]!);
    await post({ intent: "hide", itemId: hidden });
    expect((await post({ intent: "show", itemId: hidden, undo: "1" })).body).toEqual({
      ok: true,
      intent: "show",
      message: "Post shown again",
      undone: true,
      pinnedBefore: null,
    });
    expect(await db().mediaItem.findUniqueOrThrow({ where: { id: hidden } })).toMatchObject({ hidden: false });

    const [first, second] = [await itemId(ids[4]!), await itemId(ids[5]!)];
    await post({ intent: "pin", itemId: first });
    clock.advance(MINUTE);
    await post({ intent: "pin", itemId: second });
    const pinnedAt = (await db().mediaItem.findUniqueOrThrow({ where: { id: first } })).pinnedAt!;
    expect(await mainFeed()).toEqual([ids[5], ids[4], ...ids.slice(0, 4)]);

    // Unpinning says where the post went and what it was; Undo pins it back at its earlier place (under
    // the later pin), not on top as a new pin would.
    clock.advance(MINUTE);
    const unpinned = await post({ intent: "unpin", itemId: first });
    expect(unpinned.body).toEqual({
      ok: true,
      intent: "unpin",
      message: "Post unpinned — back in date order",
      undone: false,
      pinnedBefore: pinnedAt.toISOString(),
    });
    expect(await mainFeed()).toEqual([ids[5], ...ids.slice(0, 5)]);
    clock.advance(MINUTE);
    const undone = await post({ intent: "pin", itemId: first, undo: "1", pinnedAt: unpinned.body.pinnedBefore });
    expect(undone.body).toMatchObject({
      ok: true,
      intent: "pin",
      message: "Post pinned again — back at the top of the feed",
      undone: true,
      pinnedBefore: null,
    });
    expect((await db().mediaItem.findUniqueOrThrow({ where: { id: first } })).pinnedAt).toEqual(pinnedAt);
    expect(await mainFeed()).toEqual([ids[5], ids[4], ...ids.slice(0, 4)]);

    // Undo of a pin: unpinned, back in date order.
    const third = await itemId(ids[3]!);
    await post({ intent: "pin", itemId: third });
    expect((await post({ intent: "unpin", itemId: third, undo: "1" })).body).toMatchObject({
      message: "Post unpinned — back in date order",
      undone: true,
    });
    expect(await mainFeed()).toEqual([ids[5], ids[4], ...ids.slice(0, 4)]);

    // A pin time can't be set in the future (it would go above every later pin): it is now at the latest.
    const future = new Date(clock.nowMs() + 365 * 24 * 60 * MINUTE).toISOString();
    await post({ intent: "pin", itemId: third, pinnedAt: future });
    expect((await db().mediaItem.findUniqueOrThrow({ where: { id: third } })).pinnedAt).toEqual(
      new Date(clock.nowMs()),
    );
    expect(await post({ intent: "pin", itemId: third, pinnedAt: "yesterday" })).toMatchObject({
      status: 400,
      body: { ok: false },
    });
  });

  it("another shop's posts can't be touched", async () => {
    const { sourceId } = await synced(3);
    const item = await db().mediaItem.findFirstOrThrow({ where: { sourceId } });
    expect(await post({ intent: "hide", itemId: item.id }, OTHER_STORE)).toMatchObject({
      status: 404,
      body: { ok: false },
    });
    expect((await db().mediaItem.findUniqueOrThrow({ where: { id: item.id } })).hidden).toBe(false);
  });

  it("filters are no longer set here (they belong to feeds): the page doesn't understand the request", async () => {
    const { sourceId } = await synced(3);
    const before = await db().feed.findFirstOrThrow({ where: { shop: SHOP } });
    const form = {
      intent: "filters",
      sourceId,
      includeWords: "",
      excludeWords: "",
      mediaTypes: "IMAGE",
      maxPosts: "1",
    };
    expect(await post(form)).toEqual({
      status: 400,
      body: { ok: false, intent: "unknown", message: "That request wasn't understood. Reload the page and try again." },
    });
    expect(await db().feed.findFirstOrThrow({ where: { shop: SHOP } })).toEqual(before);
  });

  it("captions with markup come back as the very same text (the page escapes them; nothing is interpreted)", async () => {
    const { sourceId } = await synced(8);
    const { posts } = await page(`?source=${sourceId}`);
    expect(posts!.posts.map((p) => p.caption)).toContain(XSS_CAPTION);
  });
});
