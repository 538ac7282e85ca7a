// The fake Admin API holds itself to Shopify's published schema and behaviour: a document Shopify would
// refuse is refused in Shopify's words and changes nothing; products are found by search and by id only
// in their own shop and only with read_products; granting a scope tells the app with a signed
// app/scopes_update webhook, which updates the shop's session; in the sandbox, App Bridge's stand-in gets
// the same through the sandbox routes (scopes, the product picker), which exist only in the sandbox.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { resetConfigForTests } from "../../app/config.server";
import { loader as productsRoute } from "../../app/routes/sandbox.products";
import { action as grantScopesRoute, loader as scopesRoute } from "../../app/routes/sandbox.scopes";
import { action as scopesUpdate } from "../../app/routes/webhooks.app.scopes_update";
import { SANDBOX_SHOP } from "../../app/sandbox/paths";
import { SANDBOX_PRODUCTS, seedSandboxShop } from "../../app/sandbox/seed.server";
import { installationId } from "../../app/sandbox/stand-ins/shopify-admin/state";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../../app/sandbox/stand-ins/shopify-admin/index";
import { useFakeShopifyAdmin } from "../support/shopify-admin";
import { callRoute, SHOP, seedOfflineSession } from "../support/shopify";

const admin = useFakeShopifyAdmin();
const OTHER_SHOP = "other-shop.myshopify.com";

/** The parts of replies these tests read. */
interface Data {
  metafieldsSet?: unknown;
  products?: { nodes: Array<{ title: string }> };
  nodes?: Array<{ featuredMedia: { preview: { image: { url: string } } } } | null>;
}

/** A request as the app's Admin API client sends it. */
async function graphql(query: string, variables: Record<string, unknown> = {}, shop = SHOP, fake = admin.fake) {
  const response = await fetch(`${fake.origin}/shops/${shop}/admin/api/2025-10/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_test" },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Data; errors?: unknown[] } };
}

const SET_METAFIELD = `
  mutation Save($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id }
      userErrors { field message code }
    }
  }
`;
const metafieldInput = (key: string) => ({
  ownerId: installationId(SHOP),
  namespace: "social_feed",
  key,
  type: "json",
  value: JSON.stringify({ saved: true }),
});

describe("documents Shopify would refuse", () => {
  it("a field the schema does not have: Shopify's error, no data", async () => {
    const reply = await graphql("query { shop { name favouriteColour } }");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      errors: [
        {
          message: "Field 'favouriteColour' doesn't exist on type 'Shop'",
          locations: [{ line: 1, column: 21 }],
          extensions: { code: "undefinedField" },
        },
      ],
    });
  });

  it("a mutation asking for a wrong field changes nothing", async () => {
    const reply = await graphql(SET_METAFIELD.replace("metafields { id }", "metafields { id colour }"), {
      metafields: [metafieldInput("refused")],
    });
    expect(reply.body.errors).toEqual([expect.objectContaining({ extensions: { code: "undefinedField" } })]);
    expect(reply.body.data).toBeUndefined();
    expect(admin.fake.metafield(SHOP, "social_feed", "refused")).toBeUndefined();
  });

  it("an argument or variable of the wrong type is refused before anything runs", async () => {
    const literal = await graphql('query { products(first: "ten") { nodes { id } } }');
    expect(literal.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: "argumentLiteralsIncompatible" } }),
    ]);
    const variable = await graphql(SET_METAFIELD.replace("[MetafieldsSetInput!]!", "[String!]!"), {
      metafields: ["x"],
    });
    expect(variable.body.errors).toEqual([expect.objectContaining({ extensions: { code: "variableMismatch" } })]);
    const value = await graphql(SET_METAFIELD, { metafields: [{ ...metafieldInput("bad-input"), colour: "red" }] });
    expect(value.body.errors).toEqual([expect.objectContaining({ extensions: { code: "INVALID_VARIABLE" } })]);
    expect(admin.fake.metafield(SHOP, "social_feed", "bad-input")).toBeUndefined();
    // The refusals are on record (useFakeShopifyAdmin fails a test file whose app code met one).
    expect(admin.fake.refused.splice(0)).toHaveLength(5);
  });

  it("a valid document does what it says", async () => {
    const reply = await graphql(SET_METAFIELD, { metafields: [metafieldInput("accepted")] });
    expect(reply.body.data!.metafieldsSet).toEqual({ metafields: [{ id: expect.any(String) }], userErrors: [] });
    expect(admin.fake.metafield(SHOP, "social_feed", "accepted")).toEqual({ saved: true });
  });
});

describe("products", () => {
  const SEARCH = `
    query Search($query: String, $first: Int) {
      products(first: $first, query: $query) {
        nodes { id title handle tags status onlineStoreUrl variants(first: 10) { nodes { sku } } }
      }
    }
  `;
  const NODES = `
    query Products($ids: [ID!]!) {
      nodes(ids: $ids) {
        ... on Product {
          id title handle status onlineStoreUrl totalInventory
          featuredMedia { preview { image { url altText width height } } }
          variants(first: 100) { nodes { id title sku price availableForSale inventoryQuantity } }
        }
      }
    }
  `;
  let tote: ReturnType<FakeShopifyAdmin["addProduct"]>;
  let vase: ReturnType<FakeShopifyAdmin["addProduct"]>;
  let draft: ReturnType<FakeShopifyAdmin["addProduct"]>;
  let elsewhere: ReturnType<FakeShopifyAdmin["addProduct"]>;

  beforeAll(() => {
    tote = admin.fake.addProduct(SHOP, {
      title: "Linen Tote",
      tags: ["bags", "linen"],
      image: { altText: "A linen tote" },
      variants: [
        { selectedOptions: [{ name: "Colour", value: "Natural" }], sku: "TOTE-NAT", price: "39", inventoryQuantity: 4 },
        { selectedOptions: [{ name: "Colour", value: "Black" }], sku: "TOTE-BLK", price: "39", inventoryQuantity: 0 },
      ],
    });
    vase = admin.fake.addProduct(SHOP, { title: "Stoneware Vase", tags: ["ceramics"], variants: [{ sku: "VASE-01" }] });
    draft = admin.fake.addProduct(SHOP, { title: "Glaze Sample Set", status: "DRAFT", tags: ["ceramics"] });
    elsewhere = admin.fake.addProduct(OTHER_SHOP, { title: "Linen Apron" });
  });

  it("without read_products, product fields answer Shopify's access-denied error", async () => {
    const reply = await graphql(SEARCH, { query: "linen", first: 5 });
    expect(reply.status).toBe(200);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.errors).toEqual([
      expect.objectContaining({
        message: "Access denied for products field. Required access: `read_products` access scope.",
        extensions: expect.objectContaining({ code: "ACCESS_DENIED" }),
      }),
    ]);
    expect((await graphql(NODES, { ids: [tote.id] })).body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: "ACCESS_DENIED" }) }),
    ]);
  });

  it("with read_products: free words joined by OR match title, handle, tags and SKUs, within the shop", async () => {
    await admin.fake.grantScopes(SHOP, ["read_products"]);
    const search = async (query: string, first = 10) =>
      (await graphql(SEARCH, { query, first })).body.data!.products!.nodes.map((node) => node.title);
    expect(await search("LINEN")).toEqual(["Linen Tote"]);
    expect(await search("linen OR vase-01")).toEqual(["Linen Tote", "Stoneware Vase"]);
    expect(await search("ceramics")).toEqual(["Stoneware Vase", "Glaze Sample Set"]);
    expect(await search("ceramics", 1)).toEqual(["Stoneware Vase"]);
    expect(await search("tote-blk")).toEqual(["Linen Tote"]);
    expect(await search("apron")).toEqual([]);
    const [found] = (await graphql(SEARCH, { query: "tote", first: 1 })).body.data!.products!.nodes;
    expect(found).toEqual({
      id: tote.id,
      title: "Linen Tote",
      handle: "linen-tote",
      tags: ["bags", "linen"],
      status: "ACTIVE",
      onlineStoreUrl: `https://${SHOP}/products/linen-tote`,
      variants: { nodes: [{ sku: "TOTE-NAT" }, { sku: "TOTE-BLK" }] },
    });
  });

  it("nodes answers the shop's products and null for unknown ids or another shop's", async () => {
    await admin.fake.grantScopes(SHOP, ["read_products"]);
    const reply = await graphql(NODES, {
      ids: [tote.id, "gid://shopify/Product/1", elsewhere.id, draft.id],
    });
    const [toteNode, unknown, other, draftNode] = reply.body.data!.nodes!;
    expect([unknown, other]).toEqual([null, null]);
    expect(toteNode).toMatchObject({
      title: "Linen Tote",
      totalInventory: 4,
      featuredMedia: { preview: { image: { altText: "A linen tote", width: 600, height: 600 } } },
      variants: {
        nodes: [
          { title: "Natural", price: "39.00", availableForSale: true, inventoryQuantity: 4 },
          { title: "Black", price: "39.00", availableForSale: false, inventoryQuantity: 0 },
        ],
      },
    });
    const image = await fetch(toteNode!.featuredMedia.preview.image.url);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(draftNode).toMatchObject({ status: "DRAFT", onlineStoreUrl: null });

    admin.fake.deleteProduct(SHOP, vase.id);
    expect((await graphql(NODES, { ids: [vase.id] })).body.data!.nodes).toEqual([null]);
  });
});

describe("granting a scope", () => {
  let appServer: Server;
  let fake: FakeShopifyAdmin;

  // The app's webhook route, over HTTP, as Shopify reaches it.
  beforeAll(async () => {
    await seedOfflineSession();
    appServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        const headers = new Headers(
          Object.entries(req.headers).map(([name, value]): [string, string] => [name, String(value)]),
        );
        const request = new Request(`http://app.test${req.url}`, {
          method: req.method,
          headers,
          body: Buffer.concat(chunks),
        });
        const response =
          req.url === "/webhooks/app/scopes_update"
            ? await callRoute(scopesUpdate, request)
            : new Response(null, { status: 404 });
        res.writeHead(response.status).end(await response.text());
      });
    });
    await new Promise<void>((resolve) => appServer.listen(0, "127.0.0.1", resolve));
    const { port } = appServer.address() as AddressInfo;
    fake = await startFakeShopifyAdmin({ app: { url: `http://127.0.0.1:${port}`, apiSecret: API_SECRET_KEY } });
  });
  afterAll(async () => {
    await fake?.close();
    await new Promise((resolve) => appServer?.close(resolve));
  });

  it("delivers a signed app/scopes_update webhook, and the shop's session gets the new scope", async () => {
    const before = (await db().session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } })).scope!;
    expect(before).not.toContain("read_products");

    await fake.grantScopes(SHOP, ["read_products"]);

    expect(fake.webhooks).toEqual([
      {
        topic: "app/scopes_update",
        shop: SHOP,
        payload: expect.objectContaining({
          previous: before.split(","),
          current: [...before.split(","), "read_products"],
        }),
        outcome: 200,
      },
    ]);
    const after = await db().session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } });
    expect(after.scope!.split(",")).toContain("read_products");
    const reply = await graphql("query { products(first: 1) { nodes { id } } }", {}, SHOP, fake);
    expect(reply.body).toMatchObject({ data: { products: { nodes: [] } } });
  });

  it("a webhook signed with another secret is refused by the app and changes nothing", async () => {
    const impostor = await startFakeShopifyAdmin({
      app: { url: `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`, apiSecret: "not-the-secret" },
    });
    try {
      await impostor.revokeScopes(SHOP, ["read_products", "write_files"]);
      expect(impostor.webhooks.map((delivery) => delivery.outcome)).toEqual([401]);
      const session = await db().session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } });
      expect(session.scope!.split(",")).toContain("read_products");
    } finally {
      await impostor.close();
    }
  });

  describe("in the sandbox, App Bridge's stand-in through the sandbox routes", () => {
    let shopify: FakeShopifyAdmin;
    const post = (scopes: string[]) =>
      callRoute(
        grantScopesRoute,
        new Request("http://app.test/sandbox/scopes", { method: "POST", body: JSON.stringify({ scopes }) }),
      );
    const get = async (route: typeof scopesRoute) => {
      const response = await callRoute(route, new Request("http://app.test/sandbox"));
      return { status: response.status, body: await response.json() };
    };

    beforeAll(async () => {
      // Outside the sandbox the routes do not exist.
      expect((await callRoute(productsRoute, new Request("http://app.test/sandbox/products"))).status).toBe(404);
      const { port } = appServer.address() as AddressInfo;
      shopify = await startFakeShopifyAdmin({
        app: { url: `http://127.0.0.1:${port}`, apiSecret: API_SECRET_KEY },
        sandboxControls: true,
      });
      Object.assign(process.env, { SANDBOX: "1", SHOPIFY_ADMIN_API_ORIGIN: shopify.origin });
      resetConfigForTests();
      await seedSandboxShop();
    });
    afterAll(async () => {
      delete process.env.SANDBOX;
      process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.fake.origin;
      resetConfigForTests();
      await shopify?.close();
    });

    it("the seeded catalogue is picked only once read_products is granted, which the app learns by webhook", async () => {
      expect(shopify.products(SANDBOX_SHOP).map((product) => product.title)).toEqual(
        SANDBOX_PRODUCTS.map((product) => product.title),
      );
      expect(await get(productsRoute)).toEqual({ status: 403, body: { error: expect.any(String) } });
      expect((await get(scopesRoute)).body).toEqual({
        granted: process.env.SCOPES!.split(","),
        required: process.env.SCOPES!.split(","),
        optional: expect.arrayContaining(["read_products"]),
      });

      expect((await post(["read_customers"])).status).toBe(422); // not declared by the app
      const granted = await post(["read_products"]);
      expect(await granted.json()).toMatchObject({
        result: "granted-all",
        detail: { granted: expect.arrayContaining(["read_products"]) },
      });
      const session = await db().session.findUniqueOrThrow({ where: { id: `offline_${SANDBOX_SHOP}` } });
      expect(session.scope!.split(",")).toContain("read_products");

      const picker = await get(productsRoute);
      expect(picker.status).toBe(200);
      expect(picker.body[0]).toMatchObject({
        id: expect.stringMatching(/^gid:\/\/shopify\/Product\/\d+$/),
        title: "Linen Tote",
        images: [{ originalSrc: expect.any(String) }],
        variants: [{ title: "Natural" }, { title: "Charcoal" }, { title: "Sage", availableForSale: false }],
      });
    });
  });
});
