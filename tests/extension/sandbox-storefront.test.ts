// The sandbox's Storefront preview over HTTP, with the Admin API stand-in as Shopify's side: feed blocks
// get the live products of their feed's products metafield (ACTIVE and on the Online Store only), the
// product template shows the product and its Instagram posts, and the stand-in cart below the preview
// sells the shop's live products as Shopify's Ajax Cart API does, its count in the page's header.
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storefrontPreviewRoutes } from "../../app/cli/sandbox-storefront";
import { feedProductsKey } from "../../app/feed/feed-document";
import { SANDBOX_SHOP, SANDBOX_STOREFRONT_PATH } from "../../app/sandbox/paths";
import type { PixelSettings } from "../../app/sandbox/pixel-stand-in";
import { themeCookieHeader } from "../../app/sandbox/sandbox-theme";
import { installationId } from "../../app/sandbox/stand-ins/shopify-admin/state";
import {
  startFakeShopifyAdmin,
  type FakeProduct,
  type FakeShopifyAdmin,
} from "../../app/sandbox/stand-ins/shopify-admin/index";
import { makeFeed } from "../fixtures/make-feed";
import { makeGallery } from "./support/products";

let fake: FakeShopifyAdmin;
let origin = "";
let close: () => Promise<void>;
const products = {} as Record<"mug" | "shirt" | "bowl" | "unlisted", FakeProduct>;
const feed = makeFeed(4);
const numeric = (product: FakeProduct) => product.id.split("/").pop()!;
const theme = themeCookieHeader([{ template: "index", feedId: "feed1" }]).split(";")[0]!;
/** The web pixel's settings once the app connected it; null before. */
let pixel: PixelSettings | null = null;

async function setMetafield(key: string, type: string, value: unknown) {
  const response = await fetch(`${fake.origin}/shops/${SANDBOX_SHOP}/admin/api/2025-10/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_sandbox" },
    body: JSON.stringify({
      query: `mutation Save($metafields: [MetafieldsSetInput!]!) {
        metafieldsSet(metafields: $metafields) { metafields { id } userErrors { field message } }
      }`,
      variables: {
        metafields: [
          { ownerId: installationId(SANDBOX_SHOP), namespace: "social_feed", key, type, value: JSON.stringify(value) },
        ],
      },
    }),
  });
  const reply = (await response.json()) as { data: { metafieldsSet: { userErrors: unknown[] } } };
  expect(reply.data.metafieldsSet.userErrors).toEqual([]);
}

beforeAll(async () => {
  fake = await startFakeShopifyAdmin();
  products.mug = fake.addProduct(SANDBOX_SHOP, { title: "Speckled mug", image: {}, variants: [{ price: "24.00" }] });
  products.shirt = fake.addProduct(SANDBOX_SHOP, {
    title: "Linen shirt",
    variants: ["S", "M"].map((size) => ({
      selectedOptions: [{ name: "Size", value: size }],
      price: "89.00",
      inventoryQuantity: size === "S" ? 0 : 5,
    })),
  });
  products.bowl = fake.addProduct(SANDBOX_SHOP, { title: "Draft bowl", status: "DRAFT" });
  products.unlisted = fake.addProduct(SANDBOX_SHOP, { title: "Unlisted jug", publishedOnOnlineStore: false });
  feed.posts[0]!.products = [products.mug, products.bowl, products.unlisted].map(numeric);
  feed.posts[1]!.products = [numeric(products.shirt)];
  await setMetafield(
    feedProductsKey("feed1"),
    "list.product_reference",
    [products.mug, products.bowl, products.unlisted, products.shirt].map((product) => product.id),
  );
  const gallery = makeGallery(feed, []);
  gallery.products = { [numeric(products.mug)]: [feed.posts[0]!.id], [numeric(products.shirt)]: [feed.posts[1]!.id] };
  await setMetafield("product_posts", "json", gallery);

  const app = express();
  storefrontPreviewRoutes({
    readFeeds: async (ids) =>
      ids.includes("feed1") ? [{ id: "feed1", name: "Main", document: JSON.stringify(feed) }] : [],
    apiKey: "sandbox-api-key",
    products: () => fake.products(SANDBOX_SHOP),
    metafield: (key) => fake.metafield(SANDBOX_SHOP, "social_feed", key),
    pixelSettings: async () => pixel,
  })(app);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await close?.();
  await fake?.close();
});

const get = async (path: string, cookie = theme) =>
  (await fetch(`${origin}${SANDBOX_STOREFRONT_PATH}${path}`, { headers: { cookie } })).text();
const cards = (html: string) => [...html.matchAll(/data-sf-product="(\d+)"/g)].map((m) => m[1]);

describe("the home page's feed block", () => {
  it("lists only the feed's products that are active and on the Online Store, as Shopify resolves them", async () => {
    const html = await get("");
    expect(cards(html)).toEqual([numeric(products.mug), numeric(products.shirt)]);
    expect(html).toContain(`data-sf-products="${numeric(products.mug)}"`);
    expect(html).toContain(`data-sf-products="${numeric(products.shirt)}"`);
    expect(html).toContain(`href="${SANDBOX_STOREFRONT_PATH}/products/speckled-mug"`);
    expect(html).toContain(`Shopify.routes.root = "${SANDBOX_STOREFRONT_PATH}/"`);
    expect(html).toContain("$24.00");
  });

  it("shows the live price: a change in the shop shows at the next render, with no publishing", async () => {
    fake.updateProduct(SANDBOX_SHOP, products.mug.id, {
      variants: [{ id: products.mug.variants[0]!.id, price: "19.50" }],
    });
    expect(await get("")).toContain("$19.50");
    fake.updateProduct(SANDBOX_SHOP, products.mug.id, { status: "ARCHIVED" });
    expect(cards(await get(""))).toEqual([numeric(products.shirt)]);
    fake.updateProduct(SANDBOX_SHOP, products.mug.id, { status: "ACTIVE" });
  });
});

describe("the product template", () => {
  it("shows the product and only its own Instagram posts", async () => {
    const mug = await get("?template=product&product=speckled-mug");
    expect(mug).toContain('<h1 class="product__title">Speckled mug</h1>');
    expect(mug).toContain(feed.posts[0]!.permalink);
    expect(mug).not.toContain(feed.posts[1]!.permalink);
    const shirt = await get("/products/linen-shirt");
    expect(shirt).toContain('<h1 class="product__title">Linen shirt</h1>');
    expect(shirt).toContain(feed.posts[1]!.permalink);
    expect(shirt).not.toContain(feed.posts[0]!.permalink);
  });

  it("shows no gallery for a product without posts, and no product a storefront wouldn't", async () => {
    const jug = fake.addProduct(SANDBOX_SHOP, { title: "Plain jug" });
    expect(await get(`/products/${jug.handle}`)).not.toContain("sf--product");
    const draft = await get("?template=product&product=draft-bowl");
    expect(draft).toContain("No such product on the Online Store");
    expect(draft).not.toContain("sf--product");
  });
});

describe("the stand-in cart", () => {
  const post = (path: string, body: string, cookie = "") =>
    fetch(`${origin}${SANDBOX_STOREFRONT_PATH}/${path}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      redirect: "manual",
    });
  const variant = (product: FakeProduct, index = 0) => numeric({ ...product, id: product.variants[index]!.id });

  it("adds an available variant, refuses a sold-out one and a draft's, and the header counts the cart", async () => {
    const added = await post("cart/add.js", `id=${variant(products.shirt, 1)}&quantity=1`);
    expect(added.status).toBe(200);
    const cookie = added.headers.get("set-cookie")!.split(";")[0]!;
    const soldOut = await post("cart/add.js", `id=${variant(products.shirt, 0)}`, cookie);
    expect(soldOut.status).toBe(422);
    expect(await soldOut.json()).toMatchObject({ status: 422, message: "Cart Error" });
    expect((await post("cart/add.js", `id=${variant(products.bowl)}`, cookie)).status).toBe(404);
    const cart = await (await fetch(`${origin}${SANDBOX_STOREFRONT_PATH}/cart.js`, { headers: { cookie } })).json();
    expect(cart).toMatchObject({ item_count: 1, items: [{ title: "Linen shirt - M", price: 8900 }] });
    expect(await get("", `${theme}; ${cookie}`)).toContain('data-cart-count aria-hidden="true">1</span>');
    // A plain form post (no JavaScript) lands on the cart page.
    const form = await post("cart/add", `id=${variant(products.shirt, 1)}`, cookie);
    expect(form.status).toBe(302);
    expect(form.headers.get("location")).toBe(`${SANDBOX_STOREFRONT_PATH}/cart`);
  });
});

describe("the stand-in checkout and the web pixel", () => {
  const settings: PixelSettings = { ingestUrl: "http://127.0.0.1:1/ingest", shop: SANDBOX_SHOP, key: "k".repeat(32) };
  const variant = (product: FakeProduct) => numeric({ ...product, id: product.variants[1]!.id });

  it("runs no pixel before the app connects it, then the app's own on every page, with its settings", async () => {
    pixel = null;
    expect(await get("")).not.toContain("shopify-pixel-stand-in");
    pixel = settings;
    try {
      const html = await get("");
      expect(html).toContain('<script type="application/json" id="shopify-pixel-stand-in">');
      expect(html).toContain(JSON.stringify(settings));
      expect(html).toContain(`"workerUrl":"${SANDBOX_STOREFRONT_PATH}/pixel/worker.js"`);
      const worker = await fetch(`${origin}${SANDBOX_STOREFRONT_PATH}/pixel/worker.js`);
      expect(worker.headers.get("content-type")).toMatch(/javascript/);
      const script = await worker.text();
      expect(script).toContain("social_feed:"); // the pixel's source, bundled
      expect(script).toContain("self.shopify = { extend:"); // under Shopify's register, stood in
    } finally {
      pixel = null;
    }
  });

  it("completes an order from the cart page: a thank-you page publishing checkout_completed with its total, an empty cart", async () => {
    pixel = settings;
    try {
      const added = await fetch(`${origin}${SANDBOX_STOREFRONT_PATH}/cart/add.js`, {
        method: "POST",
        body: `id=${variant(products.shirt)}&quantity=2`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      const cookie = added.headers.get("set-cookie")!.split(";")[0]!;
      const cart = await get("/cart", cookie);
      expect(cart).toContain("Total: 178.00 USD");
      expect(cart).toContain(`<form method="post" action="${SANDBOX_STOREFRONT_PATH}/checkout">`);
      expect(cart).toContain("shopify-pixel-stand-in");
      const placed = await fetch(`${origin}${SANDBOX_STOREFRONT_PATH}/checkout`, {
        method: "POST",
        headers: { cookie },
        redirect: "manual",
      });
      expect(placed.status).toBe(303);
      const thanks = placed.headers.get("location")!;
      expect(thanks).toMatch(new RegExp(`^${SANDBOX_STOREFRONT_PATH}/checkouts/\\d+/thank-you$`));
      const page = await (await fetch(`${origin}${thanks}`, { headers: { cookie } })).text();
      expect(page).toContain("<h1>Thank you!</h1>");
      expect(page).toContain(
        JSON.stringify([
          "checkout_completed",
          {
            checkout: {
              currencyCode: "USD",
              totalPrice: { amount: 178, currencyCode: "USD" },
              order: { id: thanks.split("/").at(-2) },
            },
          },
        ]),
      );
      expect(await get("/cart", cookie)).toContain("Your cart is empty.");
    } finally {
      pixel = null;
    }
  });
});
