// The Instagram fake enforces Meta's rules over real HTTP: the app's own tests rely on it to catch token,
// paging and CDN mistakes, so the fake itself must be right.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeInstagram, type FakeAccount, type FakeInstagram } from "../../app/sandbox/stand-ins/instagram/index";

const APP_ID = "990602627938098";
const APP_SECRET = "test-instagram-secret";
const REDIRECT = "https://app.test/instagram/callback";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let now = Date.UTC(2026, 10, 20, 12, 0, 0);
let fake: FakeInstagram;
let studio: FakeAccount;

beforeEach(async () => {
  now = Date.UTC(2026, 10, 20, 12, 0, 0);
  fake = await startFakeInstagram({ appId: APP_ID, appSecret: APP_SECRET, now: () => now });
  studio = fake.addAccount({ username: "sandbox.studio", mediaCount: 36 });
  fake.addAccount({ username: "sandbox.creator", accountType: "MEDIA_CREATOR", mediaCount: 8 });
});
afterEach(() => fake.close());

interface Reply {
  status: number;
  text: string;
  json: Record<string, unknown> & { error?: { code: number; error_subcode?: number; message: string; type: string } };
  headers: Headers;
}

async function call(path: string, init?: RequestInit): Promise<Reply> {
  const res = await fetch(path.startsWith("http") ? path : fake.origin + path, { redirect: "manual", ...init });
  const text = await res.text();
  let json: Reply["json"] = {};
  try {
    json = JSON.parse(text) as Reply["json"];
  } catch {
    // HTML or binary bodies
  }
  return { status: res.status, text, json, headers: res.headers };
}

function codeFrom(redirectUrl: string): string {
  return new URL(redirectUrl).searchParams.get("code") ?? "";
}

function exchangeCode(code: string, overrides: Record<string, string> = {}): Promise<Reply> {
  const body = new URLSearchParams({
    client_id: APP_ID,
    client_secret: APP_SECRET,
    grant_type: "authorization_code",
    redirect_uri: REDIRECT,
    code,
    ...overrides,
  });
  return call("/oauth/access_token", { method: "POST", body });
}

async function shortToken(username = "sandbox.studio"): Promise<string> {
  const reply = await exchangeCode(codeFrom(fake.authorize(username, REDIRECT)));
  return String(reply.json.access_token);
}

async function longToken(): Promise<string> {
  const reply = await call(
    `/v25.0/access_token?grant_type=ig_exchange_token&client_secret=${APP_SECRET}&access_token=${await shortToken()}`,
  );
  return String(reply.json.access_token);
}

const refresh = (token: string): Promise<Reply> =>
  call(`/refresh_access_token?grant_type=ig_refresh_token&access_token=${token}`);

describe("fake Instagram: OAuth", () => {
  it("serves a consent page whose Allow and Cancel redirect like Instagram", async () => {
    const query = new URLSearchParams({
      client_id: APP_ID,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "instagram_business_basic",
      state: "s1",
      force_reauth: "true",
    });
    const page = await call(`/oauth/authorize?${query}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("@sandbox.studio");
    expect(page.text).toMatch(/<button[^>]*value="allow"[^>]*>Allow</);

    const form = {
      client_id: APP_ID,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "instagram_business_basic",
      state: "s1",
      username: "sandbox.creator",
    };
    const allow = await call("/oauth/authorize/decision", {
      method: "POST",
      body: new URLSearchParams({ ...form, decision: "allow" }),
    });
    expect(allow.status).toBe(302);
    expect(allow.headers.get("location")).toMatch(
      /^https:\/\/app\.test\/instagram\/callback\?code=[A-Za-z0-9]+&state=s1#_$/,
    );
    const cancel = await call("/oauth/authorize/decision", {
      method: "POST",
      body: new URLSearchParams({ ...form, decision: "cancel" }),
    });
    expect(cancel.headers.get("location")).toBe(
      `${REDIRECT}?error=access_denied&error_reason=user_denied&error_description=The+user+denied+your+request&state=s1`,
    );

    expect((await call(`/oauth/authorize?${query.toString().replace(APP_ID, "1")}`)).status).toBe(400);
    expect(fake.authorize("sandbox.studio", REDIRECT)).not.toContain("state=");
  });

  it("returns user_id as an unrounded 17-digit number, once per code, for the matching redirect URI", async () => {
    const code = codeFrom(fake.authorize("sandbox.studio", REDIRECT, "x"));
    expect((await exchangeCode(code, { redirect_uri: REDIRECT + "/other" })).json.error_message).toBe(
      "Redirect URI does not match registered redirect URI",
    );
    expect((await exchangeCode(code, { client_secret: "wrong" })).json.error_message).toBe("Invalid Client Secret");
    expect((await exchangeCode(code, { client_id: "1" })).json).toEqual({
      error_type: "OAuthException",
      code: 400,
      error_message: "Invalid platform app",
    });

    const first = await exchangeCode(code + "#_"); // a hand-copied code keeps Meta's "#_" suffix
    expect(first.status).toBe(200);
    expect(first.text).toContain(`"user_id":${studio.appScopedId},`);
    expect(String(first.json.user_id)).not.toBe(studio.appScopedId); // JSON.parse rounds it: clients must not
    expect(first.json.permissions).toEqual(["instagram_business_basic"]);
    expect(fake.tokenInfo(String(first.json.access_token))).toMatchObject({ kind: "short", expiresAt: now + HOUR });

    const again = await exchangeCode(code);
    expect(again.status).toBe(400);
    expect(again.json.error_message).toBe("Matching code was not found or was already used");
  });

  it("accepts multipart bodies and expires codes after an hour", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      client_id: APP_ID,
      client_secret: APP_SECRET,
      grant_type: "authorization_code",
      redirect_uri: REDIRECT,
    }))
      form.set(k, v);
    form.set("code", codeFrom(fake.authorize("sandbox.studio", REDIRECT)));
    expect((await call("/oauth/access_token", { method: "POST", body: form })).status).toBe(200);

    const late = codeFrom(fake.authorize("sandbox.studio", REDIRECT));
    now += HOUR;
    expect((await exchangeCode(late)).json.error_message).toBe("Matching code was not found or was already used");
  });

  it("uses Meta's documented shapes when asked", async () => {
    fake.set({ replyShape: "documented" });
    const reply = await exchangeCode(codeFrom(fake.authorize("sandbox.studio", REDIRECT)));
    const [entry] = reply.json.data as Array<Record<string, string>>;
    expect(entry).toMatchObject({ user_id: studio.appScopedId, permissions: "instagram_business_basic" });
    const me = await call(`/me?fields=user_id,username&access_token=${entry?.access_token}`);
    expect(me.json).toEqual({ data: [{ user_id: studio.userId, username: "sandbox.studio", id: studio.appScopedId }] });
  });
});

describe("fake Instagram: token lifetimes", () => {
  it("short-lived tokens last one hour and exchange to 60-day tokens", async () => {
    const short = await shortToken();
    const exchanged = await call(
      `/access_token?grant_type=ig_exchange_token&client_secret=${APP_SECRET}&access_token=${short}`,
    );
    expect(exchanged.json).toMatchObject({ token_type: "bearer", expires_in: 5_184_000 });
    expect(exchanged.json.access_token).toMatch(/^IGAA/);
    expect(
      (await call(`/access_token?grant_type=ig_exchange_token&client_secret=nope&access_token=${short}`)).status,
    ).toBe(400);

    now += HOUR;
    const expired = await call(`/v21.0/me?access_token=${short}`);
    expect(expired.json.error).toMatchObject({ code: 190, error_subcode: 463, type: "OAuthException" });
    expect(expired.json.error?.message).toMatch(
      /^Error validating access token: Session has expired on \w+day, \d\d-\w{3}-\d\d [\d:]{8} P[SD]T\. The current time is /,
    );
    const late = await call(
      `/access_token?grant_type=ig_exchange_token&client_secret=${APP_SECRET}&access_token=${short}`,
    );
    expect(late.json.error?.code).toBe(190);
  });

  it("refreshes only tokens at least 24 h old, then for 60 days from the refresh", async () => {
    const token = await longToken();
    const issued = fake.tokenInfo(token);
    now += 23 * HOUR;
    const young = await refresh(token);
    expect(young.status).toBe(400);
    expect(young.json.error).toMatchObject({ type: "OAuthException", code: 100 });
    expect(fake.tokenInfo(token)?.expiresAt).toBe(issued?.expiresAt);

    now += HOUR;
    const ok = await refresh(token);
    expect(ok.json).toEqual({ access_token: token, token_type: "bearer", expires_in: 5_184_000 });
    expect(fake.tokenInfo(token)?.expiresAt).toBe(now + 60 * DAY);
    expect((await refresh(token)).status).toBe(400); // 24 h count again from the refresh

    now += 60 * DAY;
    expect((await refresh(token)).json.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect((await call(`/me?access_token=${token}`)).json.error?.code).toBe(190);
  });

  it("can hand out a new string on refresh while the old one keeps its own expiry", async () => {
    fake.set({ refreshReturnsNewToken: true });
    const old = await longToken();
    now += 2 * DAY;
    const fresh = String((await refresh(old)).json.access_token);
    expect(fresh).not.toBe(old);
    now += 57 * DAY;
    expect((await call(`/me?access_token=${old}`)).status).toBe(200);
    now += DAY;
    expect((await call(`/me?access_token=${old}`)).json.error?.code).toBe(190);
    expect((await call(`/me?access_token=${fresh}`)).status).toBe(200);
  });

  it("rejects Basic Display tokens and garbage the way Meta does", async () => {
    const igqv = await refresh("IGQVJabc");
    expect(igqv.json.error).toMatchObject({
      message: "Unsupported request - method type: get",
      type: "IGApiException",
      code: 100,
    });
    const garbage = await call("/me?access_token=nonsense");
    expect(garbage.json.error).toMatchObject({
      code: 190,
      message: "Invalid OAuth access token - Cannot parse access token",
    });
  });

  it("reports each revocation with its own subcode, and a new login works again", async () => {
    const cases = [
      { reason: "password_changed", subcode: 460, message: /changed their password/ },
      { reason: "app_removed", subcode: 458, message: new RegExp(`not authorized application ${APP_ID}\\.$`) },
      { reason: "expired", subcode: 463, message: /Session has expired/ },
    ] as const;
    for (const { reason, subcode, message } of cases) {
      const token = await longToken();
      fake.revoke("sandbox.studio", reason);
      const reply = await call("/me", { headers: { authorization: `Bearer ${token}` } });
      expect(reply.status).toBe(400);
      expect(reply.json.error).toMatchObject({ code: 190, error_subcode: subcode });
      expect(reply.json.error?.message).toMatch(message);
      expect((await call(`/me?access_token=${await longToken()}`)).status).toBe(200);
    }
  });
});

describe("fake Instagram: Graph reads", () => {
  it("pages /me/media to the end with cursors, and next disappears on the last page", async () => {
    const token = await longToken();
    const seen: string[] = [];
    let url: string | undefined =
      `/v25.0/${studio.userId}/media?fields=id,caption,media_type,timestamp&limit=10&access_token=${token}`;
    let pages = 0;
    while (url) {
      const page = await call(url);
      const data = page.json.data as Array<{ id: string; timestamp: string }>;
      seen.push(...data.map((m) => m.id));
      url = (page.json.paging as { next?: string }).next;
      pages += 1;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(studio.media.map((m) => m.id));
    const big = await call(`/me/media?limit=500&access_token=${token}`);
    expect((big.json.data as unknown[]).length).toBe(36); // capped at 100 silently
    expect(big.json.paging).not.toHaveProperty("next");
    expect(big.headers.get("x-app-usage")).toMatch(/^\{"call_count":\d+,"total_cputime":\d+,"total_time":\d+\}$/);
  });

  it("returns only the requested fields, omits inapplicable ones, and reports unknown fields and ids", async () => {
    const token = await longToken();
    const fields =
      "id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,children{id,media_type,media_url}";
    const data = (await call(`/me/media?fields=${fields}&limit=8&access_token=${token}`)).json.data as Array<
      Record<string, unknown>
    >;
    const withheld = data.find((m, i) => studio.media[i]?.copyrightWithheld);
    expect(withheld).toMatchObject({ media_type: "VIDEO", media_product_type: "REELS" });
    expect(withheld).not.toHaveProperty("media_url");
    expect(withheld?.thumbnail_url).toMatch(/\/cdn\//);
    expect(data.find((m, i) => studio.media[i]?.caption === null)).not.toHaveProperty("caption");
    const album = data.find((m) => m.media_type === "CAROUSEL_ALBUM") as {
      id: string;
      children: { data: Array<Record<string, unknown>> };
    };
    expect(album.children.data.length).toBeGreaterThanOrEqual(2);
    expect(album.children.data[0]).not.toHaveProperty("permalink");
    expect((await call(`/${album.id}/children?fields=media_type&access_token=${token}`)).json.data).toHaveLength(
      album.children.data.length,
    );

    const bad = await call(`/me?fields=id,nope&access_token=${token}`);
    expect(bad.json.error).toMatchObject({
      code: 100,
      message: "(#100) Tried accessing nonexisting field (nope) on node type (IGUser)",
    });
    const missing = await call(`/17999999999999999?access_token=${token}`);
    expect(missing.json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe("fake Instagram: CDN, faults and recording", () => {
  it("serves a real PNG until oe, then 403 URL signature expired; tampering is a mismatch", async () => {
    const token = await longToken();
    const image = studio.media.find((m) => m.media_type === "IMAGE");
    const node = await call(`/${image?.id}?fields=media_url&access_token=${token}`);
    const mediaUrl = String(node.json.media_url);
    expect(new URL(mediaUrl).searchParams.get("oe")).toBe((now / 1000 + 4 * 86_400).toString(16).toUpperCase());

    const res = await fetch(mediaUrl);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect((await call(mediaUrl.replace(/oh=00_./, "oh=00_X"))).text).toBe("URL signature mismatch");

    now += 4 * DAY + 1000;
    const expired = await call(mediaUrl);
    expect([expired.status, expired.text, expired.headers.get("content-type")]).toEqual([
      403,
      "URL signature expired",
      "text/plain",
    ]);
    const fresh = String((await call(`/${image?.id}?fields=media_url&access_token=${token}`)).json.media_url);
    expect((await fetch(fresh)).status).toBe(200);
  });

  it("injects canned replies and timeouts, and records calls with tokens redacted", async () => {
    const token = await longToken();
    fake.failNext(
      { path: /\/media$/ },
      {
        status: 400,
        body: {
          error: {
            message: "(#4) Application request limit reached",
            type: "OAuthException",
            code: 4,
            is_transient: true,
          },
        },
      },
    );
    expect((await call(`/me/media?access_token=${token}`)).json.error?.code).toBe(4);
    expect((await call(`/me/media?access_token=${token}`)).status).toBe(200);

    fake.failNext({ path: /^\/me$/, method: "GET" }, "timeout");
    await expect(
      fetch(`${fake.origin}/me?access_token=${token}`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();

    expect(fake.calls.at(-1)).toEqual({ method: "GET", path: "/me", query: { access_token: "<redacted>" } });
    expect(JSON.stringify(fake.calls)).not.toContain(token);
  });
});
