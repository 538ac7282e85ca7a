// Publishing shoppable posts through the fake Admin API (over HTTP, every document executed against
// Shopify's 2025-10 schema): each post of a feed carries the ids of its tagged products that the
// storefront may show (ACTIVE, on the Online Store, still existing), the feed's products go to a
// list.product_reference metafield for Liquid's live product objects, and the product-page gallery maps
// each product to its newest posts with images hosted like the feeds'. Without read_products everything
// still publishes, without products.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { FEED_PRODUCTS_MAX, FeedDocument, feedMetafieldKey, feedProductsKey } from "../../app/feed/feed-document";
import { deleteFeed } from "../../app/feed/feeds.server";
import { GALLERY_MAX_BYTES, GALLERY_METAFIELD, GalleryDocument } from "../../app/feed/gallery-document";
import { requestPublish } from "../../app/feed/publish-request.server";
import { publishShopFeeds, queueRequestedPublishes } from "../../app/feed/publish.server";
import { tagProducts, untagProduct } from "../../app/products/tags.server";
import { setHidden } from "../../app/sync/curation.server";
import { action as scopesUpdateWebhook } from "../../app/routes/webhooks.app.scopes_update";
import { action as uninstalledWebhook } from "../../app/routes/webhooks.app.uninstalled";
import { DAY, frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { useFakeShopifyAdmin } from "../support/shopify-admin";
import { callRoute, SHOP, seedOfflineSession } from "../support/shopify";
import { syncQueuedRuns } from "../support/sync";
import { shopifyWebhook } from "../support/webhooks";

const instagram = useFakeInstagram();
const shopifyAdmin = useFakeShopifyAdmin();
const FAST = { pollIntervalMs: 5, maxWaitMs: 5_000 };
const NAMESPACE = "social_feed";
let clock: ReturnType<typeof frozenClock>;

type ProductName = "mug" | "tee" | "draft" | "archived" | "offline";
let products: Record<ProductName, string>;
let mainId: string;
/** The shop's posts, newest first: database ids and Instagram ids. */
let posts: Array<{ id: string; instagramId: string }>;

const numeric = (gid: string) => gid.split("/").at(-1)!;
const feed = () => FeedDocument.parse(shopifyAdmin.fake.metafield(SHOP, NAMESPACE, feedMetafieldKey(mainId)));
const productsList = (feedId = mainId) => shopifyAdmin.fake.metafield(SHOP, NAMESPACE, feedProductsKey(feedId));
const galleryValue = () => shopifyAdmin.fake.metafield(SHOP, NAMESPACE, GALLERY_METAFIELD.key);
const gallery = () => GalleryDocument.parse(galleryValue());
const productsOf = (instagramId: string) => feed().posts.find((post) => post.id === instagramId)?.products;
const callsTo = (operation: string) => shopifyAdmin.fake.calls.filter((call) => call.operation === operation).length;
const liveFileUrls = () => new Set(shopifyAdmin.fake.files(SHOP).map((file) => file.image?.url));

async function tag(postIndexes: number[], names: ProductName[] | string[]) {
  const productIds = names.map((name) => products[name as ProductName] ?? name);
  const result = await tagProducts(SHOP, { itemIds: postIndexes.map((i) => posts[i]!.id), productIds });
  expect(result).toMatchObject({ ok: true });
}

async function publish() {
  const outcomes = await publishShopFeeds(SHOP, FAST);
  expect(outcomes.filter((outcome) => outcome.status === "failed")).toEqual([]);
  return outcomes;
}

/** What the merchant's consent (or its withdrawal) does: Shopify changes the scopes and tells the app. */
async function setProductAccess(granted: boolean) {
  const { fake } = shopifyAdmin;
  await (granted ? fake.grantScopes(SHOP, ["read_products"]) : fake.revokeScopes(SHOP, ["read_products"]));
  const current = fake.scopes(SHOP);
  const response = await callRoute(
    scopesUpdateWebhook,
    shopifyWebhook("app/scopes_update", { current }, { shop: SHOP }),
  );
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  await seedOfflineSession();
  instagram.fake.addAccount({ username: "shop.the.look", mediaCount: 20 });
  const { fake } = shopifyAdmin;
  const add = (input: Parameters<typeof fake.addProduct>[1]) => fake.addProduct(SHOP, input).id;
  products = {
    mug: add({ title: "Stoneware Mug" }),
    tee: add({ title: "Studio Tee" }),
    draft: add({ title: "Next Season Vase", status: "DRAFT" }),
    archived: add({ title: "Old Bowl", status: "ARCHIVED" }),
    offline: add({ title: "Wholesale Plate", publishedOnOnlineStore: false }),
  };
});

beforeEach(async () => {
  clock = frozenClock();
  await db().instagramAccount.deleteMany();
  await db().hostedFile.deleteMany();
  await db().feed.deleteMany();
  await db().productGallery.deleteMany();
  await setProductAccess(true);
  await connectAccount(instagram.fake, "shop.the.look");
  await syncQueuedRuns();
  ({ id: mainId } = await db().feed.findFirstOrThrow({ where: { shop: SHOP } }));
  posts = await db().mediaItem.findMany({
    where: { source: { shop: SHOP } },
    orderBy: { postedAt: "desc" },
    select: { id: true, instagramId: true },
  });
});
afterEach(() => clock.restore());

describe("feeds with products", () => {
  it("each post carries its products' ids in tagging order; the feed's products metafield lists them", async () => {
    await tag([0], ["tee", "mug"]);
    await tag([1, 2], ["mug"]);
    await publish();

    expect(feed().version).toBe(3);
    expect(productsOf(posts[0]!.instagramId)).toEqual([numeric(products.tee), numeric(products.mug)]);
    expect(productsOf(posts[1]!.instagramId)).toEqual([numeric(products.mug)]);
    expect(productsOf(posts[3]!.instagramId)).toEqual([]);
    // Liquid reads these as live product objects: first appearance order, each once.
    expect(productsList()).toEqual([products.tee, products.mug]);
  });

  it("a draft, an archived product, one not on the Online Store and a deleted one are left out", async () => {
    const doomed = shopifyAdmin.fake.addProduct(SHOP, { title: "Sold Out Forever" }).id;
    await tag([0], ["draft", "archived", "offline", doomed, "mug"]);
    // Deleted between tagging and publishing (its products/delete webhook not arrived yet).
    shopifyAdmin.fake.deleteProduct(SHOP, doomed);
    await publish();

    expect(productsOf(posts[0]!.instagramId)).toEqual([numeric(products.mug)]);
    expect(productsList()).toEqual([products.mug]);
    // The deleted product's tag is gone, as products/delete would have done; the others may come back.
    const tagged = await db().productTag.findMany({ where: { itemId: posts[0]!.id }, select: { productId: true } });
    expect(tagged.map((row) => row.productId).sort()).toEqual(
      [products.draft, products.archived, products.offline, products.mug].sort(),
    );
  });

  it("without read_products, posts publish without products and nothing fails", async () => {
    await tag([0, 5], ["mug"]);
    await publish();
    expect(productsList()).toEqual([products.mug]);

    // The merchant withdrew the permission; Shopify's app/scopes_update has not reached the app yet.
    await shopifyAdmin.fake.revokeScopes(SHOP, ["read_products"]);
    await requestPublish(SHOP);
    const outcomes = await publish();
    expect(outcomes).toEqual([expect.objectContaining({ feedId: mainId, status: "published" })]);
    expect(feed().posts.every((post) => post.products.length === 0)).toBe(true);
    expect(productsList()).toBeUndefined();
    expect(galleryValue()).toBeUndefined();

    // Once the app knows, it does not even ask Shopify about products.
    await setProductAccess(false);
    const lookups = callsTo("nodes");
    await requestPublish(SHOP);
    expect(await publish()).toEqual([expect.objectContaining({ status: "unchanged" })]);
    expect(callsTo("nodes")).toBe(lookups);
    expect(await db().feed.findUniqueOrThrow({ where: { id: mainId } })).toMatchObject({ lastError: null });
  });

  it("nothing changed: nothing is written again", async () => {
    await tag([0], ["mug"]);
    await publish();
    const writes = callsTo("metafieldsSet");
    clock.advance(DAY);
    await requestPublish(SHOP);
    expect(await publish()).toEqual([expect.objectContaining({ status: "unchanged" })]);
    expect(callsTo("metafieldsSet")).toBe(writes);
  });

  it("past Shopify's 128 products per list, the products first seen on later posts are left off them", async () => {
    const many = Array.from({ length: 130 }, (_, i) => shopifyAdmin.fake.addProduct(SHOP, { title: `Item ${i}` }).id);
    await db().feed.update({ where: { id: mainId }, data: { maxPosts: 13 } });
    for (let i = 0; i < 13; i += 1) await tag([i], many.slice(i * 10, i * 10 + 10));
    await publish();

    expect(productsList()).toEqual(many.slice(0, FEED_PRODUCTS_MAX));
    expect(productsOf(posts[12]!.instagramId)).toEqual(many.slice(120, 128).map(numeric));
    expect(productsOf(posts[0]!.instagramId)).toEqual(many.slice(0, 10).map(numeric));
  });

  it("a deleted feed takes its products metafield with it", async () => {
    await tag([0], ["mug"]);
    await publish();
    expect(await deleteFeed(SHOP, mainId)).toBe(true);
    await publish();
    expect(shopifyAdmin.fake.metafield(SHOP, NAMESPACE, feedMetafieldKey(mainId))).toBeUndefined();
    expect(productsList()).toBeUndefined();
  });
});

describe("the product-page gallery", () => {
  it("maps each product to its newest posts (at most 12), with images hosted like the feed's", async () => {
    await tag([...Array(15).keys()], ["mug"]); // 15 posts, past the feed's 12
    await tag([3, 16], ["tee", "draft"]); // post 16 is in no feed
    await publish();

    const document = gallery();
    expect(document.version).toBe(1);
    expect(document.products[numeric(products.mug)]).toEqual(posts.slice(0, 12).map((post) => post.instagramId));
    expect(document.products[numeric(products.tee)]).toEqual([posts[3]!.instagramId, posts[16]!.instagramId]);
    expect(document.products[numeric(products.draft)]).toBeUndefined();
    expect(Object.keys(document.posts).sort()).toEqual(
      [...posts.slice(0, 12), posts[16]!].map((post) => post.instagramId).sort(),
    );
    expect(document.accounts.map((account) => account.username)).toEqual(["shop.the.look"]);

    // One hosted file per image, shared with the feed; a post in no feed is hosted for the gallery.
    const live = liveFileUrls();
    const feedImage = new Map(feed().posts.map((post) => [post.id, post.image.url]));
    for (const [id, post] of Object.entries(document.posts)) {
      expect(post.account).toBe(0);
      expect(live.has(post.image.url)).toBe(true);
      if (feedImage.has(id)) expect(post.image.url).toBe(feedImage.get(id));
    }
    expect(JSON.stringify(document)).not.toContain(instagram.fake.origin);
    expect(await db().productGallery.findUniqueOrThrow({ where: { shop: SHOP } })).toMatchObject({
      postCount: 13,
      lastError: null,
      requestedAt: null,
    });
  });

  it("stays under 100 KB by dropping the oldest posts, from every product that showed them", async () => {
    const account = instagram.fake.addAccount({ username: "big.gallery", mediaCount: 300 });
    account.media.forEach((media, i) => (media.caption = `Post ${i}: ${"a long and winding caption ".repeat(6)}`));
    await connectAccount(instagram.fake, "big.gallery");
    await syncQueuedRuns();
    const big = await db().mediaItem.findMany({
      where: { source: { account: { username: "big.gallery" } } },
      orderBy: { postedAt: "desc" },
      select: { id: true, instagramId: true },
    });
    const many = Array.from({ length: 25 }, (_, i) => shopifyAdmin.fake.addProduct(SHOP, { title: `Big ${i}` }).id);
    for (const [i, product] of many.entries()) {
      const result = await tagProducts(SHOP, {
        itemIds: big.slice(i * 12, i * 12 + 12).map((p) => p.id),
        productIds: [product],
      });
      expect(result).toMatchObject({ ok: true });
    }
    await publish();

    const document = gallery();
    expect(Buffer.byteLength(JSON.stringify(document))).toBeLessThanOrEqual(GALLERY_MAX_BYTES);
    const kept = Object.keys(document.posts);
    expect(kept.length).toBeGreaterThan(100);
    expect(kept.length).toBeLessThan(300);
    // Exactly the newest posts stayed; each product lists only those, and the oldest products are gone.
    expect(kept.sort()).toEqual(
      big
        .slice(0, kept.length)
        .map((p) => p.instagramId)
        .sort(),
    );
    expect(document.products[numeric(many[0]!)]).toEqual(big.slice(0, 12).map((p) => p.instagramId));
    expect(document.products[numeric(many[24]!)]).toBeUndefined();
    for (const postIds of Object.values(document.products)) for (const id of postIds) expect(kept).toContain(id);
  });

  it("a hidden post leaves the gallery", async () => {
    await tag([0, 1], ["mug"]);
    await publish();
    expect(await setHidden(SHOP, posts[0]!.id, true)).toBe(true);
    await publish();
    expect(gallery().products[numeric(products.mug)]).toEqual([posts[1]!.instagramId]);
  });

  it("a file the gallery uses is not deleted when the feeds stop showing its post", async () => {
    await tag([2], ["mug"]);
    await publish();
    const url = gallery().posts[posts[2]!.instagramId]!.image.url;
    // The feed now shows only its newest two posts: post 2's file is the gallery's alone.
    await db().feed.update({ where: { id: mainId }, data: { maxPosts: 2, requestedAt: new Date() } });
    await publish();
    expect(feed().posts.map((post) => post.id)).not.toContain(posts[2]!.instagramId);
    expect(callsTo("fileDelete")).toBeGreaterThan(0);
    expect(liveFileUrls().has(url)).toBe(true);
  });

  it("an image that cannot be copied keeps the previous gallery; the sweep retries it a few minutes later", async () => {
    await tag([0], ["mug"]);
    await publish();
    const before = galleryValue();
    // A post in no feed whose Instagram link expired before Shopify could fetch it.
    await db().mediaItem.update({
      where: { id: posts[18]!.id },
      data: {
        mediaType: "IMAGE",
        children: null,
        mediaUrl: `${instagram.fake.origin}/cdn/expired.jpg?oe=00000001&oh=x`,
      },
    });
    await tag([18], ["tee"]);

    expect(await publish()).toEqual([expect.objectContaining({ feedId: mainId, status: "unchanged" })]);
    expect(galleryValue()).toEqual(before);
    expect(await db().productGallery.findUniqueOrThrow({ where: { shop: SHOP } })).toMatchObject({
      lastError: expect.stringMatching(/could not be copied/),
      requestedAt: expect.any(Date),
    });
    expect(await queueRequestedPublishes()).toBe(0);
    clock.advance(6 * 60_000);
    expect(await queueRequestedPublishes()).toBe(1);
  });

  it("untagging everything deletes the products metafield, empties the gallery and tidies its files", async () => {
    await tag([0], ["mug"]);
    await tag([17], ["tee"]); // in no feed: its file is the gallery's alone
    await publish();
    const galleryOnly = gallery().posts[posts[17]!.instagramId]!.image.url;
    expect(productsList()).toEqual([products.mug]);

    await untagProduct(SHOP, posts[0]!.id, products.mug);
    await untagProduct(SHOP, posts[17]!.id, products.tee);
    await publish();
    expect(productsOf(posts[0]!.instagramId)).toEqual([]);
    expect(productsList()).toBeUndefined();
    expect(galleryValue()).toBeUndefined();
    expect(liveFileUrls().has(galleryOnly)).toBe(false);
    expect(await db().productGallery.findUniqueOrThrow({ where: { shop: SHOP } })).toMatchObject({
      hash: null,
      imageKeys: "[]",
    });
  });

  it("an uninstall forgets the publishing state; after reinstalling, the feeds and the gallery are published again", async () => {
    await tag([0], ["mug"]);
    await publish();
    const response = await callRoute(uninstalledWebhook, shopifyWebhook("app/uninstalled", {}, { shop: SHOP }));
    expect(response.status).toBe(200);
    expect(await db().productGallery.count({ where: { shop: SHOP } })).toBe(0);

    await seedOfflineSession(); // reinstalled
    await setProductAccess(true);
    const writes = callsTo("metafieldsSet");
    const entries = callsTo("metaobjectUpsert");
    await requestPublish(SHOP);
    await publishShopFeeds(SHOP, FAST);
    // The old installation's metafields and picker entries went with it, though the posts didn't change.
    expect(callsTo("metafieldsSet")).toBe(writes + 2); // the feed (with its products) and the gallery
    expect(callsTo("metaobjectUpsert")).toBe(entries + 1);
    expect(gallery().products[numeric(products.mug)]).toEqual([posts[0]!.instagramId]);
  });
});
