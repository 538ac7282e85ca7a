// What Meta's callbacks ask of us for one Instagram user (named by an app-scoped id, or the
// professional account id: we match either), in every shop that connected that account.
import { createHash, randomBytes } from "node:crypto";
import { now } from "../clock.server";
import { needsReconnectUpdate } from "../accounts/needs-reconnect.server";
import { db } from "../db.server";
import { requestPublish } from "../feed/publish-request.server";

const matching = (userId: string) => ({ OR: [{ appScopedUserId: userId }, { instagramUserId: userId }] });

export const DEAUTHORIZED_REASON = "Access to Social Feed was removed in Instagram's settings.";

/** The user removed the app: their tokens are deleted and the merchant is asked to reconnect. Posts stay. */
export async function deauthorizeInstagramUser(userId: string): Promise<number> {
  const { count } = await db().instagramAccount.updateMany({
    where: matching(userId),
    data: needsReconnectUpdate(DEAUTHORIZED_REASON),
  });
  return count;
}

/**
 * The user asked Meta to delete their data: their accounts go, and with them tokens, sources and posts;
 * the feeds they fed are republished without them, so their posts leave every storefront (and the copies
 * of their images leave the shops' Files).
 */
export async function deleteInstagramUserData(userId: string): Promise<{ confirmationCode: string }> {
  const confirmationCode = randomBytes(12).toString("hex");
  const at = now();
  const fed = await db().feed.findMany({
    where: { sources: { some: { source: { account: matching(userId) } } } },
    select: { id: true, shop: true },
  });
  await db().$transaction(async (tx) => {
    const { count } = await tx.instagramAccount.deleteMany({ where: matching(userId) });
    await tx.dataDeletionRequest.create({
      // Only a hash of the id is kept: enough to tell repeated requests apart, nothing to identify anyone.
      data: {
        confirmationCode,
        appScopedUserId: createHash("sha256").update(userId).digest("hex"),
        receivedAt: at,
        completedAt: now(),
        accountsDeleted: count,
      },
    });
  });
  for (const shop of new Set(fed.map((feed) => feed.shop)))
    await requestPublish(shop, { feedIds: fed.filter((feed) => feed.shop === shop).map((feed) => feed.id) });
  return { confirmationCode };
}

export async function findDeletionRequest(confirmationCode: string) {
  return db().dataDeletionRequest.findUnique({
    where: { confirmationCode },
    select: { receivedAt: true, completedAt: true },
  });
}
