// Seeded accounts. Ids and profile numbers derive from the username, so they are stable across restarts.
import type { FakeAccount, FakeAccountSpec } from "./types";
import { appScopedIdFrom, professionalIdFrom } from "./ids";
import { generateMedia } from "./media";
import { seededRng } from "./random";

/** "sandbox.studio" → "Sandbox Studio": a plausible display name when none is given. */
function displayNameFor(username: string): string {
  return username
    .split(/[._]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(" ");
}

export function createAccount(spec: FakeAccountSpec, nowMs: number): FakeAccount {
  if (!/^[A-Za-z0-9._]{1,30}$/.test(spec.username)) throw new Error(`not an Instagram username: ${spec.username}`);
  const rng = seededRng(`account:${spec.username}`);
  return {
    appScopedId: appScopedIdFrom(rng),
    userId: professionalIdFrom(rng),
    username: spec.username,
    accountType: spec.accountType ?? "BUSINESS",
    name: spec.name ?? displayNameFor(spec.username),
    media: generateMedia(spec.username, spec.mediaCount ?? 0, nowMs),
  };
}

export interface ProfileNumbers {
  followers_count: number;
  follows_count: number;
}

export function profileNumbers(account: FakeAccount): ProfileNumbers {
  const rng = seededRng(`profile:${account.username}`);
  return { followers_count: rng.int(120, 48_000), follows_count: rng.int(10, 900) };
}

export class AccountBook {
  private readonly byUsername = new Map<string, FakeAccount>();

  add(account: FakeAccount): void {
    if (this.byUsername.has(account.username)) throw new Error(`account already exists: ${account.username}`);
    this.byUsername.set(account.username, account);
  }

  get(username: string): FakeAccount | undefined {
    return this.byUsername.get(username);
  }

  require(username: string): FakeAccount {
    const account = this.byUsername.get(username);
    if (!account) throw new Error(`no such fake account: ${username}`);
    return account;
  }

  all(): FakeAccount[] {
    return [...this.byUsername.values()];
  }
}
