// Public and admin inputs that are garbage: each gets a clear 4xx (never a 500, never a stack trace)
// and the database does not change.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { action as accountAction } from "../../app/routes/app.account";
import { loader as callback } from "../../app/routes/instagram.callback";
import { adminPost, callRoute, publicGet, seedOfflineSession } from "../support/shopify";
import { useFakeInstagram } from "../support/instagram";
import { connectAccount } from "../support/connect";

const instagram = useFakeInstagram();

const snapshot = async () => ({
  accounts: await db().instagramAccount.findMany({ orderBy: { id: "asc" } }),
  states: await db().oAuthState.findMany({ orderBy: { stateHash: "asc" } }),
});

beforeEach(async () => {
  await db().instagramAccount.deleteMany();
  await db().oAuthState.deleteMany();
  await seedOfflineSession();
  instagram.fake.addAccount({ username: `garbage.${Date.now()}` });
  await connectAccount(instagram.fake, instagram.fake.accounts().at(-1)!.username);
});

describe("the OAuth callback", () => {
  it.each([
    ["no query at all", "/instagram/callback"],
    ["a huge code", `/instagram/callback?code=${"A".repeat(100_000)}&state=${"s".repeat(43)}`],
    ["a huge state", `/instagram/callback?code=abc&state=${"s".repeat(100_000)}`],
    ["unicode", "/instagram/callback?code=%F0%9F%92%A5&state=%C3%B1and%C3%BA%00"],
    ["repeated parameters", "/instagram/callback?state=a&state=b&code=c&code=d"],
    ["broken percent-encoding", "/instagram/callback?code=%E0%A4%A&state=%"],
    ["an error with no state", "/instagram/callback?error=access_denied&error_description=%3Cscript%3E"],
    [
      "script in every field",
      '/instagram/callback?code=<script>alert(1)</script>&state="><img src=x onerror=alert(1)>',
    ],
  ])("%s: a plain-language 400 page and no change", async (_label, path) => {
    const before = await snapshot();
    const response = await callRoute(callback, publicGet(path));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.title).toEqual(expect.any(String));
    expect(body.body).not.toMatch(/script|onerror|Error:|at .+\(/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the Account page's form", () => {
  it.each([
    ["no intent", {}],
    ["an unknown intent", { intent: "delete-everything" }],
    ["disconnect without an account", { intent: "disconnect" }],
    ["disconnect with a blank account", { intent: "disconnect", accountId: "   " }],
    ["disconnect with a huge account id", { intent: "disconnect", accountId: "x".repeat(10_000) }],
    ["unicode", { intent: "💥", accountId: "ñandú" }],
  ])("%s: 400 with a message the merchant understands, and no change", async (_label, form) => {
    const before = await snapshot();
    const response = await callRoute(accountAction, adminPost("/app/account", form as Record<string, string>));
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe("That request wasn't understood. Reload the page and try again.");
    expect(await snapshot()).toEqual(before);
  });

  it("a request without a valid session token changes nothing", async () => {
    const before = await snapshot();
    const forged = new Request("https://my-test-app.myshopify.io/app/account", {
      method: "POST",
      headers: { Authorization: "Bearer not.a.jwt" },
      body: new URLSearchParams({ intent: "disconnect", accountId: before.accounts[0]!.id }),
    });
    const response = await callRoute(accountAction, forged);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await snapshot()).toEqual(before);
  });
});
