// Authorization codes: "valid for 1 hour and can only be used once".
import { randomAlnum } from "./random";

const CODE_LIFETIME_MS = 60 * 60 * 1000;

export interface CodeGrant {
  username: string;
  redirectUri: string; // must match exactly at the token exchange
  scopes: string[];
  issuedAt: number;
  used: boolean;
}

export class CodeStore {
  private readonly byCode = new Map<string, CodeGrant>();

  constructor(private readonly now: () => number) {}

  issue(username: string, redirectUri: string, scopes: string[]): string {
    const code = "AQ" + randomAlnum(150);
    this.byCode.set(code, { username, redirectUri, scopes, issuedAt: this.now(), used: false });
    return code;
  }

  /** An unused, unexpired grant, or undefined (unknown, used and expired codes look the same to the caller). */
  find(code: string): CodeGrant | undefined {
    const grant = this.byCode.get(code);
    if (!grant || grant.used || this.now() >= grant.issuedAt + CODE_LIFETIME_MS) return undefined;
    return grant;
  }
}
