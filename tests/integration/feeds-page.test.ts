// The Feeds page and the feed editor through their real route modules (signed admin requests, real
// PostgreSQL, the fake Instagram and the fake Admin API over HTTP): creating, editing and deleting feeds,
// every refusal leaving the database as it was, another shop's feeds and accounts out of reach, and the
// editor's preview showing exactly the posts the storefront's document gets.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { API_KEY, API_SECRET_KEY, APP_URL, RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { db } from "../../app/db.server";
import { FEED_METAOBJECT_TYPE, FeedDocument, feedMetafieldKey } from "../../app/feed/feed-document";
import { FEED_PROBLEM_TEXT } from "../../app/feed/feeds.server";
import { publishShopFeeds } from "../../app/feed/publish.server";
import { requestPublish } from "../../app/feed/publish-request.server";
import { BLOCK_LAYOUT_CSS } from "../../app/components/feeds/block-styles";
import { loader as listLoader } from "../../app/routes/app.feeds._index";
import { action as newAction, loader as newLoader } from "../../app/routes/app.feeds.new";
import { action as editAction, loader as editLoader } from "../../app/routes/app.feeds.$id";
import { loader as previewLoader } from "../../app/routes/app.feeds.preview";
import { frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { useFakeShopifyAdmin } from "../support/shopify-admin";
import { SHOP, STORE, adminGet, callRoute, seedOfflineSession } from "../support/shopify";
import { syncQueuedRuns } from "../support/sync";

const instagram = useFakeInstagram();
const shopifyAdmin = useFakeShopifyAdmin();
const FAST = { pollIntervalMs: 5, maxWaitMs: 5_000 };
const OTHER_STORE = "other-feeds-shop";
const OTHER_SHOP = `${OTHER_STORE}.myshopify.com`;
const ALL_KINDS = ["IMAGE", "VIDEO", "CAROUSEL_ALBUM", "REELS"];
let clock: ReturnType<typeof frozenClock>;

/** The ids this test works with: each shop's sources by account, and each shop's "Main" feed. */
let one: string, two: string, otherSource: string, mainId: string, otherMainId: string;

beforeAll(async () => {
  await seedOfflineSession();
  await seedOfflineSession(OTHER_SHOP);
  instagram.fake.addAccount({ username: "feeds.one", mediaCount: 30 });
  instagram.fake.addAccount({ username: "feeds.two", mediaCount: 10 });
  instagram.fake.addAccount({ username: "feeds.elsewhere", mediaCount: 6 });
});
beforeEach(async () => {
  clock = frozenClock();
  await db().instagramAccount.deleteMany();
  await db().hostedFile.deleteMany();
  await db().feed.deleteMany();
  await connectAccount(instagram.fake, "feeds.one");
  clock.advance(1000); // connected in this order: feeds.one is the shop's first account
  await connectAccount(instagram.fake, "feeds.two");
  await connectAccount(instagram.fake, "feeds.elsewhere", OTHER_SHOP);
  await syncQueuedRuns({ settings: { sleep: async () => undefined } });
  const sourceOf = async (username: string) =>
    (await db().mediaSource.findFirstOrThrow({ where: { account: { username } } })).id;
  [one, two, otherSource] = [
    await sourceOf("feeds.one"),
    await sourceOf("feeds.two"),
    await sourceOf("feeds.elsewhere"),
  ];
  ({ id: mainId } = await db().feed.findFirstOrThrow({ where: { shop: SHOP } }));
  ({ id: otherMainId } = await db().feed.findFirstOrThrow({ where: { shop: OTHER_SHOP } }));
});
afterEach(() => clock.restore());

// ---- requests as the pages send them ----

type Form = Record<string, string | string[]>;
function formBody(form: Form): URLSearchParams {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form))
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  return body;
}
/** A form post from the editor (App Bridge's session token in the header); lists are repeated fields. */
async function postTo(path: string, form: Form, store = STORE): Promise<Response> {
  const request = new Request(`${APP_URL}${path}`, { method: "POST", body: formBody(form) });
  const signed = setUpValidRequest(
    { type: RequestType.Bearer, store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    request,
  );
  const id = /^\/app\/feeds\/([^/?]+)$/.exec(path)?.[1];
  return id === "new" ? callRoute(newAction, signed) : callRoute(editAction, signed, { id: id! });
}
const reply = async (response: Response) => ({ status: response.status, body: await response.json() });

async function list(query = "", store = STORE) {
  const response = await callRoute(listLoader, adminGet(`/app/feeds${query}`, store));
  expect(response.status).toBe(200);
  return response.json();
}
async function editor(id: string, store = STORE) {
  return callRoute(editLoader, adminGet(`/app/feeds/${id}`, store), { id });
}
async function preview(query: Form, store = STORE) {
  const response = await callRoute(previewLoader, adminGet(`/app/feeds/preview?${formBody(query)}`, store));
  return reply(response);
}

/** Everything about the shop's feeds that a refused request must leave as it was. */
const snapshot = async () =>
  db().feed.findMany({
    orderBy: { id: "asc" },
    include: { sources: { orderBy: { position: "asc" } } },
  });

const settings = (overrides: Form = {}): Form => ({
  intent: "save",
  name: "Summer",
  sourceIds: [one, two],
  includeWords: "",
  excludeWords: "",
  mediaTypes: ALL_KINDS,
  maxPosts: "12",
  ...overrides,
});
async function create(overrides: Form = {}): Promise<string> {
  const response = await postTo("/app/feeds/new", settings(overrides));
  expect(response.status).toBe(302);
  const name = String(overrides.name ?? "Summer");
  return (await db().feed.findFirstOrThrow({ where: { shop: SHOP, name, deletedAt: null } })).id;
}
async function versionOf(id: string): Promise<string> {
  const response = await editor(id);
  expect(response.status).toBe(200);
  return (await response.json()).feed.version;
}
const metaobjectOf = (id: string) =>
  shopifyAdmin.fake.metaobjects(SHOP, FEED_METAOBJECT_TYPE).find((entry) => entry.fields.key === feedMetafieldKey(id));

describe("the Feeds page", () => {
  it("lists the shop's feeds with their accounts, and none of another shop's", async () => {
    const page = await list();
    expect(page).toMatchObject({ accountsConnected: true, done: null });
    expect(page.feeds).toEqual([
      expect.objectContaining({
        id: mainId,
        name: "Main",
        sources: [{ id: one, username: "feeds.one", accountStatus: "active" }],
        updating: true,
      }),
    ]);
    expect((await list("", OTHER_STORE)).feeds.map((feed: { id: string }) => feed.id)).toEqual([otherMainId]);
  });

  it("says a feed's account needs reconnecting, and a feed left without accounts", async () => {
    await db().instagramAccount.updateMany({ where: { username: "feeds.one" }, data: { status: "needs_reconnect" } });
    const summer = await create({ sourceIds: [two] });
    await db().feedSource.deleteMany({ where: { feedId: summer } });
    const { feeds } = await list();
    expect(feeds.find((feed: { id: string }) => feed.id === mainId).sources).toEqual([
      { id: one, username: "feeds.one", accountStatus: "needs_reconnect" },
    ]);
    expect(feeds.find((feed: { id: string }) => feed.id === summer).sources).toEqual([]);
  });

  it("counts the posts actually published, and shows a publishing failure", async () => {
    await publishShopFeeds(SHOP, FAST);
    const [main] = (await list()).feeds;
    expect(main).toMatchObject({ updating: false, postCount: 12, lastError: null, publishedAt: expect.any(String) });
    await db().feed.update({ where: { id: mainId }, data: { lastError: "Shopify didn't answer." } });
    expect((await list()).feeds[0]).toMatchObject({ postCount: 12, lastError: "Shopify didn't answer." });
  });

  it("passes on only the toasts it knows, after a save", async () => {
    for (const done of ["created", "saved", "deleted"]) expect((await list(`?done=${done}`)).done).toBe(done);
    expect((await list("?done=<b>hacked</b>")).done).toBeNull();
  });

  it("with no account connected there are no feeds, and the page says to connect one", async () => {
    await db().instagramAccount.deleteMany({ where: { shop: SHOP } });
    await db().feed.deleteMany({ where: { shop: SHOP } });
    expect(await list()).toMatchObject({ feeds: [], accountsConnected: false });
  });
});

describe("creating a feed", () => {
  it("saves it with its accounts in the order ticked and its filters, asks for publishing, and lists it", async () => {
    const response = await postTo(
      "/app/feeds/new",
      settings({
        name: "  Summer   lookbook ",
        sourceIds: [two, one],
        includeWords: "#summer, beach",
        excludeWords: "#ad",
        mediaTypes: ["IMAGE", "CAROUSEL_ALBUM"],
        maxPosts: "6",
      }),
    );
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("Location")!, APP_URL).pathname).toBe("/app/feeds");
    expect(new URL(response.headers.get("Location")!, APP_URL).searchParams.get("done")).toBe("created");

    const feed = await db().feed.findFirstOrThrow({
      where: { shop: SHOP, name: "Summer lookbook" },
      include: { sources: { orderBy: { position: "asc" } } },
    });
    expect(feed).toMatchObject({
      includeWords: "#summer\nbeach",
      excludeWords: "#ad",
      mediaTypes: "IMAGE,CAROUSEL_ALBUM",
      maxPosts: 6,
      requestedAt: expect.any(Date),
    });
    expect(feed.sources.map((source) => source.sourceId)).toEqual([two, one]);
    expect((await list()).feeds.map((listed: { name: string }) => listed.name)).toEqual(["Main", "Summer lookbook"]);

    // The publish job puts it in the theme editor's picker, by name, with its own document.
    const outcomes = await publishShopFeeds(SHOP, FAST);
    expect(outcomes).toContainEqual(expect.objectContaining({ feedId: feed.id, status: "published" }));
    expect(metaobjectOf(feed.id)?.fields.name).toBe("Summer lookbook");
    expect(shopifyAdmin.fake.metafield(SHOP, "social_feed", feedMetafieldKey(feed.id))).toBeDefined();
  });

  it("refuses a name that is empty, too long or already taken in another case (400), and saves nothing", async () => {
    const before = await snapshot();
    for (const [name, message] of [
      ["", expect.stringMatching(/^Give the feed a name/)],
      ["   ", expect.stringMatching(/^Give the feed a name/)],
      ["x".repeat(61), "Keep the name to 60 characters or fewer."],
      ["main", FEED_PROBLEM_TEXT.duplicate_name],
      [" MAIN ", FEED_PROBLEM_TEXT.duplicate_name],
    ] as const) {
      const result = await reply(await postTo("/app/feeds/new", settings({ name })));
      expect(result).toEqual({
        status: 400,
        body: expect.objectContaining({ ok: false, fieldErrors: { name: message } }),
      });
    }
    expect(await snapshot()).toEqual(before);
    await create({ name: "y".repeat(60) }); // 60 is allowed
  });

  it("refuses bad filters and no accounts with a message under each field (400)", async () => {
    const before = await snapshot();
    const result = await reply(
      await postTo(
        "/app/feeds/new",
        settings({ sourceIds: [], includeWords: "sale", excludeWords: "Sale", mediaTypes: [], maxPosts: "51" }),
      ),
    );
    expect(result).toEqual({
      status: 400,
      body: {
        ok: false,
        fieldErrors: {
          sourceIds: "Choose at least one account whose posts this feed shows.",
          excludeWords: "“sale” is in both lists: take it out of one of them.",
          mediaTypes: "Choose at least one kind of post to show.",
          maxPosts: "Show at most 50 posts.",
        },
      },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses another shop's account (400), and saves nothing", async () => {
    const before = await snapshot();
    const result = await reply(await postTo("/app/feeds/new", settings({ sourceIds: [one, otherSource] })));
    expect(result).toEqual({
      status: 400,
      body: { ok: false, problem: "foreign_source", message: FEED_PROBLEM_TEXT.foreign_source },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("the new-feed editor ticks the only account, with its preview; with several, none", async () => {
    let page = await (await callRoute(newLoader, adminGet("/app/feeds/new"))).json();
    expect(page.initial).toEqual({
      name: "",
      sourceIds: [],
      filters: { includeWords: [], excludeWords: [], mediaTypes: ALL_KINDS, maxPosts: 12 },
    });
    expect(page.sources.map((source: { username: string }) => source.username)).toEqual(["feeds.one", "feeds.two"]);
    expect(page.preview).toEqual([]);

    page = await (await callRoute(newLoader, adminGet("/app/feeds/new", OTHER_STORE))).json();
    expect(page.initial.sourceIds).toEqual([otherSource]);
    expect(page.preview).toHaveLength(6);
  });
});

describe("editing a feed", () => {
  it("saves its name, accounts and filters, and asks for publishing", async () => {
    const id = await create();
    await publishShopFeeds(SHOP, FAST);
    const version = await versionOf(id);
    const response = await postTo(
      `/app/feeds/${id}`,
      settings({
        version,
        name: "Autumn",
        sourceIds: [two],
        excludeWords: "#ad",
        mediaTypes: ["VIDEO"],
        maxPosts: "3",
      }),
    );
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("Location")!, APP_URL).searchParams.get("done")).toBe("saved");

    const page = await (await editor(id)).json();
    expect(page.feed).toMatchObject({
      name: "Autumn",
      sources: [{ id: two, username: "feeds.two" }],
      filters: { includeWords: [], excludeWords: ["#ad"], mediaTypes: ["VIDEO"], maxPosts: 3 },
      updating: true,
    });
    expect(page.feed.version).not.toBe(version);
    await publishShopFeeds(SHOP, FAST);
    expect(metaobjectOf(id)?.fields.name).toBe("Autumn");
  });

  it("a form stays good while the feed is published in the background (only a save makes it stale)", async () => {
    const id = await create();
    const version = await versionOf(id);
    await publishShopFeeds(SHOP, FAST);
    await requestPublish(SHOP, { feedIds: [id] }); // a sync or a pin asks for it again
    clock.advance(60_000);
    const response = await postTo(`/app/feeds/${id}`, settings({ version, name: "Summer sale" }));
    expect(response.status).toBe(302);
  });

  it("refuses a save from a form opened before another window's save (409), and changes nothing", async () => {
    const id = await create();
    const opened = await versionOf(id);
    expect((await postTo(`/app/feeds/${id}`, settings({ version: opened, maxPosts: "20" }))).status).toBe(302);
    const before = await snapshot();

    const result = await reply(await postTo(`/app/feeds/${id}`, settings({ version: opened, name: "Mine wins" })));
    expect(result).toEqual({ status: 409, body: { ok: false, problem: "stale", message: FEED_PROBLEM_TEXT.stale } });
    expect(await snapshot()).toEqual(before);
    // Reloaded, the form has the latest version, and saves.
    expect(
      (await postTo(`/app/feeds/${id}`, settings({ version: await versionOf(id), name: "Mine wins" }))).status,
    ).toBe(302);
  });

  it("refuses a name that is empty, too long or another feed's in another case (400), and changes nothing", async () => {
    const id = await create();
    const version = await versionOf(id);
    const before = await snapshot();
    for (const name of ["", "x".repeat(61), "mAiN"]) {
      const result = await reply(await postTo(`/app/feeds/${id}`, settings({ version, name, maxPosts: "30" })));
      expect(result).toMatchObject({ status: 400, body: { ok: false, fieldErrors: { name: expect.any(String) } } });
    }
    expect(await snapshot()).toEqual(before);
    // Its own name in another case is no clash.
    expect((await postTo(`/app/feeds/${id}`, settings({ version, name: "SUMMER" }))).status).toBe(302);
  });

  it("refuses another shop's account (400), and changes nothing", async () => {
    const id = await create();
    const version = await versionOf(id);
    const before = await snapshot();
    const result = await reply(await postTo(`/app/feeds/${id}`, settings({ version, sourceIds: [otherSource] })));
    expect(result).toEqual({
      status: 400,
      body: { ok: false, problem: "foreign_source", message: FEED_PROBLEM_TEXT.foreign_source },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("another shop's feed, or one that doesn't exist, is not found (404): not shown, not saved, not deleted", async () => {
    const otherVersion = await (await editor(otherMainId, OTHER_STORE)).json().then((page) => page.feed.version);
    const before = await snapshot();
    expect((await editor(otherMainId)).status).toBe(404);
    expect((await editor("nope")).status).toBe(404);

    const notFound = { ok: false, problem: "not_found", message: FEED_PROBLEM_TEXT.not_found };
    const save = settings({ version: otherVersion, name: "Taken over", sourceIds: [one] });
    expect(await reply(await postTo(`/app/feeds/${otherMainId}`, save))).toEqual({ status: 404, body: notFound });
    expect(await reply(await postTo(`/app/feeds/${otherMainId}`, { intent: "delete" }))).toEqual({
      status: 404,
      body: notFound,
    });
    expect(await reply(await postTo("/app/feeds/nope", { intent: "delete" }))).toEqual({ status: 404, body: notFound });
    expect(await snapshot()).toEqual(before);
  });

  it("a request it doesn't understand changes nothing (400)", async () => {
    const id = await create();
    const before = await snapshot();
    for (const form of [{ intent: "rename" }, settings({ version: "" }), settings()])
      expect((await postTo(`/app/feeds/${id}`, form)).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("deleting a feed", () => {
  it("takes it off the list at once; the publish job removes it from the theme editor's picker", async () => {
    const id = await create();
    await publishShopFeeds(SHOP, FAST);
    expect(metaobjectOf(id)).toBeDefined();

    const response = await postTo(`/app/feeds/${id}`, { intent: "delete" });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("Location")!, APP_URL).searchParams.get("done")).toBe("deleted");
    expect((await list()).feeds.map((feed: { id: string }) => feed.id)).toEqual([mainId]);
    expect((await editor(id)).status).toBe(404);
    expect((await postTo(`/app/feeds/${id}`, { intent: "delete" })).status).toBe(404);

    await publishShopFeeds(SHOP, FAST);
    expect(metaobjectOf(id)).toBeUndefined();
    expect(shopifyAdmin.fake.metafield(SHOP, "social_feed", feedMetafieldKey(id))).toBeUndefined();
    expect(await db().feed.count({ where: { id } })).toBe(0);
    await create(); // its name is free again
  });
});

describe("the editor's preview", () => {
  type Post = { id: string; imageUrl: string; permalink: string; caption: string; mediaType: string };
  const ids = (body: { posts: Post[] }) => body.posts.map((post) => post.id);
  const draft = (overrides: Form = {}): Form => ({
    sourceIds: [one],
    includeWords: "",
    excludeWords: "",
    mediaTypes: ALL_KINDS,
    maxPosts: "12",
    ...overrides,
  });

  it("shows exactly the posts the published document has, in its order", async () => {
    const id = await create({ sourceIds: [two, one], excludeWords: "#ad", maxPosts: "15" });
    const { body } = await preview(draft({ sourceIds: [two, one], excludeWords: "#ad", maxPosts: "15" }));
    expect(body.posts).toHaveLength(15);
    await publishShopFeeds(SHOP, FAST);
    const document = FeedDocument.parse(shopifyAdmin.fake.metafield(SHOP, "social_feed", feedMetafieldKey(id)));
    const items = await db().mediaItem.findMany({ where: { id: { in: ids(body) } } });
    const instagramIdOf = new Map(items.map((item) => [item.id, item.instagramId]));
    expect(ids(body).map((postId) => instagramIdOf.get(postId))).toEqual(document.posts.map((post) => post.id));
    // The editor's loader gives the saved feed's preview too.
    expect((await (await editor(id)).json()).preview.map((post: Post) => post.id)).toEqual(ids(body));
  });

  it("honours the post count and the filters", async () => {
    const newest = await db().mediaItem.findMany({ where: { sourceId: one }, orderBy: { postedAt: "desc" } });
    expect(ids((await preview(draft({ maxPosts: "5" }))).body)).toEqual(newest.slice(0, 5).map((item) => item.id));
    expect((await preview(draft({ maxPosts: "50" }))).body.posts).toHaveLength(30);

    const tagged = [newest[4]!, newest[9]!, newest[20]!];
    for (const item of tagged)
      await db().mediaItem.update({ where: { id: item.id }, data: { caption: "New in: #summer dresses" } });
    expect(ids((await preview(draft({ includeWords: "#summer" }))).body)).toEqual(tagged.map((item) => item.id));
    const without = ids((await preview(draft({ excludeWords: "#SUMMER", maxPosts: "50" }))).body);
    expect(without).toHaveLength(27);
    expect(without).not.toContain(tagged[0]!.id);

    const videos = (await preview(draft({ mediaTypes: ["VIDEO"], maxPosts: "50" }))).body.posts as Post[];
    expect(videos.length).toBeGreaterThan(0);
    expect(videos.every((post) => post.mediaType === "VIDEO")).toBe(true);
  });

  it("never shows another shop's posts", async () => {
    const mixed = (await preview(draft({ sourceIds: [otherSource, one], maxPosts: "50" }))).body;
    const sources = await db().mediaItem.findMany({ where: { id: { in: ids(mixed) } }, select: { sourceId: true } });
    expect(new Set(sources.map((item) => item.sourceId))).toEqual(new Set([one]));
    expect((await preview(draft({ sourceIds: [otherSource] }))).body).toEqual({ ok: true, posts: [] });
    expect((await preview(draft({ sourceIds: [] }))).body).toEqual({ ok: true, posts: [] });
  });

  it("answers bad filters with the fields' messages (400)", async () => {
    expect(await preview(draft({ maxPosts: "0", mediaTypes: [] }))).toEqual({
      status: 400,
      body: {
        ok: false,
        fieldErrors: { mediaTypes: "Choose at least one kind of post to show.", maxPosts: "Show at least 1 post." },
      },
    });
  });

  it("is drawn with the block's own layout CSS (its inline <style>, without the Liquid around it)", () => {
    expect(BLOCK_LAYOUT_CSS).toContain(".sf-list{");
    expect(BLOCK_LAYOUT_CSS).not.toMatch(/\{%|<\/?style/);
  });
});
