// No token, app secret or key ever appears in a response or a log line. The main flows run with
// recognisable secrets while every response (headers and body) and everything logged is collected;
// then all of it is searched for every secret, including every token the fake Instagram issued.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { runTokenSweep } from "../../app/accounts/renewal.server";
import { loader as layoutLoader } from "../../app/routes/app";
import { loader as homeLoader } from "../../app/routes/app._index";
import { action as accountAction, loader as accountLoader } from "../../app/routes/app.account";
import { loader as callback } from "../../app/routes/instagram.callback";
import { loader as healthz } from "../../app/routes/healthz";
import { action as deauthorize } from "../../app/routes/instagram.deauthorize";
import { action as dataDeletion } from "../../app/routes/instagram.data-deletion";
import { action as uninstalled } from "../../app/routes/webhooks.app.uninstalled";
import { tokenStatusRows } from "../../app/accounts/token-status.server";
import { DAY, MINUTE, frozenClock } from "../support/clock";
import { useFakeInstagram } from "../support/instagram";
import { adminGet, adminPost, callRoute, publicGet, seedOfflineSession } from "../support/shopify";
import { metaCallback, shopifyWebhook, signedRequest } from "../support/webhooks";

const instagram = useFakeInstagram();
const seen: string[] = [];
const consoleMethods = ["log", "info", "warn", "error", "debug"] as const;
const originals = consoleMethods.map((name) => console[name]);
let clock: ReturnType<typeof frozenClock>;

beforeAll(() => {
  consoleMethods.forEach((name, i) => {
    console[name] = (...args: unknown[]) => {
      seen.push(
        args
          .map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg, Object.getOwnPropertyNames(arg ?? {}))))
          .join(" "),
      );
      originals[i]!.apply(console, args);
    };
  });
  clock = frozenClock();
});
afterAll(() => {
  consoleMethods.forEach((name, i) => (console[name] = originals[i]!));
  clock.restore();
});

async function record(response: Response | Promise<Response>): Promise<Response> {
  const resolved = await response;
  const text = await resolved.clone().text();
  seen.push(JSON.stringify([...resolved.headers.entries()]), text);
  return resolved;
}

async function connectThroughRoutes(username: string) {
  const start = await record(callRoute(accountAction, adminPost("/app/account", { intent: "connect" })));
  const authorize = new URL(start.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url")!);
  const back = instagram.fake.authorize(
    username,
    authorize.searchParams.get("redirect_uri")!,
    authorize.searchParams.get("state")!,
  );
  await record(callRoute(callback, publicGet(back)));
}

it("the main flows never reveal a token, an app secret or the encryption key", async () => {
  await seedOfflineSession();
  const people = ["secret.one", "secret.two", "secret.three"].map((username) =>
    instagram.fake.addAccount({ username }),
  );
  for (const person of people) await connectThroughRoutes(person.username);

  // Pages, a failed connect, renewal, revocation, failures, Meta callbacks, uninstall, health.
  for (const loader of [layoutLoader, homeLoader, accountLoader])
    await record(callRoute(loader, adminGet("/app/account")));
  await record(callRoute(callback, publicGet("/instagram/callback?code=bogus&state=" + "x".repeat(43))));
  clock.advance(5 * DAY);
  instagram.fake.failNext(
    { path: /refresh_access_token/ },
    { status: 500, body: { error: { message: "boom", code: 2, is_transient: true } } },
  );
  seen.push(JSON.stringify(await runTokenSweep()));
  instagram.fake.revoke("secret.two", "password_changed");
  clock.advance(60 * MINUTE);
  seen.push(JSON.stringify(await runTokenSweep()));
  seen.push(JSON.stringify(await tokenStatusRows()));
  for (const loader of [layoutLoader, homeLoader, accountLoader])
    await record(callRoute(loader, adminGet("/app/account")));
  await record(
    callRoute(
      deauthorize,
      metaCallback("/instagram/deauthorize", {
        signed_request: signedRequest({ algorithm: "HMAC-SHA256", user_id: people[0]!.appScopedId }),
      }),
    ),
  );
  await record(
    callRoute(
      dataDeletion,
      metaCallback("/instagram/data-deletion", {
        signed_request: signedRequest({ algorithm: "HMAC-SHA256", user_id: people[2]!.appScopedId }),
      }),
    ),
  );
  await record(callRoute(deauthorize, metaCallback("/instagram/deauthorize", { signed_request: "forged.value" })));
  await record(callRoute(uninstalled, shopifyWebhook("app/uninstalled", { id: 1 })));
  await record(callRoute(healthz, publicGet("/healthz")));

  const tokens = instagram.fake.issuedTokens();
  expect(tokens.length).toBeGreaterThanOrEqual(6); // a short- and a long-lived token per account, at least
  const secrets = [
    ...tokens,
    process.env.INSTAGRAM_APP_SECRET!,
    process.env.SHOPIFY_API_SECRET!,
    process.env.TOKEN_ENCRYPTION_KEY!,
    "shpat_test",
  ];
  const everything = seen.join("\n");
  expect(everything.length).toBeGreaterThan(1000);
  for (const secret of secrets)
    expect(everything.includes(secret), `a secret (${secret.slice(0, 6)}…) leaked`).toBe(false);
  // Nor does the database hold a token in readable form.
  const stored = JSON.stringify(await db().instagramAccount.findMany());
  for (const token of tokens) expect(stored.includes(token)).toBe(false);
});
