// Access tokens and their lifetimes. Every check reads the injected clock, so tests can move time.
import type { RevokeReason } from "./types";
import { randomAlnum } from "./random";

export const SHORT_LIVED_MS = 60 * 60 * 1000; // "valid for 1 hour"
export const LONG_LIVED_SECONDS = 5_184_000; // 60 days
export const REFRESH_MIN_AGE_MS = 24 * 60 * 60 * 1000; // "at least 24 hours old"

export type TokenKind = "short" | "long";

export interface TokenRecord {
  token: string;
  username: string;
  kind: TokenKind;
  issuedAt: number; // when this string was issued
  renewedAt: number; // issue or last refresh: the 24 h refresh rule counts from here
  expiresAt: number;
  revoked?: Exclude<RevokeReason, "expired">;
}

export type TokenFailure = "unparseable" | "expired" | "password_changed" | "app_removed";

export type TokenCheck = { ok: true; record: TokenRecord } | { ok: false; failure: TokenFailure; record?: TokenRecord };

export class TokenStore {
  private readonly byToken = new Map<string, TokenRecord>();

  constructor(private readonly now: () => number) {}

  /** Every token string handed out so far, for tests that check no secret leaks anywhere. */
  all(): string[] {
    return [...this.byToken.keys()];
  }

  issue(username: string, kind: TokenKind): TokenRecord {
    const at = this.now();
    const lifetime = kind === "short" ? SHORT_LIVED_MS : LONG_LIVED_SECONDS * 1000;
    // Both kinds start "IGAA" on Instagram Login; the length makes truncating columns obvious.
    const record: TokenRecord = {
      token: "IGAA" + randomAlnum(176),
      username,
      kind,
      issuedAt: at,
      renewedAt: at,
      expiresAt: at + lifetime,
    };
    this.byToken.set(record.token, record);
    return record;
  }

  get(token: string): TokenRecord | undefined {
    return this.byToken.get(token);
  }

  /** Revocation first (it is permanent), then expiry, as the Graph API reports them. */
  check(token: string): TokenCheck {
    const record = this.byToken.get(token);
    if (!record) return { ok: false, failure: "unparseable" };
    if (record.revoked) return { ok: false, failure: record.revoked, record };
    if (this.now() >= record.expiresAt) return { ok: false, failure: "expired", record };
    return { ok: true, record };
  }

  /** Only tokens issued so far: a later fresh login must work again, as after a real reconnect. */
  revoke(username: string, reason: RevokeReason): void {
    const at = this.now();
    for (const record of this.byToken.values()) {
      if (record.username !== username) continue;
      if (reason === "expired") record.expiresAt = Math.min(record.expiresAt, at);
      else record.revoked ??= reason;
    }
  }

  /** Extends `record` in place, or issues a new string while the old one keeps its own expiry. */
  refresh(record: TokenRecord, newString: boolean): TokenRecord {
    const at = this.now();
    if (newString) return this.issue(record.username, "long");
    record.renewedAt = at;
    record.expiresAt = at + LONG_LIVED_SECONDS * 1000;
    return record;
  }

  secondsLeft(record: TokenRecord): number {
    return Math.max(0, Math.floor((record.expiresAt - this.now()) / 1000));
  }
}
