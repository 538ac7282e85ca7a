// Shopify's webhooks: verified by the library (a bad HMAC changes nothing), safe to receive twice,
// and each does exactly what the platform expects of it.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { action as uninstalled } from "../../app/routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "../../app/routes/webhooks.app.scopes_update";
import { action as dataRequest } from "../../app/routes/webhooks.customers.data_request";
import { action as customersRedact } from "../../app/routes/webhooks.customers.redact";
import { action as shopRedact } from "../../app/routes/webhooks.shop.redact";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { SHOP, callRoute, seedOfflineSession } from "../support/shopify";
import { shopifyWebhook } from "../support/webhooks";

const instagram = useFakeInstagram();
const OTHER = "other-shop.myshopify.com";
let n = 0;

async function shopWithEverything(shop: string) {
  n += 1;
  await seedOfflineSession(shop);
  instagram.fake.addAccount({ username: `hook.${n}` });
  const account = await connectAccount(instagram.fake, `hook.${n}`, shop);
  const source = await db().mediaSource.create({ data: { shop, accountId: account.id, nextSyncAt: new Date() } });
  await db().mediaItem.create({
    data: {
      sourceId: source.id,
      instagramId: `1790000000000000${n}`,
      mediaType: "IMAGE",
      permalink: "https://www.instagram.com/p/x/",
      postedAt: new Date(),
      contentHash: "h",
      firstSeenAt: new Date(),
    },
  });
  await db().syncRun.create({
    data: { sourceId: source.id, trigger: "schedule", mode: "incremental", status: "queued", queuedAt: new Date() },
  });
  await db().oAuthState.create({
    data: { stateHash: `state-${n}`, shop, createdAt: new Date(), expiresAt: new Date(Date.now() + 600_000) },
  });
  return account;
}

async function snapshot() {
  const [sessions, accounts, sources, items, runs, states, compliance] = await Promise.all([
    db().session.findMany({ orderBy: { id: "asc" } }),
    db().instagramAccount.findMany({ orderBy: { id: "asc" } }),
    db().mediaSource.findMany({ orderBy: { id: "asc" } }),
    db().mediaItem.findMany({ orderBy: { id: "asc" } }),
    db().syncRun.findMany({ orderBy: { id: "asc" } }),
    db().oAuthState.findMany({ orderBy: { stateHash: "asc" } }),
    db().complianceRequest.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { sessions, accounts, sources, items, runs, states, compliance };
}

beforeEach(async () => {
  await db().instagramAccount.deleteMany();
  await db().mediaSource.deleteMany();
  await db().session.deleteMany();
  await db().oAuthState.deleteMany();
  await db().complianceRequest.deleteMany();
  await shopWithEverything(SHOP);
  await shopWithEverything(OTHER);
});

describe("every webhook refuses what Shopify did not sign", () => {
  it.each([
    ["app/uninstalled", uninstalled],
    ["app/scopes_update", scopesUpdate],
    ["customers/data_request", dataRequest],
    ["customers/redact", customersRedact],
    ["shop/redact", shopRedact],
  ] as const)("%s: a wrong HMAC gets 401, missing headers 400, GET 405, and nothing changes", async (topic, route) => {
    const before = await snapshot();
    const body = { shop_domain: SHOP, current: ["write_files"] };
    expect((await callRoute(route, shopifyWebhook(topic, body, { secret: "not-the-secret" }))).status).toBe(401);
    expect((await callRoute(route, shopifyWebhook(topic, body, { omitHeaders: ["X-Shopify-Topic"] }))).status).toBe(
      400,
    );
    expect(
      (await callRoute(route, new Request("https://my-test-app.myshopify.io/webhooks/x", { method: "GET" }))).status,
    ).toBe(405);
    expect(await snapshot()).toEqual(before);
  });
});

describe("app/uninstalled", () => {
  it("deletes sessions and every Instagram token at once, stops queued work, keeps posts; twice is fine", async () => {
    for (let delivery = 0; delivery < 2; delivery += 1) {
      const response = await callRoute(uninstalled, shopifyWebhook("app/uninstalled", { id: 1, domain: SHOP }));
      expect(response.status).toBe(200);
    }
    const after = await snapshot();
    const mine = <T extends { shop?: string }>(rows: T[]) => rows.filter((row) => row.shop === SHOP);
    expect(mine(after.sessions)).toEqual([]);
    expect(mine(after.states)).toEqual([]);
    expect(mine(after.accounts)).toEqual([
      expect.objectContaining({ encryptedToken: null, status: "needs_reconnect" }),
    ]);
    expect(after.items).toHaveLength(2);
    const mySource = mine(after.sources)[0]!;
    expect(mySource.nextSyncAt).toBeNull();
    expect(after.runs.find((run) => run.sourceId === mySource.id)).toMatchObject({
      status: "failed",
      errorMessage: "The app was uninstalled.",
    });
    // The other shop is untouched.
    expect(after.accounts.find((row) => row.shop === OTHER)).toMatchObject({
      status: "active",
      encryptedToken: expect.any(String),
    });
  });
});

describe("app/scopes_update", () => {
  it("stores the new scopes on the shop's session", async () => {
    const response = await callRoute(
      scopesUpdate,
      shopifyWebhook("app/scopes_update", {
        id: 1,
        previous: ["write_files"],
        current: ["write_files", "read_products"],
      }),
    );
    expect(response.status).toBe(200);
    expect((await db().session.findUniqueOrThrow({ where: { id: `offline_${SHOP}` } })).scope).toBe(
      "write_files,read_products",
    );
  });
});

describe("customers/data_request and customers/redact", () => {
  it.each([
    ["customers/data_request", dataRequest],
    ["customers/redact", customersRedact],
  ] as const)("%s is acknowledged and recorded once, even when delivered twice", async (topic, route) => {
    const before = await snapshot();
    const body = {
      shop_id: 1,
      shop_domain: SHOP,
      customer: { id: 9, email: "c@example.com", phone: "555" },
      orders_requested: [1],
    };
    for (let delivery = 0; delivery < 2; delivery += 1) {
      expect((await callRoute(route, shopifyWebhook(topic, body, { webhookId: `replay-${topic}` }))).status).toBe(200);
    }
    const after = await snapshot();
    expect(after.compliance).toEqual([
      expect.objectContaining({
        shop: SHOP,
        topic: topic.toUpperCase().replace("/", "_"),
        webhookId: `replay-${topic}`,
      }),
    ]);
    expect(JSON.stringify(after.compliance)).not.toContain("c@example.com");
    expect({ ...after, compliance: [] }).toEqual({ ...before, compliance: [] });
  });
});

describe("shop/redact", () => {
  it("erases everything held for the shop, idempotently, and nothing of another shop", async () => {
    for (let delivery = 0; delivery < 2; delivery += 1) {
      expect(
        (await callRoute(shopRedact, shopifyWebhook("shop/redact", { shop_id: 1, shop_domain: SHOP }))).status,
      ).toBe(200);
    }
    const after = await snapshot();
    const json = JSON.stringify(after);
    expect(json).not.toContain(SHOP);
    expect(after.accounts).toHaveLength(1);
    expect(after.sources).toHaveLength(1);
    expect(after.items).toHaveLength(1);
    expect(after.runs).toHaveLength(1);
    expect(after.sessions).toHaveLength(1);
  });

  it.each([
    ["another shop's domain", { shop_id: 1, shop_domain: OTHER }],
    ["no shop_domain", { shop_id: 1 }],
    ["a shop_domain that is not a string", { shop_id: 1, shop_domain: ["x"] }],
  ])("refuses %s in the body (400) and erases nothing", async (_label, body) => {
    const before = await snapshot();
    expect((await callRoute(shopRedact, shopifyWebhook("shop/redact", body))).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});
