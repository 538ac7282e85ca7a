// Connecting (or reconnecting) an Instagram account: the authorize URL on the way out, and on the
// way back code → short-lived token → long-lived token → profile → one atomic write.
// Until that write the previous token stays in place, so a failed reconnect changes nothing.
import { now } from "../clock.server";
import { config } from "../config.server";
import { db } from "../db.server";
import { createInstagramClient, type InstagramClient } from "../instagram/client.server";
import { InstagramError } from "../instagram/errors";
import { consumeState, createState, type StateProblem } from "./oauth-state.server";
import { nextCheckAfterSuccess, policyFromSettings } from "./renewal-policy";
import { encryptToken, tokenBinding } from "./token-crypto.server";

export type ConnectProblem = StateProblem | "denied" | "exchange_failed" | "instagram_unavailable" | "not_professional";

export type ConnectOutcome =
  | { ok: true; shop: string; accountId: string; username: string }
  | { ok: false; problem: ConnectProblem; shop?: string };

const PROFESSIONAL_ACCOUNT_TYPES = new Set(["BUSINESS", "MEDIA_CREATOR", "CREATOR"]);

export function instagramRedirectUri(): string {
  return `${config().SHOPIFY_APP_URL}/instagram/callback`;
}

export async function startConnection(shop: string, client: InstagramClient = createInstagramClient()): Promise<string> {
  const state = await createState(shop);
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
  const shop = "shop" in claimed ? claimed.shop : undefined;
  // A merchant who pressed Cancel on Instagram is told that, whatever else is wrong with the request.
  if (input.error) return { ok: false, problem: "denied", shop };
  if (!shop) return { ok: false, problem: "problem" in claimed ? claimed.problem : "unknown_state" };
  if (!input.code) return { ok: false, problem: "exchange_failed", shop };

  try {
    const account = await exchangeAndStore(shop, input.code, client);
    return { ok: true, shop, ...account };
  } catch (error) {
    if (error instanceof NotProfessionalError) return { ok: false, problem: "not_professional", shop };
    if (!(error instanceof InstagramError)) throw error;
    const unavailable = error.kind === "transient" || error.kind === "rate_limited";
    return { ok: false, problem: unavailable ? "instagram_unavailable" : "exchange_failed", shop };
  }
}

class NotProfessionalError extends Error {}

async function exchangeAndStore(shop: string, code: string, client: InstagramClient) {
  const shortLived = await client.exchangeCode({ code, redirectUri: instagramRedirectUri() });
  const longLived = await client.exchangeForLongLived(shortLived.accessToken);
  const profile = await client.getProfile(longLived.accessToken);
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
    lastRenewalResult: null,
  };
  const upkeep = { nextCheckAt: nextCheckAfterSuccess(fresh, issuedAt, policyFromSettings(config())) };
  const account = await db().instagramAccount.upsert({
    where: { shop_instagramUserId: identity },
    create: { ...identity, ...fresh, ...upkeep, connectedAt: issuedAt },
    update: { ...fresh, ...upkeep },
    select: { id: true, username: true },
  });
  return { accountId: account.id, username: account.username };
}
