// The Reconnect flow through the real route modules, a real PostgreSQL database and the fake Instagram
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

const ACCOUNT_PAGE = "https://admin.shopify.com/store/test-shop/apps/testApiKey/app/account";

/** Presses Connect (or, with an account id, that account's Reconnect); returns where the app sends the browser. */
async function pressConnect(accountId?: string): Promise<URL> {
  const form: Record<string, string> = accountId ? { intent: "connect", accountId } : { intent: "connect" };
  const response = await callRoute(accountAction, adminPost("/app/account", form));
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

/** Cancel on Instagram's consent page: Instagram sends the error and the state back to our callback. */
function cancelOnInstagram(authorizeUrl: URL): Promise<Response> {
  const back = new URL(authorizeUrl.searchParams.get("redirect_uri")!);
  back.search = new URLSearchParams({
    error: "access_denied",
    error_reason: "user_denied",
    error_description: "The user denied your request",
    state: authorizeUrl.searchParams.get("state")!,
  }).toString();
  return callRoute(callbackLoader, publicGet(back.toString()));
}

/** The callback sent the browser into the admin, to the Account page: what that page then shows. */
async function followIntoAdmin(response: Response) {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("Location")!);
  expect(`${location.origin}${location.pathname}`).toBe(ACCOUNT_PAGE);
  expect(location.search).not.toMatch(/code=|token|IGAA/i);
  const page = await callRoute(accountLoader, adminGet(`/app/account?${location.searchParams}`));
  expect(page.status).toBe(200);
  return { location, body: await page.json() };
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

    const { location, body } = await followIntoAdmin(response);
    expect(location.searchParams.get("connected")).toBeTruthy();

    const [stored] = await accountsSnapshot();
    expect(stored).toMatchObject({ shop: SHOP, username: "acme.shop", accountType: "BUSINESS", status: "active" });
    expect(stored!.instagramUserId).toBe(fakeAccount.userId);
    expect(stored!.appScopedUserId).toBe(fakeAccount.appScopedId); // 17 digits, not rounded
    expect(stored!.tokenExpiresAt!.getTime() - clock.nowMs()).toBe(60 * DAY);
    const token = decryptToken(stored!.encryptedToken!, tokenBinding(stored!));
    expect(instagram.fake.tokenInfo(token)).toMatchObject({ username: "acme.shop", kind: "long" });
    expect(stored!.encryptedToken).not.toContain(token);

    expect(body.justConnected).toBe("acme.shop");
    expect(body.connectProblem).toBeNull();
    expect(body.accounts).toEqual([
      expect.objectContaining({
        username: "acme.shop",
        health: "active",
        daysLeft: 60,
        tokenExpiresAt: "2027-01-25T12:00:00.000Z",
      }),
    ]);
  });

  it("accepts Meta's documented reply shapes as well as the observed ones", async () => {
    instagram.fake.set({ replyShape: "documented" });
    try {
      const fakeAccount = instagram.fake.addAccount({ username: "documented.shape" });
      expect((await approveAs("documented.shape", await pressConnect())).status).toBe(302);
      const [stored] = await accountsSnapshot();
      expect(stored).toMatchObject({
        username: "documented.shape",
        instagramUserId: fakeAccount.userId,
        appScopedUserId: fakeAccount.appScopedId,
      });
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

  it("a failed reconnect keeps the old token and says why on the Account page", async () => {
    instagram.fake.addAccount({ username: "keeps.token" });
    await approveAs("keeps.token", await pressConnect());
    const before = await accountsSnapshot();

    instagram.fake.failNext(
      { path: /\/access_token$/, method: "GET" },
      {
        status: 500,
        body: {
          error: { message: "Please retry your request later.", code: 2, is_transient: true, type: "OAuthException" },
        },
      },
    );
    const { location, body } = await followIntoAdmin(await approveAs("keeps.token", await pressConnect(before[0]!.id)));
    expect(location.searchParams.get("connect")).toBe("instagram_unavailable");
    expect(body.connectProblem).toMatchObject({ title: "Instagram isn't responding", tone: "critical" });
    expect(await accountsSnapshot()).toEqual(before);
  });

  it("Reconnect on a broken account repairs that account", async () => {
    instagram.fake.addAccount({ username: "was.broken" });
    await approveAs("was.broken", await pressConnect());
    const [broken] = await accountsSnapshot();
    await db().instagramAccount.update({
      where: { id: broken!.id },
      data: { status: "needs_reconnect", statusReason: "The Instagram password was changed.", encryptedToken: null },
    });

    const { body } = await followIntoAdmin(await approveAs("was.broken", await pressConnect(broken!.id)));
    expect(body.justConnected).toBe("was.broken");
    expect(body.accounts).toEqual([expect.objectContaining({ id: broken!.id, health: "active" })]);
    expect(await db().oAuthState.count({ where: { reconnectAccountId: broken!.id } })).toBe(1);
  });

  it("approving a different account while reconnecting changes nothing and names both accounts", async () => {
    instagram.fake.addAccount({ username: "meant.this" });
    instagram.fake.addAccount({ username: "got.that" });
    await approveAs("meant.this", await pressConnect());
    const [broken] = await accountsSnapshot();
    await db().instagramAccount.update({
      where: { id: broken!.id },
      data: { status: "needs_reconnect", statusReason: "The Instagram password was changed.", encryptedToken: null },
    });
    const before = await accountsSnapshot();

    const { location, body } = await followIntoAdmin(await approveAs("got.that", await pressConnect(broken!.id)));
    expect(Object.fromEntries(location.searchParams)).toEqual({
      connect: "different_account",
      account: broken!.id,
      approved: "got.that",
    });
    // Neither the other account added nor the broken one touched.
    expect(await accountsSnapshot()).toEqual(before);
    expect(body.justConnected).toBeNull();
    expect(body.connectProblem).toEqual({
      title: "That was a different Instagram account",
      body: "You approved @got.that, but you were reconnecting @meant.this. Nothing was changed. Press Reconnect again and choose @meant.this on Instagram — if Instagram is signed in as @got.that, log out of Instagram first.",
      tone: "critical",
    });
    expect(body.accounts).toEqual([expect.objectContaining({ username: "meant.this", health: "needs_reconnect" })]);
  });

  it("a different account is refused even when it is already connected, and even when it is a personal account", async () => {
    instagram.fake.addAccount({ username: "one.shop" });
    instagram.fake.addAccount({ username: "two.shop" });
    instagram.fake.addAccount({ username: "private.me", accountType: "PERSONAL" });
    await approveAs("one.shop", await pressConnect());
    await approveAs("two.shop", await pressConnect());
    const before = await accountsSnapshot();
    const one = before.find((row) => row.username === "one.shop")!;

    clock.advance(3 * DAY);
    for (const approved of ["two.shop", "private.me"]) {
      const { location } = await followIntoAdmin(await approveAs(approved, await pressConnect(one.id)));
      expect(location.searchParams.get("connect")).toBe("different_account");
      expect(await accountsSnapshot()).toEqual(before);
    }
  });

  it("Reconnect of an account removed meanwhile connects what was approved", async () => {
    instagram.fake.addAccount({ username: "gone.then.back" });
    await approveAs("gone.then.back", await pressConnect());
    const [account] = await accountsSnapshot();
    const authorize = await pressConnect(account!.id);
    await db().instagramAccount.deleteMany();

    const { body } = await followIntoAdmin(await approveAs("gone.then.back", authorize));
    expect(body.justConnected).toBe("gone.then.back");
  });

  it("another shop's account id is no Reconnect at all", async () => {
    instagram.fake.addAccount({ username: "their.account" });
    instagram.fake.addAccount({ username: "my.account" });
    await seedOfflineSession("other-shop.myshopify.com");
    const foreign = await callRoute(accountAction, adminPost("/app/account", { intent: "connect" }, "other-shop"));
    const theirs = new URL(foreign.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url")!);
    await callRoute(
      callbackLoader,
      publicGet(
        instagram.fake.authorize(
          "their.account",
          theirs.searchParams.get("redirect_uri")!,
          theirs.searchParams.get("state")!,
        ),
      ),
    );
    const [their] = await accountsSnapshot();

    // Pressing "Reconnect" with their id in our shop cannot touch their account, and is not a mismatch either.
    const { body } = await followIntoAdmin(await approveAs("my.account", await pressConnect(their!.id)));
    expect(body.justConnected).toBe("my.account");
    expect((await accountsSnapshot()).find((row) => row.id === their!.id)).toEqual(their);
  });
});

describe("When connecting fails, the merchant is back on the Account page, reads why, and nothing is stored", () => {
  async function expectBanner(response: Response, problem: string, title: RegExp) {
    const { location, body } = await followIntoAdmin(response);
    expect(location.searchParams.get("connect")).toBe(problem);
    expect(body.connectProblem.title).toMatch(title);
    expect(body.connectProblem.tone).toBe(problem === "denied" ? "warning" : "critical");
    expect(JSON.stringify(body)).not.toMatch(/Error:|at \w+ \(|IGAA/);
    expect(await db().instagramAccount.count()).toBe(0);
    return body;
  }

  it("Cancel on Instagram", async () => {
    const body = await expectBanner(await cancelOnInstagram(await pressConnect()), "denied", /wasn't connected/);
    expect(body.connectProblem.body).toMatch(/cancelled on Instagram, so nothing was changed/);
  });

  it("Cancel while reconnecting keeps the account as it was", async () => {
    instagram.fake.addAccount({ username: "stays.put" });
    await approveAs("stays.put", await pressConnect());
    const before = await accountsSnapshot();
    const { location } = await followIntoAdmin(await cancelOnInstagram(await pressConnect(before[0]!.id)));
    expect(location.searchParams.get("connect")).toBe("denied");
    expect(await accountsSnapshot()).toEqual(before);
  });

  it("an expired state (after 10 minutes)", async () => {
    instagram.fake.addAccount({ username: "too.slow" });
    const authorize = await pressConnect();
    clock.advance(10 * MINUTE + 1000);
    await expectBanner(await approveAs("too.slow", authorize), "expired_state", /took too long/);
  });

  it("a reused state", async () => {
    instagram.fake.addAccount({ username: "used.twice" });
    const authorize = await pressConnect();
    const redirectUri = authorize.searchParams.get("redirect_uri")!;
    const back = instagram.fake.authorize("used.twice", redirectUri, authorize.searchParams.get("state")!);
    await callRoute(callbackLoader, publicGet(back));
    await db().instagramAccount.deleteMany();
    await expectBanner(await callRoute(callbackLoader, publicGet(back)), "reused_state", /already used/);
  });

  it("a code Instagram refuses", async () => {
    const authorize = await pressConnect();
    const callback = `/instagram/callback?code=not-a-real-code&state=${authorize.searchParams.get("state")}`;
    await expectBanner(await callRoute(callbackLoader, publicGet(callback)), "exchange_failed", /didn't accept/);
  });

  it("Instagram failing during the long-lived exchange", async () => {
    instagram.fake.addAccount({ username: "flaky.exchange" });
    instagram.fake.failNext({ path: /\/access_token$/, method: "GET" }, { status: 503, body: "Service Unavailable" });
    await expectBanner(
      await approveAs("flaky.exchange", await pressConnect()),
      "instagram_unavailable",
      /isn't responding/,
    );
  });

  it("Instagram failing when reading the profile", async () => {
    instagram.fake.addAccount({ username: "flaky.profile" });
    instagram.fake.failNext({ path: /\/me$/ }, "timeout");
    await expectBanner(
      await approveAs("flaky.profile", await pressConnect()),
      "instagram_unavailable",
      /isn't responding/,
    );
  });

  it("a personal (non-professional) account", async () => {
    instagram.fake.addAccount({ username: "just.me", accountType: "PERSONAL" });
    await expectBanner(
      await approveAs("just.me", await pressConnect()),
      "not_professional",
      /personal Instagram account/,
    );
  });
});

describe("When the shop can't be known, a plain page says what to do", () => {
  async function expectPlainPage(response: Response, title: RegExp) {
    expect(response.status).toBe(400);
    expect(response.headers.get("Location")).toBeNull();
    const body = await response.json();
    expect(body.title).toMatch(title);
    expect(body.body).toMatch(/Shopify admin|Account page/);
    expect(body.adminUrl).toBe("https://admin.shopify.com");
    expect(await db().instagramAccount.count()).toBe(0);
    return body;
  }

  it("a missing state", async () => {
    await expectPlainPage(await callRoute(callbackLoader, publicGet("/instagram/callback?code=abc")), /can't be used/);
  });

  it("an unknown state", async () => {
    await expectPlainPage(
      await callRoute(callbackLoader, publicGet(`/instagram/callback?code=abc&state=${"x".repeat(43)}`)),
      /can't be used/,
    );
  });

  it("a Cancel with an unknown state", async () => {
    await expectPlainPage(
      await callRoute(callbackLoader, publicGet(`/instagram/callback?error=access_denied&state=${"x".repeat(43)}`)),
      /wasn't connected/,
    );
  });
});

describe("The Account page shows only what the callback can say", () => {
  it("ignores unknown problems and anything that isn't an Instagram username", async () => {
    instagram.fake.addAccount({ username: "real.one" });
    await approveAs("real.one", await pressConnect());
    const [account] = await accountsSnapshot();
    const load = async (query: string) =>
      (await (await callRoute(accountLoader, adminGet(`/app/account?${query}`))).json()).connectProblem;

    expect(await load("connect=bogus")).toBeNull();
    const crafted = await load(
      `connect=different_account&account=${account!.id}&approved=${encodeURIComponent("<b>evil</b>")}`,
    );
    expect(crafted.body).toMatch(
      /^You approved an account, which isn't the account you were reconnecting\. .*choose @real\.one/,
    );
    expect(crafted.body).not.toContain("evil");
  });
});

describe("Reconnect input", () => {
  it("an empty account id is refused before anything starts", async () => {
    const garbage = await callRoute(accountAction, adminPost("/app/account", { intent: "connect", accountId: "" }));
    expect(garbage.status).toBe(400);
    expect(await db().oAuthState.count()).toBe(0);
  });
});

describe("Disconnect", () => {
  it("deletes the account and its token", async () => {
    instagram.fake.addAccount({ username: "leaving.soon" });
    await approveAs("leaving.soon", await pressConnect());
    const [account] = await accountsSnapshot();
    const response = await callRoute(
      accountAction,
      adminPost("/app/account", { intent: "disconnect", accountId: account!.id }),
    );
    expect(await response.json()).toEqual({ ok: true, message: "Instagram account disconnected" });
    expect(await db().instagramAccount.count()).toBe(0);
  });

  it("refuses another shop's account and malformed input, changing nothing", async () => {
    instagram.fake.addAccount({ username: "not.yours" });
    await approveAs("not.yours", await pressConnect());
    const before = await accountsSnapshot();
    await seedOfflineSession("other-shop.myshopify.com");
    const foreign = await callRoute(
      accountAction,
      adminPost("/app/account", { intent: "disconnect", accountId: before[0]!.id }, "other-shop"),
    );
    expect(foreign.status).toBe(404);
    const garbage = await callRoute(accountAction, adminPost("/app/account", { intent: "explode" }));
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).message).toMatch(/wasn't understood/);
    expect(await accountsSnapshot()).toEqual(before);
  });
});
