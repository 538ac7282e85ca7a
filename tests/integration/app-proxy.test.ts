// /proxy/feed serves headless storefronts a published feed through Shopify's app proxy (the shop's first,
// or ?feed=<name>): only with Shopify's signature, cacheable, and answering 304 when the client already has it.
import { beforeAll, expect, it } from "vitest";
import { API_SECRET_KEY, RequestType, setUpValidRequest, TEST_SHOP_NAME } from "@shopify/shopify-api/test-helpers";
import { db } from "../../app/db.server";
import { loader } from "../../app/routes/proxy.feed";
import { makeFeed } from "../fixtures/make-feed";
import { SHOP, callRoute, seedOfflineSession } from "../support/shopify";

const document = JSON.stringify(makeFeed(3));
const lookbook = JSON.stringify({ ...makeFeed(2), name: "Lookbook" });
const signed = (path = "/proxy/feed") =>
  setUpValidRequest(
    { type: RequestType.Public, store: TEST_SHOP_NAME, apiSecretKey: API_SECRET_KEY },
    new Request(`https://my-test-app.myshopify.io${path}`),
  );

beforeAll(async () => {
  await seedOfflineSession();
  await db().feed.deleteMany();
  const published = { bytes: document.length, postCount: 3, publishedAt: new Date() };
  await db().feed.create({
    data: { shop: SHOP, name: "Main", createdAt: new Date(1), document, hash: "abc123", ...published },
  });
  await db().feed.create({
    data: { shop: SHOP, name: "Lookbook", createdAt: new Date(2), document: lookbook, hash: "def456", ...published },
  });
});

it("serves the published feed with cache headers and an ETag", async () => {
  const response = await callRoute(loader, signed());
  expect(response.status).toBe(200);
  expect(response.headers.get("ETag")).toBe('"abc123"');
  expect(response.headers.get("Cache-Control")).toMatch(/public, max-age=\d+/);
  expect(await response.text()).toBe(document);
});

it("serves the feed named in ?feed=, in any case, and 404 for a name the shop has no feed by", async () => {
  const response = await callRoute(loader, signed("/proxy/feed?feed=lookbook"));
  expect(response.status).toBe(200);
  expect(await response.text()).toBe(lookbook);
  const missing = await callRoute(loader, signed("/proxy/feed?feed=Nope"));
  expect(missing.status).toBe(404);
  expect(await missing.json()).toEqual({ error: "This shop has no published feed with that name." });
});

it("answers 304 when the client's ETag matches", async () => {
  const request = await signed();
  request.headers.set("If-None-Match", 'W/"abc123"');
  const response = await callRoute(loader, request);
  expect(response.status).toBe(304);
  expect(await response.text()).toBe("");
});

it.each([
  ["no signature", "https://my-test-app.myshopify.io/proxy/feed?shop=test-shop.myshopify.com&timestamp=1"],
  [
    "a wrong signature",
    "https://my-test-app.myshopify.io/proxy/feed?shop=test-shop.myshopify.com&timestamp=1&signature=deadbeef",
  ],
])("refuses %s with 400", async (_label, url) => {
  const response = await callRoute(loader, new Request(url));
  expect(response.status).toBe(400);
});

it("a tampered query (another shop) fails the signature", async () => {
  const request = await signed();
  const url = new URL(request.url);
  url.searchParams.set("shop", "other-shop.myshopify.com");
  expect((await callRoute(loader, new Request(url))).status).toBe(400);
});

it("404 with a plain message before anything is published", async () => {
  await db().feed.deleteMany();
  const response = await callRoute(loader, signed());
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({ error: "No feed has been published for this shop yet." });
});
