// The Instagram client against the fake Instagram over real HTTP: every step of connecting an account,
// and every way Instagram can fail, as the value the rest of the app acts on (reconnect, wait, retry).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createInstagramClient,
  defaultClientOptions,
  GRAPH_API_VERSION,
  INSTAGRAM_SCOPE,
  originsFor,
  stripFragmentMarker,
  type InstagramClient,
  type InstagramClientOptions,
} from "../../app/instagram/client.server";
import { InstagramError, type InstagramErrorKind, type TokenProblem } from "../../app/instagram/errors";
import type { FakeAccount, FaultReply, RevokeReason } from "../../app/sandbox/stand-ins/instagram/index";
import { useFakeInstagram } from "../support/instagram";
import { DAY, frozenClock } from "../support/clock";

const HOUR = 60 * 60 * 1000;
const REDIRECT = "https://my-test-app.myshopify.io/instagram/callback";
const SIXTY_DAYS_S = 60 * 24 * 60 * 60;

const instagram = useFakeInstagram();
let clock: ReturnType<typeof frozenClock>;
let client: InstagramClient;
let accountNumber = 0;

beforeEach(() => {
  clock = frozenClock();
  client = createInstagramClient(defaultClientOptions()); // after useFakeInstagram pointed the config at the fake
});
afterEach(() => {
  clock.restore();
  instagram.fake.set({ replyShape: "observed", refreshReturnsNewToken: false });
});

function newAccount(prefix = "shop"): FakeAccount {
  accountNumber += 1;
  return instagram.fake.addAccount({ username: `${prefix}.${accountNumber}`, accountType: "BUSINESS" });
}

/** The Allow button on Instagram's consent page: the code from the redirect back to us. */
function approve(account: FakeAccount): string {
  const back = new URL(instagram.fake.authorize(account.username, REDIRECT, "state-123"));
  expect(back.hash).toBe("#_");
  return back.searchParams.get("code")!;
}

/** The whole connect flow, as the callback route runs it. */
async function connect(account: FakeAccount) {
  const short = await client.exchangeCode({ code: approve(account), redirectUri: REDIRECT });
  const long = await client.exchangeForLongLived(short.accessToken);
  const profile = await client.getProfile(long.accessToken);
  return { short, long, profile };
}

/**
 * Awaits a call that must fail and checks what the app gets: an InstagramError of `kind`, and none of
 * `secrets` (access tokens, the app secret) anywhere in what could end up in a log or on a page.
 */
async function failure(call: Promise<unknown>, kind: InstagramErrorKind, secrets: string[]): Promise<InstagramError> {
  let thrown: unknown;
  try {
    await call;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "the call should have failed").toBeInstanceOf(InstagramError);
  const error = thrown as InstagramError;
  expect(error.kind, error.message).toBe(kind);
  for (const secret of [...secrets, process.env.INSTAGRAM_APP_SECRET!]) {
    expect(secret.length).toBeGreaterThan(10);
    expect(String(error)).not.toContain(secret);
    expect(error.message).not.toContain(secret);
    expect(error.stack ?? "").not.toContain(secret);
    expect(JSON.stringify(error.details)).not.toContain(secret);
  }
  expect(error.message).not.toMatch(/https?:\/\//); // no URLs (they carry the token in the query)
  return error;
}

const ME = { path: /\/me$/, method: "GET" };
const CODE_EXCHANGE = { path: /^\/oauth\/access_token$/, method: "POST" };
const LONG_EXCHANGE = { path: /^\/access_token$/, method: "GET" };
const REFRESH = { path: /^\/refresh_access_token$/, method: "GET" };

function graphError(code: number, message: string, extra: Record<string, unknown> = {}) {
  return { error: { message, type: "OAuthException", code, fbtrace_id: "AzFLksX9N3S3IECyB8dHS-W", ...extra } };
}

describe("authorizeUrl", () => {
  it("sends the merchant to Instagram with exactly the documented parameters", () => {
    const url = new URL(client.authorizeUrl({ redirectUri: REDIRECT, state: "abc_DEF-123" }));
    expect(`${url.origin}${url.pathname}`).toBe(`${instagram.fake.origin}/oauth/authorize`);
    expect([...url.searchParams.keys()].sort()).toEqual([
      "client_id",
      "redirect_uri",
      "response_type",
      "scope",
      "state",
    ]);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: process.env.INSTAGRAM_APP_ID,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "instagram_business_basic",
      state: "abc_DEF-123",
    });
    expect(INSTAGRAM_SCOPE).toBe("instagram_business_basic");
    expect(url.hash).toBe("");
    expect(url.toString()).not.toContain(process.env.INSTAGRAM_APP_SECRET!);
  });

  it("Instagram's consent page accepts it", async () => {
    const response = await fetch(client.authorizeUrl({ redirectUri: REDIRECT, state: "s" }));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Allow");
  });

  it("points at the real Instagram hosts when no base URL is configured", () => {
    const real = createInstagramClient({ ...defaultClientOptions(), origins: originsFor(undefined) });
    expect(real.authorizeUrl({ redirectUri: REDIRECT, state: "s" })).toMatch(
      /^https:\/\/www\.instagram\.com\/oauth\/authorize\?/,
    );
  });
});

describe("connecting: code → short-lived → long-lived → profile", () => {
  it.each(["observed", "documented"] as const)("works with Meta's %s reply shapes", async (shape) => {
    instagram.fake.set({ replyShape: shape });
    const account = newAccount(shape);
    const { short, long, profile } = await connect(account);

    expect(short.appScopedUserId).toBe(account.appScopedId);
    expect(instagram.fake.tokenInfo(short.accessToken)).toMatchObject({ username: account.username, kind: "short" });

    expect(long.expiresInSeconds).toBe(SIXTY_DAYS_S);
    expect(long.accessToken).not.toBe(short.accessToken);
    const info = instagram.fake.tokenInfo(long.accessToken)!;
    expect(info).toMatchObject({ username: account.username, kind: "long" });
    expect(info.expiresAt - clock.nowMs()).toBe(60 * DAY);

    expect(profile).toEqual({
      userId: account.userId,
      appScopedId: account.appScopedId,
      username: account.username,
      accountType: "BUSINESS",
      profilePictureUrl: expect.any(String),
    });
  });

  it("keeps the 17-digit numeric user_id of the code exchange exactly", async () => {
    const account = newAccount("bigid");
    expect(account.appScopedId).toMatch(/^\d{17}$/);
    expect(String(Number(account.appScopedId))).not.toBe(account.appScopedId); // a JS number would change it

    const short = await client.exchangeCode({ code: approve(account), redirectUri: REDIRECT });
    expect(short.appScopedUserId).toBe(account.appScopedId);
    expect(typeof short.appScopedUserId).toBe("string");
  });

  it("reads the profile ids as strings too, and the professional id differs from the app-scoped one", async () => {
    const account = newAccount("ids");
    const { short, profile } = await connect(account);
    expect(profile.userId).toMatch(/^17841\d{12}$/);
    expect(profile.userId).toBe(account.userId);
    expect(profile.appScopedId).toBe(short.appScopedUserId);
    expect(profile.userId).not.toBe(profile.appScopedId);
  });

  it("asks Instagram for a pinned API version and the profile fields it needs", async () => {
    const account = newAccount("pinned");
    const before = instagram.fake.calls.length;
    await connect(account);
    const me = instagram.fake.calls.slice(before).find((call) => call.path.endsWith("/me"))!;
    expect(me.path).toBe(`/${GRAPH_API_VERSION}/me`);
    expect(me.query.fields!.split(",")).toEqual(expect.arrayContaining(["id", "user_id", "username", "account_type"]));
  });

  it("a code hand-copied with Instagram's trailing '#_' still works", async () => {
    const account = newAccount("hash");
    const short = await client.exchangeCode({ code: `${approve(account)}#_`, redirectUri: REDIRECT });
    expect(short.appScopedUserId).toBe(account.appScopedId);
    // The fake forgives "#_" itself, so also check the client removes the marker before sending:
    expect(stripFragmentMarker("AQabc#_")).toBe("AQabc");
    expect(stripFragmentMarker("AQabc#")).toBe("AQabc");
    expect(stripFragmentMarker("AQabc")).toBe("AQabc");
    expect(stripFragmentMarker("AQa#_bc")).toBe("AQa#_bc");
  });

  it("a code with a bare trailing '#' works (the fake would refuse it as sent)", async () => {
    const account = newAccount("bare");
    const short = await client.exchangeCode({ code: `${approve(account)}#`, redirectUri: REDIRECT });
    expect(short.appScopedUserId).toBe(account.appScopedId);
  });

  it("a reused code → bad_request (retrying will not help)", async () => {
    const account = newAccount("reused");
    const code = approve(account);
    const first = await client.exchangeCode({ code, redirectUri: REDIRECT });
    const error = await failure(client.exchangeCode({ code, redirectUri: REDIRECT }), "bad_request", [
      first.accessToken,
      code,
    ]);
    expect(error.details.status).toBe(400);
    expect(error.message).toContain("Matching code was not found or was already used");
  });

  it("a code used with another redirect URI → bad_request", async () => {
    const account = newAccount("redirect");
    const code = approve(account);
    await failure(client.exchangeCode({ code, redirectUri: "https://elsewhere.example/callback" }), "bad_request", [
      code,
    ]);
  });

  it("the wrong app secret → bad_request, and the secret is not repeated", async () => {
    const wrongSecret = "wrong-instagram-app-secret-123";
    const wrong = createInstagramClient({ ...defaultClientOptions(), appSecret: wrongSecret });
    const code = approve(newAccount("secret"));
    await failure(wrong.exchangeCode({ code, redirectUri: REDIRECT }), "bad_request", [wrongSecret, code]);
  });

  it("an unknown token → invalid_token", async () => {
    const token = `IGAA${"x".repeat(60)}`;
    const error = await failure(client.getProfile(token), "invalid_token", [token]);
    expect(error.details.tokenProblem).toBe("invalid");
  });

  it("a short-lived token used after its hour → invalid_token / expired, so it cannot be exchanged", async () => {
    const account = newAccount("slow");
    const short = await client.exchangeCode({ code: approve(account), redirectUri: REDIRECT });
    clock.advance(HOUR);
    const error = await failure(client.exchangeForLongLived(short.accessToken), "invalid_token", [short.accessToken]);
    expect(error.details.tokenProblem).toBe("expired");
  });
});

describe("a token the merchant's account no longer accepts → invalid_token (reconnect needed)", () => {
  const cases: Array<[RevokeReason, TokenProblem]> = [
    ["expired", "expired"],
    ["password_changed", "password_changed"],
    ["app_removed", "permission_removed"],
  ];

  it.each(cases)("revoked (%s) → tokenProblem %s on getProfile", async (reason, problem) => {
    const account = newAccount(`p${reason.slice(0, 4)}`);
    const { long } = await connect(account);
    instagram.fake.revoke(account.username, reason);
    const error = await failure(client.getProfile(long.accessToken), "invalid_token", [long.accessToken]);
    expect(error.details).toMatchObject({ code: 190, tokenProblem: problem });
  });

  it.each(cases)("revoked (%s) → tokenProblem %s on refreshLongLived", async (reason, problem) => {
    const account = newAccount(`r${reason.slice(0, 4)}`);
    const { long } = await connect(account);
    clock.advance(25 * HOUR); // old enough to refresh: only the revocation can be the reason
    instagram.fake.revoke(account.username, reason);
    const error = await failure(client.refreshLongLived(long.accessToken), "invalid_token", [long.accessToken]);
    expect(error.details).toMatchObject({ code: 190, tokenProblem: problem });
  });

  it("a never-refreshed token stops working after 60 days → expired", async () => {
    const account = newAccount("sixty");
    const { long } = await connect(account);
    clock.advance(60 * DAY - 1000);
    await expect(client.getProfile(long.accessToken)).resolves.toMatchObject({ username: account.username });
    clock.advance(1000);
    const error = await failure(client.getProfile(long.accessToken), "invalid_token", [long.accessToken]);
    expect(error.details.tokenProblem).toBe("expired");
    const refresh = await failure(client.refreshLongLived(long.accessToken), "invalid_token", [long.accessToken]);
    expect(refresh.details.tokenProblem).toBe("expired");
  });

  it("reconnecting after a revocation works again", async () => {
    const account = newAccount("again");
    const { long } = await connect(account);
    instagram.fake.revoke(account.username, "password_changed");
    await failure(client.getProfile(long.accessToken), "invalid_token", [long.accessToken]);
    const second = await connect(account);
    expect(second.profile.userId).toBe(account.userId);
  });
});

describe("refreshing a long-lived token", () => {
  it("under 24 hours old → refused as bad_request (not invalid_token), expiry unchanged", async () => {
    const account = newAccount("young");
    const { long } = await connect(account);
    const before = instagram.fake.tokenInfo(long.accessToken)!.expiresAt;
    clock.advance(23 * HOUR);
    const error = await failure(client.refreshLongLived(long.accessToken), "bad_request", [long.accessToken]);
    expect(error.kind).not.toBe("invalid_token"); // the merchant must not be asked to reconnect
    expect(instagram.fake.tokenInfo(long.accessToken)!.expiresAt).toBe(before);
    await expect(client.getProfile(long.accessToken)).resolves.toMatchObject({ username: account.username });
  });

  it("after 25 hours → succeeds and extends the expiry to 60 days from now", async () => {
    const account = newAccount("aged");
    const { long } = await connect(account);
    const before = instagram.fake.tokenInfo(long.accessToken)!.expiresAt;
    clock.advance(25 * HOUR);
    const refreshed = await client.refreshLongLived(long.accessToken);
    expect(refreshed.expiresInSeconds).toBe(SIXTY_DAYS_S);
    expect(refreshed.accessToken).toBe(long.accessToken); // the fake's default: same string, new expiry
    const after = instagram.fake.tokenInfo(refreshed.accessToken)!;
    expect(after.expiresAt).toBe(clock.nowMs() + 60 * DAY);
    expect(after.expiresAt - before).toBe(25 * HOUR);
  });

  it("when Instagram hands out a new string, the client returns that one and it works", async () => {
    instagram.fake.set({ refreshReturnsNewToken: true });
    const account = newAccount("fresh");
    const { long } = await connect(account);
    clock.advance(2 * DAY);
    const refreshed = await client.refreshLongLived(long.accessToken);
    expect(refreshed.accessToken).not.toBe(long.accessToken);
    expect(instagram.fake.tokenInfo(refreshed.accessToken)).toMatchObject({
      kind: "long",
      expiresAt: clock.nowMs() + 60 * DAY,
    });
    await expect(client.getProfile(refreshed.accessToken)).resolves.toMatchObject({ userId: account.userId });
  });

  it("a short-lived token cannot be refreshed → bad_request", async () => {
    const account = newAccount("shortref");
    const short = await client.exchangeCode({ code: approve(account), redirectUri: REDIRECT });
    await failure(client.refreshLongLived(short.accessToken), "bad_request", [short.accessToken]);
  });
});

describe("rate limits → rate_limited, with the wait Meta asks for", () => {
  const BUC = (minutes: number, id: string) => ({
    "x-business-use-case-usage": JSON.stringify({
      [id]: [
        {
          type: "instagram",
          call_count: 100,
          total_cputime: 30,
          total_time: 40,
          estimated_time_to_regain_access: minutes,
        },
      ],
    }),
    "x-app-usage": '{"call_count":100,"total_cputime":30,"total_time":40}',
  });

  it.each([
    [4, "(#4) Application request limit reached", 5],
    [17, "(#17) User request limit reached", 19],
    [80002, "(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.", 60],
  ])("code %i on /me", async (code, message, minutes) => {
    const account = newAccount(`rl${code}`);
    const { long } = await connect(account);
    instagram.fake.failNext(ME, {
      status: 400,
      body: graphError(code, message, { is_transient: true }),
      headers: BUC(minutes, account.userId),
    });
    const error = await failure(client.getProfile(long.accessToken), "rate_limited", [long.accessToken]);
    expect(error.details).toMatchObject({ code, retryAfterMs: minutes * 60_000 });
    // the limit has passed: the next call works
    await expect(client.getProfile(long.accessToken)).resolves.toMatchObject({ userId: account.userId });
  });

  it("code 4 without the business-use-case header: rate_limited, no known wait", async () => {
    const { long } = await connect(newAccount("rlnohdr"));
    instagram.fake.failNext(ME, {
      status: 403,
      body: graphError(4, "(#4) Application request limit reached", { is_transient: true }),
    });
    const error = await failure(client.getProfile(long.accessToken), "rate_limited", [long.accessToken]);
    expect(error.details.retryAfterMs).toBeUndefined();
  });

  it("HTTP 429 with a Graph body is classified by its code", async () => {
    const account = newAccount("rl429");
    const { long } = await connect(account);
    instagram.fake.failNext(ME, {
      status: 429,
      body: graphError(80002, "(#80002) Too many calls"),
      headers: BUC(2, account.userId),
    });
    const error = await failure(client.getProfile(long.accessToken), "rate_limited", [long.accessToken]);
    expect(error.details.retryAfterMs).toBe(2 * 60_000);
  });

  it("on the refresh endpoint too", async () => {
    const account = newAccount("rlrefresh");
    const { long } = await connect(account);
    clock.advance(2 * DAY);
    instagram.fake.failNext(REFRESH, {
      status: 400,
      body: graphError(17, "(#17) User request limit reached"),
      headers: BUC(7, account.userId),
    });
    const error = await failure(client.refreshLongLived(long.accessToken), "rate_limited", [long.accessToken]);
    expect(error.details.retryAfterMs).toBe(7 * 60_000);
  });
});

describe("an HTTP 429 without a Graph body → rate_limited (wait, then retry)", () => {
  it.each([
    ["plain text", "Too Many Requests"],
    ["an empty body", ""],
  ])("with %s", async (_label, body) => {
    const { long } = await connect(newAccount("429"));
    instagram.fake.failNext(ME, { status: 429, body });
    await failure(client.getProfile(long.accessToken), "rate_limited", [long.accessToken]);
  });
});

describe("Instagram having a bad moment → transient (retry later)", () => {
  const faults: Array<[string, FaultReply]> = [
    [
      "HTTP 500 with a Graph error",
      { status: 500, body: graphError(2, "Please retry your request later.", { is_transient: true }) },
    ],
    ["HTTP 500 with a plain text body", { status: 500, body: "Internal Server Error" }],
    ["HTTP 502 with an HTML page", { status: 502, body: "<html><body>Bad Gateway</body></html>" }],
    ["HTTP 503 with an empty body", { status: 503, body: "" }],
    [
      "HTTP 503 with the OAuth endpoint's flat error body",
      { status: 503, body: { error_type: "OAuthException", code: 503, error_message: "Service unavailable" } },
    ],
    [
      "HTTP 400 with code 1 (unknown error)",
      { status: 400, body: graphError(1, "An unknown error occurred", { is_transient: true }) },
    ],
    ["a 200 with truncated JSON", { status: 200, body: '{"user_id":"17841477965412211","username":"trunc' }],
    ["a 200 with invalid JSON", { status: 200, body: "{user_id: 17841477965412211}" }],
    ["a 200 with JSON of the wrong shape", { status: 200, body: { data: [] } }],
  ];

  it.each(faults)("%s on /me", async (_label, reply) => {
    const { long } = await connect(newAccount("t"));
    instagram.fake.failNext(ME, reply);
    await failure(client.getProfile(long.accessToken), "transient", [long.accessToken]);
  });

  it.each(faults)("%s on the code exchange", async (_label, reply) => {
    const account = newAccount("tc");
    const code = approve(account);
    instagram.fake.failNext(CODE_EXCHANGE, reply);
    await failure(client.exchangeCode({ code, redirectUri: REDIRECT }), "transient", [code]);
  });

  it.each(faults)("%s on the long-lived exchange", async (_label, reply) => {
    const short = await client.exchangeCode({ code: approve(newAccount("tl")), redirectUri: REDIRECT });
    instagram.fake.failNext(LONG_EXCHANGE, reply);
    await failure(client.exchangeForLongLived(short.accessToken), "transient", [short.accessToken]);
  });

  it("a redirect instead of an answer is not followed", async () => {
    const { long } = await connect(newAccount("redir"));
    instagram.fake.failNext(ME, { status: 302, body: "", headers: { location: "https://evil.example/steal" } });
    await failure(client.getProfile(long.accessToken), "transient", [long.accessToken]);
  });

  it("Instagram unreachable (nothing listening) → transient, without the token or URL", async () => {
    const { long } = await connect(newAccount("down"));
    const origin = "http://127.0.0.1:1";
    const offline = createInstagramClient({
      ...defaultClientOptions(),
      origins: { www: origin, api: origin, graph: origin },
    });
    const error = await failure(offline.getProfile(long.accessToken), "transient", [long.accessToken]);
    expect(error.message).toBe("Instagram could not be reached.");
  });
});

describe("Instagram not answering → transient within the configured timeout", () => {
  it("gives up after INSTAGRAM_TIMEOUT_MS (2000 ms in tests)", async () => {
    const options = defaultClientOptions();
    expect(options.timeoutMs).toBe(2000);
    const { long } = await connect(newAccount("slowme"));
    instagram.fake.failNext(ME, "timeout");
    const started = performance.now();
    const error = await failure(client.getProfile(long.accessToken), "transient", [long.accessToken]);
    const elapsed = performance.now() - started;
    expect(error.message).toBe("Instagram did not answer in time.");
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(3500);
  });

  it.each([
    ["the code exchange", CODE_EXCHANGE],
    ["the long-lived exchange", LONG_EXCHANGE],
    ["the refresh", REFRESH],
    ["the profile", ME],
  ] as const)("a shorter timeout is honoured on %s", async (_label, match) => {
    const options: InstagramClientOptions = { ...defaultClientOptions(), timeoutMs: 300 };
    const quick = createInstagramClient(options);
    const account = newAccount("quick");
    const code = approve(account);
    // The calls that set the scene use the usual timeout: under a loaded machine one of them can take longer
    // than 300 ms, and only the call under test is meant to meet the short one.
    const short = match === CODE_EXCHANGE ? undefined : await client.exchangeCode({ code, redirectUri: REDIRECT });
    const long = short && match !== LONG_EXCHANGE ? await client.exchangeForLongLived(short.accessToken) : undefined;
    clock.advance(2 * DAY);
    instagram.fake.failNext(match, "timeout");

    const started = performance.now();
    const call =
      match === CODE_EXCHANGE
        ? quick.exchangeCode({ code, redirectUri: REDIRECT })
        : match === LONG_EXCHANGE
          ? quick.exchangeForLongLived(short!.accessToken)
          : match === REFRESH
            ? quick.refreshLongLived(long!.accessToken)
            : quick.getProfile(long!.accessToken);
    const secrets = [code, ...(short ? [short.accessToken] : []), ...(long ? [long.accessToken] : [])];
    const error = await failure(call, "transient", secrets);
    const elapsed = performance.now() - started;
    expect(error.message).toBe("Instagram did not answer in time.");
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1500);
  });
});
