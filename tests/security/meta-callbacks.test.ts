// Meta's deauthorize and data-deletion callbacks: only a correctly signed request changes anything,
// and garbage of every kind is answered with a 4xx, never a crash.
import { createHmac } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { action as deauthorize, loader as deauthorizeGet } from "../../app/routes/instagram.deauthorize";
import { action as dataDeletion } from "../../app/routes/instagram.data-deletion";
import { loader as deletionStatus } from "../../app/routes/instagram.data-deletion_.$code";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { SHOP, callRoute, seedOfflineSession } from "../support/shopify";
import { metaCallback, signedRequest } from "../support/webhooks";

const instagram = useFakeInstagram();
const OTHER = "other-shop.myshopify.com";
let n = 0;

/** One Instagram account connected to two shops, plus an unrelated account; each with a post. */
async function arrange() {
  n += 1;
  const person = instagram.fake.addAccount({ username: `meta.${n}` });
  instagram.fake.addAccount({ username: `bystander.${n}` });
  const accounts = [
    await connectAccount(instagram.fake, person.username, SHOP),
    await connectAccount(instagram.fake, person.username, OTHER),
    await connectAccount(instagram.fake, `bystander.${n}`, SHOP),
  ];
  for (const account of accounts) {
    const source = await db().mediaSource.create({ data: { shop: account.shop, accountId: account.id } });
    await db().mediaItem.create({
      data: {
        sourceId: source.id,
        instagramId: `18${n}${account.id.length}`,
        mediaType: "IMAGE",
        permalink: "https://www.instagram.com/p/x/",
        postedAt: new Date(),
        contentHash: "h",
        firstSeenAt: new Date(),
      },
    });
  }
  return { person, accounts };
}

const snapshot = async () => ({
  accounts: await db().instagramAccount.findMany({ orderBy: { id: "asc" } }),
  items: await db().mediaItem.findMany({ orderBy: { id: "asc" } }),
  requests: await db().dataDeletionRequest.findMany(),
});
const payload = (userId: string | number) => ({ algorithm: "HMAC-SHA256", issued_at: 1_764_000_000, user_id: userId });

beforeEach(async () => {
  await db().instagramAccount.deleteMany();
  await db().feed.deleteMany();
  await db().dataDeletionRequest.deleteMany();
  await seedOfflineSession(SHOP);
  await seedOfflineSession(OTHER);
});

describe("deauthorize", () => {
  it("deletes that person's tokens in every shop and asks the merchants to reconnect; posts stay", async () => {
    const { person } = await arrange();
    for (const userId of [person.appScopedId, person.appScopedId]) {
      const response = await callRoute(
        deauthorize,
        metaCallback("/instagram/deauthorize", { signed_request: signedRequest(payload(userId)) }),
      );
      expect(response.status).toBe(200);
    }
    const after = await snapshot();
    const theirs = after.accounts.filter((account) => account.username === person.username);
    expect(theirs).toHaveLength(2);
    for (const account of theirs)
      expect(account).toMatchObject({
        encryptedToken: null,
        status: "needs_reconnect",
        statusReason: "Access to Social Feed was removed in Instagram's settings.",
      });
    expect(after.accounts.find((account) => account.username.startsWith("bystander"))).toMatchObject({
      status: "active",
    });
    expect(after.items).toHaveLength(3);
  });

  it("an unknown user is a successful no-op", async () => {
    await arrange();
    const before = await snapshot();
    const response = await callRoute(
      deauthorize,
      metaCallback("/instagram/deauthorize", { signed_request: signedRequest(payload("99999999999999999")) }),
    );
    expect(response.status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });
});

describe("data deletion", () => {
  it("deletes that person's tokens and posts everywhere and answers with a status URL and code", async () => {
    const { person, accounts } = await arrange();
    const feedOf = async (accountId: string, name: string) => {
      const source = await db().mediaSource.findFirstOrThrow({ where: { accountId } });
      return db().feed.create({
        data: { shop: source.shop, name, createdAt: new Date(), sources: { create: { sourceId: source.id } } },
      });
    };
    const feeds = [
      await feedOf(accounts[0]!.id, "Theirs"),
      await feedOf(accounts[1]!.id, "Theirs elsewhere"),
      await feedOf(accounts[2]!.id, "Bystander's"),
    ];
    const response = await callRoute(
      dataDeletion,
      metaCallback("/instagram/data-deletion", { signed_request: signedRequest(payload(person.appScopedId)) }),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      url: expect.stringMatching(/^https:\/\/my-test-app\.myshopify\.io\/instagram\/data-deletion\/[a-f0-9]{24}$/),
      confirmation_code: expect.stringMatching(/^[a-f0-9]{24}$/),
    });
    expect(body.url.endsWith(body.confirmation_code)).toBe(true);

    const after = await snapshot();
    expect(after.accounts.map((account) => account.username)).toEqual([`bystander.${n}`]);
    expect(after.items).toHaveLength(1);
    expect(JSON.stringify(after.requests)).not.toContain(person.appScopedId);
    // Their posts leave every storefront: the feeds they fed, in both shops, are republished (empty now).
    const republished = await Promise.all(
      feeds.map((feed) => db().feed.findUniqueOrThrow({ where: { id: feed.id }, include: { sources: true } })),
    );
    expect(republished.map((feed) => [feed.name, feed.requestedAt !== null, feed.sources.length])).toEqual([
      ["Theirs", true, 0],
      ["Theirs elsewhere", true, 0],
      ["Bystander's", false, 1],
    ]);

    const page = await callRoute(deletionStatus, new Request(body.url), { code: body.confirmation_code });
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({
      found: true,
      code: body.confirmation_code,
      completedAt: expect.any(String),
    });
    const unknown = await callRoute(deletionStatus, new Request(body.url), { code: "0".repeat(24) });
    expect(unknown.status).toBe(404);
  });
});

describe("refused without changing anything", () => {
  const cases: Array<[string, () => Request]> = [
    [
      "a forged signature (other secret)",
      () =>
        metaCallback("/instagram/deauthorize", { signed_request: signedRequest(payload("1"), "someone-elses-secret") }),
    ],
    [
      "a signature of another payload",
      () => {
        const [signature] = signedRequest(payload("1")).split(".");
        const [, encoded] = signedRequest(payload("2")).split(".");
        return metaCallback("/instagram/deauthorize", { signed_request: `${signature}.${encoded}` });
      },
    ],
    ["no dot", () => metaCallback("/instagram/deauthorize", { signed_request: "abc" })],
    [
      "three parts",
      () => metaCallback("/instagram/deauthorize", { signed_request: `${signedRequest(payload("1"))}.x` }),
    ],
    ["not base64url", () => metaCallback("/instagram/deauthorize", { signed_request: "%%%.@@@" })],
    [
      "a payload that is not JSON",
      () => {
        const encoded = Buffer.from("not json").toString("base64url");
        const signature = createHmac("sha256", process.env.INSTAGRAM_APP_SECRET!).update(encoded).digest("base64url");
        return metaCallback("/instagram/deauthorize", { signed_request: `${signature}.${encoded}` });
      },
    ],
    [
      "another algorithm",
      () =>
        metaCallback("/instagram/deauthorize", {
          signed_request: signedRequest({ algorithm: "HMAC-SHA1", user_id: "1" }),
        }),
    ],
    [
      "no user_id",
      () =>
        metaCallback("/instagram/deauthorize", {
          signed_request: signedRequest({ algorithm: "HMAC-SHA256", issued_at: 1 }),
        }),
    ],
    ["no signed_request field", () => metaCallback("/instagram/deauthorize", { other: "x" })],
    ["unicode garbage", () => metaCallback("/instagram/deauthorize", { signed_request: "💥🦄.ñandú\u0000" })],
    ["a huge field", () => metaCallback("/instagram/deauthorize", { signed_request: "a".repeat(100_000) })],
    [
      "JSON instead of a form",
      () =>
        metaCallback(
          "/instagram/deauthorize",
          { signed_request: signedRequest(payload("1")) },
          { contentType: "application/json" },
        ),
    ],
    [
      "no content type",
      () =>
        new Request("https://my-test-app.myshopify.io/instagram/deauthorize", {
          method: "POST",
          body: "signed_request=x",
        }),
    ],
    [
      "PUT",
      () => metaCallback("/instagram/deauthorize", { signed_request: signedRequest(payload("1")) }, { method: "PUT" }),
    ],
  ];

  it.each(cases)("%s", async (_label, build) => {
    const { person } = await arrange();
    const before = await snapshot();
    for (const route of [deauthorize, dataDeletion]) {
      const response = await callRoute(route, build());
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const text = await response.text();
      expect(text).not.toMatch(/at .+\(|Error:|stack/);
      expect(text).not.toContain(process.env.INSTAGRAM_APP_SECRET!);
    }
    expect(await snapshot()).toEqual(before);
    expect(person.username).toBeTruthy();
  });

  it("GET is answered 405", async () => {
    const response = await callRoute(
      deauthorizeGet,
      new Request("https://my-test-app.myshopify.io/instagram/deauthorize"),
    );
    expect(response.status).toBe(405);
  });
});
