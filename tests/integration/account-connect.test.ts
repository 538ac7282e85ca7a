// The Reconnect flow through the real route modules, a real SQLite database and the fake Instagram
// over HTTP: what a merchant gets for each way the flow can go.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { decryptToken, tokenBinding } from "../../app/accounts/token-crypto.server";
import { action as accountAction, loader as accountLoader } from "../../app/routes/app.account";
import { loader as callbackLoader } from "../../app/routes/instagram.callback";
import { useFakeInstagram } from "../support/instagram";
import { DAY, MINUTE, frozenClock } from "../support/clock";
import { SHOP, adminGet, adminPost, callRoute, publicGet, seedOfflineSession } from "../support/shopify";

const instagram = useFakeInstagram();
let clock: ReturnType<typeof frozenClock>;

beforeEach(async () => {
  clock = frozenClock();
  await db().instagramAccount.deleteMany();
  await db().oAuthState.deleteMany();
  await seedOfflineSession();
});
afterEach(() => clock.restore());

/** Presses Connect/Reconnect on the Account page; returns where the app sends the browser. */
async function pressConnect(): Promise<URL> {
  const response = await callRoute(accountAction, adminPost("/app/account", { intent: "connect" }));
  expect(response.status).toBe(401); // App Bridge's cue to navigate the top window
  return new URL(response.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url")!);
}

/** Approves on Instagram as `username` and follows the redirect back to our callback. */
async function approveAs(username: string, authorizeUrl: URL): Promise<Response> {
  const redirectUri = authorizeUrl.searchParams.get("redirect_uri")!;
  const back = instagram.fake.authorize(username, redirectUri, authorizeUrl.searchParams.get("state")!);
  return callRoute(callbackLoader, publicGet(back));
}

async function accountsSnapshot() {
  return db().instagramAccount.findMany({ orderBy: { username: "asc" } });
}

async function accountPage() {
  const response = await callRoute(accountLoader, adminGet("/app/account"));
  return (await response.json()) as Awaited<ReturnType<typeof accountLoader>> extends Response ? any : never;
}

describe("Connect Instagram", () => {
  it("sends the merchant to Instagram's authorize page with the documented parameters", async () => {
    const url = await pressConnect();
    expect(`${url.origin}${url.pathname}`).toBe(`${instagram.fake.origin}/oauth/authorize`);
    expect(url.searchParams.get("client_id")).toBe("990602627938098");
    expect(url.searchParams.get("redirect_uri")).toBe("https://my-test-app.myshopify.io/instagram/callback");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("scope")).toBe("instagram_business_basic");
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
  });

  it("stores only a hash of the state, tied to the shop", async () => {
    const state = (await pressConnect()).searchParams.get("state")!;
    const rows = await db().oAuthState.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.shop).toBe(SHOP);
    expect(rows[0]!.stateHash).not.toContain(state);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(10 * MINUTE);
  });

  it("comes back connected with a 60-day token, stored encrypted, and shows it on the Account page", async () => {
    const fakeAccount = instagram.fake.addAccount({ username: "acme.shop", accountType: "BUSINESS" });
    const response = await approveAs("acme.shop", await pressConnect());

    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location")!);
    expect(location.origin).toBe("https://admin.shopify.com");
    expect(location.pathname).toBe("/store/test-shop/apps/testApiKey/app/account");

    const [stored] = await accountsSnapshot();
    expect(stored).toMatchObject({ shop: SHOP, username: "acme.shop", accountType: "BUSINESS", status: "active" });
    expect(stored!.instagramUserId).toBe(fakeAccount.userId);
    expect(stored!.appScopedUserId).toBe(fakeAccount.appScopedId); // 17 digits, not rounded
    expect(stored!.tokenExpiresAt!.getTime() - clock.nowMs()).toBe(60 * DAY);
    const token = decryptToken(stored!.encryptedToken!, tokenBinding(stored!));
    expect(instagram.fake.tokenInfo(token)).toMatchObject({ username: "acme.shop", kind: "long" });
    expect(stored!.encryptedToken).not.toContain(token);

    const page = await callRoute(accountLoader, adminGet(`/app/account?${location.searchParams}`));
    const body = await page.json();
    expect(body.justConnected).toBe("acme.shop");
    expect(body.accounts).toEqual([
      expect.objectContaining({ username: "acme.shop", health: "active", daysLeft: 60, tokenExpiresAt: "2027-01-25T12:00:00.000Z" }),
    ]);
  });

  it("accepts Meta's documented reply shapes as well as the observed ones", async () => {
    instagram.fake.set({ replyShape: "documented" });
    try {
      const fakeAccount = instagram.fake.addAccount({ username: "documented.shape" });
      expect((await approveAs("documented.shape", await pressConnect())).status).toBe(302);
      const [stored] = await accountsSnapshot();
      expect(stored).toMatchObject({ username: "documented.shape", instagramUserId: fakeAccount.userId, appScopedUserId: fakeAccount.appScopedId });
    } finally {
      instagram.fake.set({ replyShape: "observed" });
    }
  });
});

describe("Reconnect", () => {
  it("replaces the token and moves the expiry, keeping one row per account", async () => {
    instagram.fake.addAccount({ username: "reconnect.me" });
    await approveAs("reconnect.me", await pressConnect());
    const [before] = await accountsSnapshot();

    clock.advance(20 * DAY);
    await approveAs("reconnect.me", await pressConnect());
    const after = await accountsSnapshot();

    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before!.id);
    expect(after[0]!.encryptedToken).not.toBe(before!.encryptedToken);
    expect(after[0]!.tokenExpiresAt!.getTime() - before!.tokenExpiresAt!.getTime()).toBe(20 * DAY);
  });

  it("reconnecting one account never touches another", async () => {
    instagram.fake.addAccount({ username: "first.account" });
    instagram.fake.addAccount({ username: "second.account", accountType: "MEDIA_CREATOR" });
    await approveAs("first.account", await pressConnect());
    await approveAs("second.account", await pressConnect());
    const [first] = await accountsSnapshot();

    clock.advance(3 * DAY);
    await approveAs("second.account", await pressConnect());
    const after = await accountsSnapshot();
    expect(after).toHaveLength(2);
    expect(after.find((row) => row.username === "first.account")).toEqual(first);
  });

  it("a failed reconnect keeps the old token", async () => {
    instagram.fake.addAccount({ username: "keeps.token" });
    await approveAs("keeps.token", await pressConnect());
    const before = await accountsSnapshot();

    instagram.fake.failNext({ path: /\/access_token$/, method: "GET" }, { status: 500, body: { error: { message: "Please retry your request later.", code: 2, is_transient: true, type: "OAuthException" } } });
    const response = await approveAs("keeps.token", await pressConnect());
    expect(response.status).toBe(400);
    expect(await accountsSnapshot()).toEqual(before);
  });
});

describe("When connecting fails, the merchant reads why and nothing is stored", () => {
  async function expectProblemPage(response: Response, title: RegExp) {
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.title).toMatch(title);
    expect(JSON.stringify(body)).not.toMatch(/Error:|at \w+ \(|IGAA/);
    expect(await db().instagramAccount.count()).toBe(0);
    return body;
  }

  it("denied consent", async () => {
    const authorize = await pressConnect();
    const back = new URL(authorize.searchParams.get("redirect_uri")!);
    back.search = new URLSearchParams({ error: "access_denied", error_reason: "user_denied", error_description: "The user denied your request", state: authorize.searchParams.get("state")! }).toString();
    const body = await expectProblemPage(await callRoute(callbackLoader, publicGet(back.toString())), /wasn't connected/);
    expect(body.backUrl).toBe("https://admin.shopify.com/store/test-shop/apps/testApiKey/app/account");
  });

  it("a missing state", async () => {
    const body = await expectProblemPage(await callRoute(callbackLoader, publicGet("/instagram/callback?code=abc")), /can't be used/);
    expect(body.backUrl).toBeNull();
  });

  it("an unknown state", async () => {
    await expectProblemPage(await callRoute(callbackLoader, publicGet(`/instagram/callback?code=abc&state=${"x".repeat(43)}`)), /can't be used/);
  });

  it("an expired state (after 10 minutes)", async () => {
    instagram.fake.addAccount({ username: "too.slow" });
    const authorize = await pressConnect();
    clock.advance(10 * MINUTE + 1000);
    await expectProblemPage(await approveAs("too.slow", authorize), /took too long/);
  });

  it("a reused state", async () => {
    instagram.fake.addAccount({ username: "used.twice" });
    const authorize = await pressConnect();
    const redirectUri = authorize.searchParams.get("redirect_uri")!;
    const back = instagram.fake.authorize("used.twice", redirectUri, authorize.searchParams.get("state")!);
    await callRoute(callbackLoader, publicGet(back));
    await db().instagramAccount.deleteMany();
    await expectProblemPage(await callRoute(callbackLoader, publicGet(back)), /already used/);
  });

  it("a code Instagram refuses", async () => {
    const authorize = await pressConnect();
    const callback = `/instagram/callback?code=not-a-real-code&state=${authorize.searchParams.get("state")}`;
    await expectProblemPage(await callRoute(callbackLoader, publicGet(callback)), /didn't accept/);
  });

  it("Instagram failing during the long-lived exchange", async () => {
    instagram.fake.addAccount({ username: "flaky.exchange" });
    instagram.fake.failNext({ path: /\/access_token$/, method: "GET" }, { status: 503, body: "Service Unavailable" });
    await expectProblemPage(await approveAs("flaky.exchange", await pressConnect()), /isn't responding/);
  });

  it("Instagram failing when reading the profile", async () => {
    instagram.fake.addAccount({ username: "flaky.profile" });
    instagram.fake.failNext({ path: /\/me$/ }, "timeout");
    await expectProblemPage(await approveAs("flaky.profile", await pressConnect()), /isn't responding/);
  });

  it("a personal (non-professional) account", async () => {
    instagram.fake.addAccount({ username: "just.me", accountType: "PERSONAL" });
    await expectProblemPage(await approveAs("just.me", await pressConnect()), /personal Instagram account/);
  });
});

describe("Disconnect", () => {
  it("deletes the account and its token", async () => {
    instagram.fake.addAccount({ username: "leaving.soon" });
    await approveAs("leaving.soon", await pressConnect());
    const [account] = await accountsSnapshot();
    const response = await callRoute(accountAction, adminPost("/app/account", { intent: "disconnect", accountId: account!.id }));
    expect(await response.json()).toEqual({ ok: true, message: "Instagram account disconnected" });
    expect(await db().instagramAccount.count()).toBe(0);
  });

  it("refuses another shop's account and malformed input, changing nothing", async () => {
    instagram.fake.addAccount({ username: "not.yours" });
    await approveAs("not.yours", await pressConnect());
    const before = await accountsSnapshot();
    await seedOfflineSession("other-shop.myshopify.com");
    const foreign = await callRoute(accountAction, adminPost("/app/account", { intent: "disconnect", accountId: before[0]!.id }, "other-shop"));
    expect(foreign.status).toBe(404);
    const garbage = await callRoute(accountAction, adminPost("/app/account", { intent: "explode" }));
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).message).toMatch(/wasn't understood/);
    expect(await accountsSnapshot()).toEqual(before);
  });
});
