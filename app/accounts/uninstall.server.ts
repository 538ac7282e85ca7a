// When a shop uninstalls the app, every credential it gave us goes at once: its Shopify sessions and
// its Instagram tokens. Repeated deliveries of the webhook find nothing left and succeed.
import { db } from "../db.server";

export async function forgetShopCredentials(shop: string): Promise<void> {
  await db().$transaction([
    db().session.deleteMany({ where: { shop } }),
    db().instagramAccount.updateMany({
      where: { shop },
      data: { encryptedToken: null, tokenKeyId: null, status: "needs_reconnect", statusReason: "The app was uninstalled." },
    }),
  ]);
}
