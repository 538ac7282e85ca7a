// Token upkeep against the fake Instagram over HTTP: tokens are renewed in time, revoked ones are
// reported at once, and passing trouble never disconnects anyone.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { runTokenSweep } from "../../app/accounts/renewal.server";
import { decryptToken, tokenBinding } from "../../app/accounts/token-crypto.server";
import { loader as layoutLoader } from "../../app/routes/app";
import { DAY, MINUTE, frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { adminGet, callRoute, seedOfflineSession } from "../support/shopify";

const instagram = useFakeInstagram();
let clock: ReturnType<typeof frozenClock>;
let counter = 0;

beforeEach(async () => {
  clock = frozenClock();
  await db().instagramAccount.deleteMany();
  await seedOfflineSession();
});
afterEach(() => clock.restore());

async function connectFresh() {
  counter += 1;
  const username = `renewal.${counter}`;
  instagram.fake.addAccount({ username });
  return { username, account: await connectAccount(instagram.fake, username) };
}

const reload = (id: string) => db().instagramAccount.findUniqueOrThrow({ where: { id } });
const storedToken = (account: { encryptedToken: string | null; shop: string; instagramUserId: string }) =>
  decryptToken(account.encryptedToken!, tokenBinding(account));
const callsTo = (path: RegExp) => instagram.fake.calls.filter((call) => path.test(call.path)).length;

describe("renewal", () => {
  it("leaves a young token alone, only checking that Instagram still honours it", async () => {
    const { account } = await connectFresh();
    clock.advance(2 * DAY);
    const refreshesBefore = callsTo(/refresh_access_token/);
    const report = await runTokenSweep();
    expect(report.results).toEqual([{ accountId: account.id, action: "check", outcome: "checked" }]);
    expect(callsTo(/refresh_access_token/)).toBe(refreshesBefore);
    expect((await reload(account.id)).tokenExpiresAt).toEqual(account.tokenExpiresAt);
  });

  it.each([false, true])(
    "renews a 5-day-old token for another 60 days (Instagram returns a new string: %s)",
    async (newString) => {
      instagram.fake.set({ refreshReturnsNewToken: newString });
      const { account } = await connectFresh();
      clock.advance(5 * DAY);
      const report = await runTokenSweep();
      expect(report.renewed).toBe(1);
      const renewed = await reload(account.id);
      expect(renewed.tokenExpiresAt!.getTime()).toBe(clock.nowMs() + 60 * DAY);
      expect(renewed.tokenRefreshedAt!.getTime()).toBe(clock.nowMs());
      expect(renewed.lastRenewalResult).toBe("Renewed");
      const token = storedToken(renewed);
      expect(token === storedToken(account)).toBe(!newString);
      expect(instagram.fake.tokenInfo(token)!.expiresAt).toBe(clock.nowMs() + 60 * DAY);
      instagram.fake.set({ refreshReturnsNewToken: false });
    },
  );

  it("does not call Instagram for an account that is not due", async () => {
    await connectFresh();
    await runTokenSweep();
    const before = instagram.fake.calls.length;
    clock.advance(10 * MINUTE);
    expect((await runTokenSweep()).results).toEqual([]);
    expect(instagram.fake.calls.length).toBe(before);
  });
});

describe("detecting the dead", () => {
  it.each([
    ["password_changed", "The Instagram password was changed, which ended the connection."],
    ["app_removed", "The app's access was removed in Instagram's settings."],
    ["expired", "The Instagram connection expired."],
  ] as const)("a token revoked (%s) is flagged at the next check, and never used again", async (reason, text) => {
    const { username, account } = await connectFresh();
    instagram.fake.revoke(username, reason);
    clock.advance(60 * MINUTE);
    const report = await runTokenSweep();
    expect(report.needs_reconnect).toBe(1);
    const flagged = await reload(account.id);
    expect(flagged).toMatchObject({ status: "needs_reconnect", statusReason: text, encryptedToken: null });

    const calls = instagram.fake.calls.length;
    clock.advance(7 * DAY);
    await runTokenSweep();
    expect(instagram.fake.calls.length).toBe(calls);
  });

  it("a missing permission also needs the merchant", async () => {
    const { account } = await connectFresh();
    instagram.fake.failNext(
      { path: /\/me$/ },
      {
        status: 403,
        body: {
          error: {
            message: "(#10) Application does not have permission for this action",
            type: "OAuthException",
            code: 10,
          },
        },
      },
    );
    clock.advance(60 * MINUTE);
    await runTokenSweep();
    expect((await reload(account.id)).status).toBe("needs_reconnect");
  });
});

describe("passing trouble", () => {
  it.each([
    [
      "a server error",
      {
        status: 500,
        body: {
          error: { message: "An unexpected error has occurred.", type: "OAuthException", code: 2, is_transient: true },
        },
      },
    ],
    ["a timeout", "timeout" as const],
    ["a malformed reply", { status: 200, body: '{"access_token": ' }],
    [
      "a refresh Instagram refuses",
      {
        status: 400,
        body: {
          error: { message: "(#100) The access token is too new to be refreshed.", type: "OAuthException", code: 100 },
        },
      },
    ],
  ])("%s is retried with backoff and never marks the account dead", async (_name, reply) => {
    const { account } = await connectFresh();
    clock.advance(5 * DAY);
    instagram.fake.failNext({ path: /refresh_access_token/ }, reply);
    const report = await runTokenSweep();
    expect(report.failed).toBe(1);
    const failed = await reload(account.id);
    expect(failed).toMatchObject({ status: "active", renewalFailures: 1 });
    expect(failed.nextCheckAt!.getTime()).toBe(clock.nowMs() + 15 * MINUTE);
    expect(failed.lastRenewalResult).toMatch(/^Failed: /);

    clock.advance(15 * MINUTE);
    expect((await runTokenSweep()).renewed).toBe(1);
    expect(await reload(account.id)).toMatchObject({ renewalFailures: 0, status: "active" });
  });

  it("a failed check followed by a good one no longer shows the failure", async () => {
    const { account } = await connectFresh();
    clock.advance(DAY);
    instagram.fake.failNext(
      { path: /\/me$/ },
      {
        status: 500,
        body: {
          error: { message: "An unexpected error has occurred.", type: "OAuthException", code: 2, is_transient: true },
        },
      },
    );
    expect((await runTokenSweep()).failed).toBe(1);
    expect((await reload(account.id)).lastRenewalResult).toMatch(/^Failed: /);
    clock.advance(15 * MINUTE);
    expect((await runTokenSweep()).checked).toBe(1);
    expect(await reload(account.id)).toMatchObject({ renewalFailures: 0, lastRenewalResult: null });
  });

  it.each([4, 17, 32, 613, 80002])("rate limit code %i waits as long as Meta asks", async (code) => {
    const { account } = await connectFresh();
    clock.advance(5 * DAY);
    instagram.fake.failNext(
      { path: /refresh_access_token/ },
      {
        status: 400,
        body: {
          error: {
            message: `(#${code}) There have been too many calls. Wait a bit and try again.`,
            type: "OAuthException",
            code,
          },
        },
        headers: {
          "x-business-use-case-usage": JSON.stringify({
            "1784": [
              {
                type: "instagram",
                call_count: 100,
                total_time: 25,
                total_cputime: 25,
                estimated_time_to_regain_access: 45,
              },
            ],
          }),
        },
      },
    );
    await runTokenSweep();
    const waiting = await reload(account.id);
    expect(waiting.status).toBe("active");
    expect(waiting.nextCheckAt!.getTime()).toBe(clock.nowMs() + 45 * MINUTE);
  });

  it("backs off exponentially, up to 6 hours", async () => {
    const { account } = await connectFresh();
    clock.advance(5 * DAY);
    const stop = instagram.fake.failSometimes(
      { path: /refresh_access_token/ },
      { status: 503, body: "Service Unavailable" },
      1,
    );
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      await runTokenSweep();
      const next = (await reload(account.id)).nextCheckAt!.getTime();
      waits.push((next - clock.nowMs()) / MINUTE);
      clock.advance(next - clock.nowMs());
    }
    stop();
    expect(waits).toEqual([15, 30, 60, 120, 240, 360, 360]);
  });
});

describe("telling the merchant", () => {
  it("every admin page's layout lists accounts that need attention, and reconnecting clears it", async () => {
    const { username, account } = await connectFresh();
    const attention = async () => (await (await callRoute(layoutLoader, adminGet("/app"))).json()).attention;
    expect(await attention()).toEqual([]);

    instagram.fake.revoke(username, "password_changed");
    clock.advance(60 * MINUTE);
    await runTokenSweep();
    expect(await attention()).toEqual([
      expect.objectContaining({ id: account.id, username, health: "needs_reconnect" }),
    ]);

    await connectAccount(instagram.fake, username);
    expect(await attention()).toEqual([]);
    const reconnected = await reload(account.id);
    expect(reconnected).toMatchObject({ status: "active", statusReason: null, renewalFailures: 0 });
    expect(reconnected.tokenExpiresAt!.getTime()).toBe(clock.nowMs() + 60 * DAY);
  });

  it("a token under 7 days from expiry because renewals kept failing shows Expires soon", async () => {
    const { account } = await connectFresh();
    await db().instagramAccount.update({
      where: { id: account.id },
      data: { tokenExpiresAt: new Date(clock.nowMs() + 6 * DAY) },
    });
    const { attention } = await (await callRoute(layoutLoader, adminGet("/app"))).json();
    expect(attention).toEqual([
      expect.objectContaining({ username: account.username, health: "expires_soon", daysLeft: 6 }),
    ]);
  });
});
