// The only code that speaks HTTP to Instagram. Every reply is validated; every failure becomes an
// InstagramError. Tokens travel in the request only: they are never logged, thrown or returned
// anywhere but to the caller that asked for them.
import type { z } from "zod";
import { config } from "../config.server";
import { classifyGraphError, InstagramError } from "./errors";
import { parseJsonKeepingBigIntegers } from "./lossless-json";
import {
  GraphErrorReply,
  LongLivedTokenReply,
  MediaNode,
  MediaPageReply,
  OAuthErrorReply,
  ProfileReply,
  ShortLivedTokenReply,
  TokenCheckReply,
} from "./schemas";
import { retryAfterMs, usageFrom, type Usage } from "./usage";

/** Pinned so that Meta's default-version changes never change our replies; v25.0 is usable until 2028-07. */
export const GRAPH_API_VERSION = "v25.0";
export const INSTAGRAM_SCOPE = "instagram_business_basic";

export interface InstagramOrigins {
  www: string;
  api: string;
  graph: string;
}

export interface InstagramClientOptions {
  appId: string;
  appSecret: string;
  origins: InstagramOrigins;
  timeoutMs: number;
  /** Told Meta's usage figures after every reply (the throttle listens). */
  onUsage?: (usage: Usage) => void;
}

export interface InstagramProfile {
  /** Professional account id (/me.user_id). */
  userId: string;
  /** App-scoped id (/me.id), the one Meta's callbacks use; absent from the documented reply shape. */
  appScopedId?: string;
  username: string;
  accountType?: string;
  profilePictureUrl?: string;
}

/** Every field a post needs, children (carousel items) expanded in the same call. */
export const MEDIA_FIELDS =
  "id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,children{id,media_type,media_url,thumbnail_url}";
/** Only what a post's expiring links need (GET /{media-id}). */
export const MEDIA_LINK_FIELDS =
  "id,media_type,media_url,thumbnail_url,children{id,media_type,media_url,thumbnail_url}";
/** The media edge's largest page; Instagram caps larger limits silently. */
export const MAX_MEDIA_PAGE_SIZE = 100;

export interface MediaPage {
  /** The posts on this page, newest first, each still to be validated by the caller (one bad post must not sink a page). */
  items: unknown[];
  /** paging.next: pass it back to read the following page; absent on the last one. */
  next?: string;
}

export interface TokenGrant {
  accessToken: string;
  expiresInSeconds: number;
}

export function originsFor(baseUrl: string | undefined): InstagramOrigins {
  if (baseUrl) return { www: baseUrl, api: baseUrl, graph: baseUrl };
  return { www: "https://www.instagram.com", api: "https://api.instagram.com", graph: "https://graph.instagram.com" };
}

export function defaultClientOptions(): InstagramClientOptions {
  const settings = config();
  return {
    appId: settings.INSTAGRAM_APP_ID,
    appSecret: settings.INSTAGRAM_APP_SECRET,
    origins: originsFor(settings.INSTAGRAM_BASE_URL),
    timeoutMs: settings.INSTAGRAM_TIMEOUT_MS,
  };
}

export function createInstagramClient(options: InstagramClientOptions = defaultClientOptions()) {
  const { appId, appSecret, origins } = options;

  async function call<T extends z.ZodType>(url: URL, init: RequestInit, schema: T): Promise<z.output<T>> {
    const response = await send(url, init, options.timeoutMs);
    options.onUsage?.(usageFrom(response.headers));
    const body = await readJson(response);
    if (!response.ok) throw errorFrom(response, body);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new InstagramError("transient", "Instagram sent a reply we could not understand.", {
        status: response.status,
      });
    }
    return parsed.data;
  }

  const graphUrl = (path: string, query: Record<string, string>) => {
    const url = new URL(`${origins.graph}/${GRAPH_API_VERSION}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  };

  /**
   * paging.next is a full URL (token included) that Meta tells clients to follow verbatim. It is only
   * followed to the Graph origin we were configured with, so a token never travels anywhere else.
   */
  const continuation = (next: string, accessToken: string) => {
    let url: URL;
    try {
      url = new URL(next);
    } catch {
      throw new InstagramError("transient", "Instagram sent a reply we could not understand.");
    }
    if (url.origin !== new URL(origins.graph).origin) {
      throw new InstagramError(
        "bad_request",
        "Instagram sent a link to the next page that points elsewhere; it was not followed.",
      );
    }
    url.searchParams.set("access_token", accessToken);
    return url;
  };

  /** One page of the account's posts (newest first): the first when `next` is absent, else the page `next` names. */
  async function listMediaPage(
    accessToken: string,
    options: { limit?: number; next?: string } = {},
  ): Promise<MediaPage> {
    const limit = Math.min(Math.max(1, Math.floor(options.limit ?? MAX_MEDIA_PAGE_SIZE)), MAX_MEDIA_PAGE_SIZE);
    const url = options.next
      ? continuation(options.next, accessToken)
      : graphUrl("/me/media", { fields: MEDIA_FIELDS, limit: String(limit), access_token: accessToken });
    const reply = await call(url, { method: "GET" }, MediaPageReply);
    return { items: reply.data, next: reply.paging?.next || undefined };
  }

  return {
    authorizeUrl({ redirectUri, state }: { redirectUri: string; state: string }): string {
      const url = new URL(`${origins.www}/oauth/authorize`);
      url.search = new URLSearchParams({
        client_id: appId,
        redirect_uri: redirectUri,
        response_type: "code",
        scope: INSTAGRAM_SCOPE,
        state,
      }).toString();
      return url.toString();
    },

    /** Step 2: the one-time code for a short-lived (1 hour) token. */
    async exchangeCode({ code, redirectUri }: { code: string; redirectUri: string }) {
      const body = new URLSearchParams({
        client_id: appId,
        client_secret: appSecret,
        grant_type: "authorization_code",
        redirect_uri: redirectUri,
        code: stripFragmentMarker(code),
      });
      const reply = await call(
        new URL(`${origins.api}/oauth/access_token`),
        { method: "POST", body },
        ShortLivedTokenReply,
      );
      return { accessToken: reply.access_token, appScopedUserId: reply.user_id };
    },

    /** Step 3: a short-lived token for a long-lived (60 days) one. */
    async exchangeForLongLived(shortLivedToken: string): Promise<TokenGrant> {
      const url = new URL(`${origins.graph}/access_token`);
      url.search = new URLSearchParams({
        grant_type: "ig_exchange_token",
        client_secret: appSecret,
        access_token: shortLivedToken,
      }).toString();
      const reply = await call(url, { method: "GET" }, LongLivedTokenReply);
      return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in };
    },

    /** Extends a long-lived token (at least 24 hours old, not expired) for another 60 days. */
    async refreshLongLived(longLivedToken: string): Promise<TokenGrant> {
      const url = new URL(`${origins.graph}/refresh_access_token`);
      url.search = new URLSearchParams({ grant_type: "ig_refresh_token", access_token: longLivedToken }).toString();
      const reply = await call(url, { method: "GET" }, LongLivedTokenReply);
      return { accessToken: reply.access_token, expiresInSeconds: reply.expires_in };
    },

    /** The cheapest call that proves Instagram still honours the token. */
    async verifyToken(accessToken: string): Promise<void> {
      await call(graphUrl("/me", { fields: "id", access_token: accessToken }), { method: "GET" }, TokenCheckReply);
    },

    async getProfile(accessToken: string): Promise<InstagramProfile> {
      const url = graphUrl("/me", {
        fields: "id,user_id,username,account_type,profile_picture_url",
        access_token: accessToken,
      });
      const reply = await call(url, { method: "GET" }, ProfileReply);
      return {
        userId: reply.user_id,
        appScopedId: reply.id,
        username: reply.username,
        accountType: reply.account_type,
        profilePictureUrl: reply.profile_picture_url,
      };
    },

    listMediaPage,

    /** Every page of the account's posts, following paging.next to the end (Instagram lists at most the newest 10,000). */
    async *listMedia(accessToken: string, options: { limit?: number } = {}): AsyncGenerator<MediaPage> {
      let next: string | undefined;
      do {
        const page: MediaPage = await listMediaPage(accessToken, { limit: options.limit, next });
        yield page;
        next = page.next;
      } while (next);
    },

    /** One post's current links (they are signed and expire), children included. */
    async getMedia(accessToken: string, mediaId: string, fields: string = MEDIA_LINK_FIELDS) {
      if (!/^\d+$/.test(mediaId)) throw new InstagramError("bad_request", "That is not an Instagram media id.");
      return call(graphUrl(`/${mediaId}`, { fields, access_token: accessToken }), { method: "GET" }, MediaNode);
    },
  };
}

export type InstagramClient = ReturnType<typeof createInstagramClient>;

/** Instagram appends "#_" to the redirect; it is not part of the code (it only survives hand-copied URLs). */
export function stripFragmentMarker(code: string): string {
  return code.replace(/#_?$/, "");
}

async function send(url: URL, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new InstagramError(
      "transient",
      timedOut ? "Instagram did not answer in time." : "Instagram could not be reached.",
    );
  }
}

async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new InstagramError("transient", "Instagram's reply was cut off.", { status: response.status });
  }
  try {
    return parseJsonKeepingBigIntegers(text);
  } catch {
    if (!response.ok) throw errorFrom(response, undefined);
    throw new InstagramError("transient", "Instagram sent a reply we could not understand.", {
      status: response.status,
    });
  }
}

function errorFrom(response: Response, body: unknown): InstagramError {
  const graph = GraphErrorReply.safeParse(body);
  if (graph.success) return classifyGraphError(response.status, graph.data.error, retryAfterMs(response.headers));
  if (response.status === 429) {
    return new InstagramError("rate_limited", "Instagram asked us to slow down; we will try again shortly.", {
      status: 429,
      retryAfterMs: retryAfterMs(response.headers),
    });
  }
  const oauth = OAuthErrorReply.safeParse(body);
  if (oauth.success && response.status < 500) {
    return new InstagramError("bad_request", `Instagram refused the request: ${oauth.data.error_message}`, {
      status: response.status,
      code: oauth.data.code,
    });
  }
  if (response.status >= 500) {
    return new InstagramError("transient", "Instagram had a temporary problem; we will try again.", {
      status: response.status,
    });
  }
  return new InstagramError("bad_request", `Instagram refused the request (HTTP ${response.status}).`, {
    status: response.status,
  });
}
