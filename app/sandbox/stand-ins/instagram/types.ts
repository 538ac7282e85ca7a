// Public types of the fake. Other engineers code against these names and shapes: change nothing here lightly.

export interface FakeInstagramOptions {
  appId: string; // Instagram App ID (client_id)
  appSecret: string; // Instagram App Secret
  now?: () => number; // epoch ms; a test clock. Default Date.now. ALL lifetimes use it.
  replyShape?: "observed" | "documented"; // default "observed"
  refreshReturnsNewToken?: boolean; // default false (same string, extended expiry)
  mediaUrlTtlSeconds?: number; // default 4 days
  port?: number; // default 0 (random); listen on 127.0.0.1
  publicOrigin?: string; // origin used inside generated URLs (CDN links, paging.next); default the listening origin
  latencyMs?: number; // every reply waits this long, like Instagram's own (~150 ms a Graph call); default 0
  sandboxControls?: boolean; // serve /__sandbox/… for the sandbox's Simulate panel (sandbox-controls.ts); default false
}

export interface FakeAccountSpec {
  username: string;
  accountType?: "BUSINESS" | "MEDIA_CREATOR" | "PERSONAL"; // default BUSINESS
  name?: string;
  mediaCount?: number; // generate this many varied posts; default 0
}

export interface FakeAccount {
  appScopedId: string; // /me.id and token-exchange user_id: 17 digits, > 2^53
  userId: string; // /me.user_id (professional account id), 17 digits starting 1784
  username: string;
  accountType: string;
  name: string;
  media: FakeMedia[]; // newest first; tests may push/splice to add/delete posts
}

export interface FakeMedia {
  id: string;
  caption: string | null;
  media_type: "IMAGE" | "VIDEO" | "CAROUSEL_ALBUM";
  media_product_type: "FEED" | "REELS";
  timestamp: string;
  permalink: string;
  copyrightWithheld?: boolean;
  children?: FakeMedia[];
}

import type { FaultMatch } from "./faults";

export type { FaultMatch };

export type RevokeReason = "expired" | "password_changed" | "app_removed";

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
}

export type FaultReply = { status: number; body: unknown; headers?: Record<string, string> } | "timeout";

export interface FakeInstagram {
  origin: string; // http://127.0.0.1:PORT
  addAccount(spec: FakeAccountSpec): FakeAccount;
  accounts(): FakeAccount[];
  /** What the consent page's Allow does, without a browser: the full redirect URL (redirectUri?code=…&state=…#_). */
  authorize(username: string, redirectUri: string, state?: string): string;
  /** Every token of that account issued so far then fails with 190 and the matching subcode/message. */
  revoke(username: string, reason: RevokeReason): void;
  /** Fault injection; "timeout" = never answer (the socket is held until close()). */
  failNext(match: FaultMatch, reply: FaultReply, times?: number): void;
  /** Fails a share of matching requests (deterministically, from `seed`) until the returned function is called; rate 1 is an outage. */
  failSometimes(match: FaultMatch, reply: FaultReply, rate: number, seed?: string): () => void;
  set(
    options: Partial<
      Pick<FakeInstagramOptions, "replyShape" | "refreshReturnsNewToken" | "mediaUrlTtlSeconds" | "latencyMs">
    >,
  ): void;
  calls: RecordedCall[]; // every request received (access_token and client_secret values replaced by "<redacted>")
  /** A long-lived token for the account, as a completed login and exchange leave behind (seeding benchmarks). */
  issueLongLivedToken(username: string): string;
  /** Graph calls each account's tokens made so far (what Meta counts per app and account pair). */
  callsPerAccount(): Map<string, number>;
  /** Every access token issued so far (short- and long-lived). */
  issuedTokens(): string[];
  tokenInfo(
    token: string,
  ): { username: string; kind: "short" | "long"; issuedAt: number; expiresAt: number } | undefined;
  close(): Promise<void>;
}
