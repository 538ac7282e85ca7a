// The one way an account is marked "Needs reconnect": Instagram refused its token for good (code 190,
// or the permission was removed), or the app was uninstalled or deauthorized, so only the merchant can fix it. The dead token is forgotten so
// nothing calls Instagram with it again; the account's posts stay where they are.
import type { Prisma } from "@prisma/client";
import { now } from "../clock.server";
import { db } from "../db.server";

/** The fields that record it; `reason` is the plain-language message shown to the merchant. */
export function needsReconnectUpdate(reason: string, at: Date = now()): Prisma.InstagramAccountUpdateManyMutationInput {
  return {
    status: "needs_reconnect",
    statusReason: reason,
    encryptedToken: null,
    tokenKeyId: null,
    nextCheckAt: null,
    lastCheckedAt: at,
    lastRenewalResult: reason,
  };
}

/**
 * Marks the account, but only while it still holds the token that was refused (compare-and-set): a
 * merchant who reconnected meanwhile has a new token that must not be thrown away. Returns whether it did.
 */
export async function markNeedsReconnect(accountId: string, reason: string, refusedToken: string): Promise<boolean> {
  const { count } = await db().instagramAccount.updateMany({
    where: { id: accountId, status: "active", encryptedToken: refusedToken },
    data: needsReconnectUpdate(reason),
  });
  return count === 1;
}
