// Shoppable posts in the admin, through the real route modules (signed admin requests and webhooks, real
// PostgreSQL, the fake Instagram and the fake Admin API over HTTP, which executes every document against
// Shopify's 2025-10 schema): tagging several products on a post and one product on several posts,
// untagging, the caption's suggestions and their order, and every refusal (a forged id, a deleted product,
// another shop's product or post, a shop without read_products) leaving everything as it was. The
// products/delete webhook takes the product off every post; each change asks for a publish.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { API_KEY, API_SECRET_KEY, APP_URL, RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { db } from "../../app/db.server";
import { TAG_PROBLEMS } from "../../app/products/product-messages";
import { action as tagAction, loader as suggestionsLoader } from "../../app/routes/app.media.tags";
import { loader as mediaLoader } from "../../app/routes/app.media";
import { action as productsDeleteWebhook } from "../../app/routes/webhooks.products.delete";
import { action as scopesUpdateWebhook } from "../../app/routes/webhooks.app.scopes_update";
import { action as shopRedactWebhook } from "../../app/routes/webhooks.shop.redact";
import type { MediaPageData } from "../../app/sync/media-page-data.server";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { useFakeShopifyAdmin } from "../support/shopify-admin";
import { SHOP, STORE, adminGet, callRoute, seedOfflineSession } from "../support/shopify";
import { syncQueuedRuns } from "../support/sync";
import { shopifyWebhook } from "../support/webhooks";

const instagram = useFakeInstagram();
const shopifyAdmin = useFakeShopifyAdmin();
const OTHER_STORE = "tags-other-shop";
const OTHER_SHOP = `${OTHER_STORE}.myshopify.com`;

/** Captions of the shop's posts, newest first (the fake's order): what suggestions read. */
const CAPTIONS = [
  "Sunny mornings in our new #linenshirt with the straw hat. Code LS-01 for the shirt!",
  "Beach day: straw hats and a canvas tote #beach",
  "Nothing to sell here, just the sea",
  "Autumn layers",
  "Totes for everyone",
  "Last light",
];

let posts: string[]; // the shop's post ids, in CAPTIONS order
let otherPost: string;
let products: Record<"shirt" | "hat" | "tote" | "trousers" | "otherShops", string>;

beforeAll(async () => {
  await seedOfflineSession();
  await seedOfflineSession(OTHER_SHOP);
  const account = instagram.fake.addAccount({ username: "tags.one", mediaCount: CAPTIONS.length });
  account.media.forEach((media, index) => (media.caption = CAPTIONS[index]!));
  instagram.fake.addAccount({ username: "tags.elsewhere", mediaCount: 2 });
  await connectAccount(instagram.fake, "tags.one");
  await connectAccount(instagram.fake, "tags.elsewhere", OTHER_SHOP);
  await syncQueuedRuns({ settings: { sleep: async () => undefined } });
  const byInstagramId = new Map(
    (await db().mediaItem.findMany({ where: { source: { shop: SHOP } } })).map((item) => [item.instagramId, item.id]),
  );
  posts = account.media.map((media) => byInstagramId.get(media.id)!);
  otherPost = (await db().mediaItem.findFirstOrThrow({ where: { source: { shop: OTHER_SHOP } } })).id;

  const { fake } = shopifyAdmin;
  const add = (shop: string, input: Parameters<typeof fake.addProduct>[1]) => fake.addProduct(shop, input).id;
  products = {
    shirt: add(SHOP, { title: "Linen Shirt", tags: ["summer"], variants: [{ sku: "LS-01" }] }),
    hat: add(SHOP, { title: "Straw Hat", tags: ["beach", "summer"] }),
    tote: add(SHOP, { title: "Canvas Tote", tags: ["beach"] }),
    trousers: add(SHOP, { title: "Linen Trousers", status: "DRAFT" }),
    otherShops: add(OTHER_SHOP, { title: "Their Linen Shirt" }),
  };
  // The merchant allows product access: Shopify records it and tells the app (app/scopes_update).
  await grantProductAccess(SHOP);
});

beforeEach(async () => {
  await db().productTag.deleteMany();
  await db().feed.updateMany({ data: { requestedAt: null } });
});

async function grantProductAccess(shop: string) {
  await shopifyAdmin.fake.grantScopes(shop, ["read_products"]);
  const current = shopifyAdmin.fake.scopes(shop);
  const response = await callRoute(scopesUpdateWebhook, shopifyWebhook("app/scopes_update", { current }, { shop }));
  expect(response.status).toBe(200);
}

// ---- requests as the page sends them ----

function signedPost(path: string, body: URLSearchParams, store: string) {
  return setUpValidRequest(
    { type: RequestType.Bearer, store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(`${APP_URL}${path}`, { method: "POST", body }),
  );
}
/** Tag: the products on each of the posts (repeated fields, as the page's form sends them). */
async function tag(itemIds: string[], productIds: string[], store = STORE) {
  const body = new URLSearchParams({ intent: "tag" });
  itemIds.forEach((id) => body.append("itemId", id));
  productIds.forEach((id) => body.append("productId", id));
  const response = await callRoute(tagAction, signedPost("/app/media/tags", body, store));
  return { status: response.status, body: await response.json() };
}
async function untag(itemId: string, productId: string, store = STORE) {
  const body = new URLSearchParams({ intent: "untag", itemId, productId });
  const response = await callRoute(tagAction, signedPost("/app/media/tags", body, store));
  return { status: response.status, body: await response.json() };
}
async function suggestions(itemId: string, store = STORE) {
  const response = await callRoute(suggestionsLoader, adminGet(`/app/media/tags?itemId=${itemId}`, store));
  return { status: response.status, body: await response.json() };
}
/** The products Media Sources shows on each post, by post id. */
async function shownTags(): Promise<MediaPageData["productTags"]> {
  const response = await callRoute(mediaLoader, adminGet("/app/media"));
  expect(response.status).toBe(200);
  return ((await response.json()) as MediaPageData).productTags;
}
const tagCount = () => db().productTag.count();
const publishRequested = async (shop = SHOP) =>
  (await db().feed.count({ where: { shop, requestedAt: { not: null } } })) > 0;

describe("tagging", () => {
  it("tags several products on one post, in the order picked, and asks for a publish", async () => {
    const reply = await tag([posts[0]!], [products.hat, products.shirt]);
    expect(reply).toEqual({ status: 200, body: { ok: true, intent: "tag", message: "2 products tagged" } });
    expect((await shownTags())[posts[0]!]).toEqual([
      { productId: products.hat, title: "Straw Hat" },
      { productId: products.shirt, title: "Linen Shirt" },
    ]);
    expect(await publishRequested()).toBe(true);
  });

  it("tags one product on several posts (bulk); tagging it again changes nothing and asks nothing", async () => {
    const reply = await tag([posts[1]!, posts[4]!, posts[5]!], [products.tote]);
    expect(reply.body).toMatchObject({ ok: true, message: "Product tagged on 3 posts" });
    const tags = await shownTags();
    for (const post of [posts[1]!, posts[4]!, posts[5]!])
      expect(tags[post]).toEqual([{ productId: products.tote, title: "Canvas Tote" }]);
    expect(tags[posts[0]!]).toBeUndefined();

    await db().feed.updateMany({ data: { requestedAt: null } });
    expect((await tag([posts[1]!], [products.tote])).status).toBe(200);
    expect(await tagCount()).toBe(3);
    expect(await publishRequested()).toBe(false);
  });

  it("keeps tags by GID: a renamed handle or title changes nothing stored", async () => {
    await tag([posts[0]!], [products.hat]);
    shopifyAdmin.fake.updateProduct(SHOP, products.hat, { handle: "panama-hat", title: "Panama Hat" });
    expect((await shownTags())[posts[0]!]).toEqual([{ productId: products.hat, title: "Straw Hat" }]);
    shopifyAdmin.fake.updateProduct(SHOP, products.hat, { handle: "straw-hat", title: "Straw Hat" });
  });

  it("a draft product can be tagged, and the merchant is told it won't show until it's active", async () => {
    const reply = await tag([posts[3]!], [products.trousers]);
    expect(reply.body).toEqual({
      ok: true,
      intent: "tag",
      message: "Product tagged",
      notice: "“Linen Trousers” isn't shown on your storefront until it's active and available on the Online Store.",
    });
  });

  it("untags a product from one post only, and asks for a publish", async () => {
    await tag([posts[0]!, posts[1]!], [products.hat]);
    await db().feed.updateMany({ data: { requestedAt: null } });
    expect(await untag(posts[0]!, products.hat)).toEqual({
      status: 200,
      body: { ok: true, intent: "untag", message: "Product removed from the post" },
    });
    const tags = await shownTags();
    expect(tags[posts[0]!]).toBeUndefined();
    expect(tags[posts[1]!]).toEqual([{ productId: products.hat, title: "Straw Hat" }]);
    expect(await publishRequested()).toBe(true);
  });

  it("a post lists at most 10 products", async () => {
    const more = Array.from(
      { length: 10 },
      (_, n) => shopifyAdmin.fake.addProduct(SHOP, { title: `Extra ${n + 1}` }).id,
    );
    expect((await tag([posts[2]!], more)).status).toBe(200);
    const reply = await tag([posts[2]!], [products.hat]);
    expect(reply).toEqual({ status: 400, body: { ok: false, problem: "too_many", ...message("too_many") } });
    expect(await tagCount()).toBe(10);
    for (const id of more) shopifyAdmin.fake.deleteProduct(SHOP, id);
  });
});

const message = (problem: keyof typeof TAG_PROBLEMS) => ({ message: TAG_PROBLEMS[problem].message });

describe("refusals change nothing", () => {
  it("a forged product id is not understood (400)", async () => {
    for (const forged of [
      "8123456789",
      "gid://shopify/Product/abc",
      "gid://shopify/Collection/1",
      "gid://shopify/Product/",
    ]) {
      const reply = await tag([posts[0]!], [products.shirt, forged]);
      expect(reply).toEqual({
        status: 400,
        body: { ok: false, problem: "not_understood", ...message("not_understood") },
      });
    }
    expect(await tagCount()).toBe(0);
  });

  it("a product id that looks right but is no product of the shop: 400, and not even the good one is tagged", async () => {
    const reply = await tag([posts[0]!], [products.shirt, "gid://shopify/Product/999999999"]);
    expect(reply).toEqual({
      status: 400,
      body: { ok: false, problem: "product_not_found", ...message("product_not_found") },
    });
    expect(await tagCount()).toBe(0);
    expect(await publishRequested()).toBe(false);
  });

  it("a product deleted since the merchant picked it: 400 with a message, nothing tagged", async () => {
    const gone = shopifyAdmin.fake.addProduct(SHOP, { title: "Sold Out Forever" }).id;
    shopifyAdmin.fake.deleteProduct(SHOP, gone);
    const reply = await tag([posts[0]!, posts[1]!], [gone, products.hat]);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/isn't in your store any more .* nothing was tagged/);
    expect(await tagCount()).toBe(0);
  });

  it("another shop's product can't be tagged (400)", async () => {
    const reply = await tag([posts[0]!], [products.otherShops]);
    expect(reply).toEqual({
      status: 400,
      body: { ok: false, problem: "product_not_found", ...message("product_not_found") },
    });
    expect(await tagCount()).toBe(0);
  });

  it("another shop's post is out of reach (404): tag, untag and suggestions alike", async () => {
    await grantProductAccess(OTHER_SHOP);
    await tag([otherPost], [products.otherShops], OTHER_STORE);
    const reply = await tag([posts[0]!, otherPost], [products.shirt]);
    expect(reply).toEqual({
      status: 404,
      body: { ok: false, problem: "post_not_found", ...message("post_not_found") },
    });
    expect((await untag(otherPost, products.otherShops)).status).toBe(404);
    expect((await suggestions(otherPost)).status).toBe(404);
    expect(await db().productTag.findMany({ select: { shop: true, itemId: true } })).toEqual([
      { shop: OTHER_SHOP, itemId: otherPost },
    ]);
    await shopifyAdmin.fake.revokeScopes(OTHER_SHOP, ["read_products"]);
  });

  it("without read_products: a clear 403, nothing tagged, no suggestions; untagging still works", async () => {
    const { fake } = shopifyAdmin;
    fake.addProduct(OTHER_SHOP, { title: "Linen Scarf" });
    expect(fake.scopes(OTHER_SHOP)).not.toContain("read_products");
    const reply = await tag([otherPost], [products.otherShops], OTHER_STORE);
    expect(reply).toEqual({ status: 403, body: { ok: false, problem: "no_access", ...message("no_access") } });
    expect(reply.body.message).toMatch(/allow access to products/);
    expect((await suggestions(otherPost, OTHER_STORE)).status).toBe(403);
    expect(await tagCount()).toBe(0);
    expect(await publishRequested(OTHER_SHOP)).toBe(false);
    // What the shop had tagged before access was taken away can still be taken off.
    await db().productTag.create({
      data: { shop: OTHER_SHOP, itemId: otherPost, productId: products.otherShops, title: "x", createdAt: new Date() },
    });
    expect((await untag(otherPost, products.otherShops, OTHER_STORE)).status).toBe(200);
    expect(await tagCount()).toBe(0);
  });

  it("access granted before Shopify's app/scopes_update arrives: tagging works and the app records the scope", async () => {
    const { fake } = shopifyAdmin;
    await fake.grantScopes(OTHER_SHOP, ["read_products"]); // no webhook delivered to the app yet
    const session = () => db().session.findFirstOrThrow({ where: { shop: OTHER_SHOP, isOnline: false } });
    expect((await session()).scope).not.toContain("read_products");
    expect((await tag([otherPost], [products.otherShops], OTHER_STORE)).status).toBe(200);
    expect((await session()).scope?.split(",")).toContain("read_products");
    await fake.revokeScopes(OTHER_SHOP, ["read_products"]);
  });
});

describe("suggestions", () => {
  it("ranks products by the caption's hashtags, SKUs and words, best first", async () => {
    const reply = await suggestions(posts[0]!);
    // LS-01 is the shirt's SKU (10), #linenshirt spells its title (8), "shirt" is a word of it (3); "straw"
    // and "hat" are words of the hat's title (3 each); the draft trousers are never suggested.
    expect(reply).toEqual({
      status: 200,
      body: {
        ok: true,
        suggestions: [
          { productId: products.shirt, title: "Linen Shirt", matched: ["ls-01", "#linenshirt", "shirt"] },
          { productId: products.hat, title: "Straw Hat", matched: ["straw", "hat"] },
        ],
      },
    });
  });

  it("a hashtag naming a tag counts, a plural meets its singular, and tagged products are left out", async () => {
    // #beach is a tag of both (8); "straw" and "hats" (as "hat") are words of the hat's title, "canvas" and
    // "tote" of the tote's (3 each): 14 and three terms each, a tie the title breaks.
    expect((await suggestions(posts[1]!)).body.suggestions.map((s: { title: string }) => s.title)).toEqual([
      "Canvas Tote",
      "Straw Hat",
    ]);
    await tag([posts[1]!], [products.hat]);
    expect((await suggestions(posts[1]!)).body.suggestions.map((s: { title: string }) => s.title)).toEqual([
      "Canvas Tote",
    ]);
  });

  it("a caption naming no product suggests nothing, and nothing is ever tagged by suggesting", async () => {
    expect((await suggestions(posts[2]!)).body).toEqual({ ok: true, suggestions: [] });
    expect(await tagCount()).toBe(0);
  });
});

describe("webhooks", () => {
  it("products/delete takes the product off every post of the shop and asks for a publish", async () => {
    await tag([posts[0]!, posts[1]!], [products.hat, products.shirt]);
    await db().feed.updateMany({ data: { requestedAt: null } });
    const legacyId = Number(products.hat.split("/").at(-1));
    const delivery = () => shopifyWebhook("products/delete", { id: legacyId }, { shop: SHOP });
    expect((await callRoute(productsDeleteWebhook, delivery())).status).toBe(200);
    const tags = await shownTags();
    expect(tags[posts[0]!]).toEqual([{ productId: products.shirt, title: "Linen Shirt" }]);
    expect(tags[posts[1]!]).toEqual([{ productId: products.shirt, title: "Linen Shirt" }]);
    expect(await publishRequested()).toBe(true);
    expect((await callRoute(productsDeleteWebhook, delivery())).status).toBe(200); // a repeat finds nothing
    expect(await tagCount()).toBe(2);
  });

  it("app/scopes_update republishes when product access comes or goes, and not for other scope changes", async () => {
    const update = async (current: string[]) => {
      await db().feed.updateMany({ data: { requestedAt: null } });
      const response = await callRoute(
        scopesUpdateWebhook,
        shopifyWebhook("app/scopes_update", { current }, { shop: SHOP }),
      );
      expect(response.status).toBe(200);
      return publishRequested();
    };
    const granted = shopifyAdmin.fake.scopes(SHOP);
    const without = granted.filter((scope) => scope !== "read_products");
    expect(await update(without)).toBe(true); // taken back: the storefront loses the products now
    expect(await update([...without, "write_files"])).toBe(false);
    expect(await update(granted)).toBe(true); // allowed again
  });

  it("products/delete refuses a payload without a product id, and a wrong signature", async () => {
    const noId = shopifyWebhook("products/delete", { title: "x" }, { shop: SHOP });
    expect((await callRoute(productsDeleteWebhook, noId)).status).toBe(400);
    const forged = shopifyWebhook("products/delete", { id: 1 }, { shop: SHOP, secret: "wrong" });
    expect((await callRoute(productsDeleteWebhook, forged)).status).toBe(401);
  });

  it("shop/redact erases the shop's tags with its posts; another shop's stay", async () => {
    await tag([posts[0]!], [products.shirt]);
    await db().productTag.create({
      data: { shop: OTHER_SHOP, itemId: otherPost, productId: products.otherShops, title: "x", createdAt: new Date() },
    });
    const redact = shopifyWebhook("shop/redact", { shop_id: 1, shop_domain: SHOP }, { shop: SHOP });
    expect((await callRoute(shopRedactWebhook, redact)).status).toBe(200);
    expect(await db().productTag.findMany({ select: { shop: true } })).toEqual([{ shop: OTHER_SHOP }]);
  });
});
