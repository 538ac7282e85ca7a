// Connecting (or reconnecting) an Instagram account: the authorize URL on the way out, and on the
// way back code → short-lived token → long-lived token → profile → one atomic write.
// Until that write the previous token stays in place, so a failed reconnect changes nothing.
// Reconnect names the account it is for: approving a different Instagram account then changes nothing
// either (the merchant meant to repair @a; quietly adding @b would leave @a broken and a surprise behind).
import { now } from "../clock.server";
import { config } from "../config.server";
import { db } from "../db.server";
import { createInstagramClient, type InstagramClient } from "../instagram/client.server";
import { InstagramError } from "../instagram/errors";
import { consumeState, createState, type ClaimedState, type StateProblem } from "./oauth-state.server";
import { nextCheckAfterSuccess, policyFromSettings } from "./renewal-policy";
import { encryptToken, tokenBinding } from "./token-crypto.server";

export type ConnectProblem =
  StateProblem | "denied" | "exchange_failed" | "instagram_unavailable" | "not_professional" | "different_account";

export type ConnectOutcome =
  | { ok: true; shop: string; accountId: string; username: string }
  | { ok: false; problem: Exclude<ConnectProblem, "different_account">; shop?: string }
  /** `accountId` is the account that was being reconnected; `approvedUsername` the one approved instead. */
  | { ok: false; problem: "different_account"; shop: string; accountId: string; approvedUsername: string };

const PROFESSIONAL_ACCOUNT_TYPES = new Set(["BUSINESS", "MEDIA_CREATOR", "CREATOR"]);

export function instagramRedirectUri(): string {
  return `${config().SHOPIFY_APP_URL}/instagram/callback`;
}

export interface StartOptions {
  /** The account whose Reconnect was pressed; absent for Connect Instagram / Connect another account. */
  reconnectAccountId?: string;
}

export async function startConnection(
  shop: string,
  options: StartOptions = {},
  client: InstagramClient = createInstagramClient(),
): Promise<string> {
  const state = await createState(shop, options.reconnectAccountId ?? null);
  return client.authorizeUrl({ redirectUri: instagramRedirectUri(), state });
}

export interface CallbackInput {
  state?: string;
  code?: string;
  error?: string;
}

export async function completeConnection(
  input: CallbackInput,
  client: InstagramClient = createInstagramClient(),
): Promise<ConnectOutcome> {
  const claimed = await consumeState(input.state);
  const shop = claimed.shop;
  // A merchant who pressed Cancel on Instagram is told that, whatever else is wrong with the request.
  if (input.error) return { ok: false, problem: "denied", shop };
  if ("problem" in claimed) return { ok: false, problem: claimed.problem, shop };
  if (!input.code) return { ok: false, problem: "exchange_failed", shop };

  try {
    return await exchangeAndStore(claimed.shop, input.code, client, await reconnecting(claimed));
  } catch (error) {
    if (error instanceof NotProfessionalError) return { ok: false, problem: "not_professional", shop };
    if (!(error instanceof InstagramError)) throw error;
    const unavailable = error.kind === "transient" || error.kind === "rate_limited";
    return { ok: false, problem: unavailable ? "instagram_unavailable" : "exchange_failed", shop };
  }
}

/**
 * The account a Reconnect was pressed for, if it is still connected. One disconnected meanwhile makes
 * this a plain connect: whatever the merchant approved on Instagram is then what they asked for.
 */
async function reconnecting(claimed: ClaimedState) {
  if (!claimed.reconnectAccountId) return null;
  return db().instagramAccount.findFirst({
    where: { shop: claimed.shop, id: claimed.reconnectAccountId },
    select: { id: true, instagramUserId: true },
  });
}

class NotProfessionalError extends Error {}

async function exchangeAndStore(
  shop: string,
  code: string,
  client: InstagramClient,
  reconnect: { id: string; instagramUserId: string } | null,
): Promise<ConnectOutcome> {
  const shortLived = await client.exchangeCode({ code, redirectUri: instagramRedirectUri() });
  const longLived = await client.exchangeForLongLived(shortLived.accessToken);
  const profile = await client.getProfile(longLived.accessToken);
  // Checked before anything else about the profile: "you approved the wrong account" is the useful news.
  if (reconnect && reconnect.instagramUserId !== profile.userId) {
    return {
      ok: false,
      problem: "different_account",
      shop,
      accountId: reconnect.id,
      approvedUsername: profile.username,
    };
  }
  if (profile.accountType && !PROFESSIONAL_ACCOUNT_TYPES.has(profile.accountType.toUpperCase())) {
    throw new NotProfessionalError();
  }

  const issuedAt = now();
  const identity = { shop, instagramUserId: profile.userId };
  const { ciphertext, keyId } = encryptToken(longLived.accessToken, tokenBinding(identity));
  const fresh = {
    appScopedUserId: profile.appScopedId ?? shortLived.appScopedUserId,
    username: profile.username,
    accountType: profile.accountType?.toUpperCase() ?? "BUSINESS",
    profilePictureUrl: profile.profilePictureUrl ?? null,
    encryptedToken: ciphertext,
    tokenKeyId: keyId,
    tokenIssuedAt: issuedAt,
    tokenExpiresAt: new Date(issuedAt.getTime() + longLived.expiresInSeconds * 1000),
    tokenRefreshedAt: null,
    status: "active",
    statusReason: null,
    renewalFailures: 0,
    failingSince: null,
    lastRenewalResult: null,
  };
  const upkeep = { nextCheckAt: nextCheckAfterSuccess(fresh, issuedAt, policyFromSettings(config())) };
  const account = await db().instagramAccount.upsert({
    where: { shop_instagramUserId: identity },
    create: { ...identity, ...fresh, ...upkeep, connectedAt: issuedAt },
    update: { ...fresh, ...upkeep },
    select: { id: true, username: true },
  });
  // A fresh start for its syncs too: failures from before the reconnect are no longer news.
  await db().mediaSource.updateMany({
    where: { accountId: account.id, failingSince: { not: null } },
    data: { failingSince: null },
  });
  return { ok: true, shop, accountId: account.id, username: account.username };
}
