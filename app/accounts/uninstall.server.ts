// When a shop uninstalls the app, every credential it gave us goes at once (its Shopify sessions and
// its Instagram tokens) and its background work stops. Posts stay until shop/redact, in case the
// merchant reinstalls. Repeated deliveries of the webhook find nothing left to do and succeed.
import { now } from "../clock.server";
import { db } from "../db.server";
import { needsReconnectUpdate } from "./needs-reconnect.server";

export const UNINSTALLED_REASON = "The app was uninstalled.";

export async function forgetShopCredentials(shop: string): Promise<void> {
  await db().$transaction([
    db().session.deleteMany({ where: { shop } }),
    db().oAuthState.deleteMany({ where: { shop } }),
    db().instagramAccount.updateMany({
      where: { shop },
      data: needsReconnectUpdate(UNINSTALLED_REASON),
    }),
    db().mediaSource.updateMany({ where: { shop }, data: { nextSyncAt: null } }),
    // Nothing can be published without the shop's session: stop asking. The feeds' metafields and
    // picker entries belonged to the installation that ends here, so their publishing state goes too:
    // a reinstall writes them again even where the posts are unchanged (the hosted files stay, for reuse).
    db().feed.updateMany({ where: { shop }, data: { requestedAt: null, hash: null, metaobjectId: null } }),
    // The gallery's metafield belonged to the app's installation, which ends here: its publishing state
    // goes too, so a reinstall publishes it afresh (its hosted files stay until shop/redact, for reuse).
    db().productGallery.deleteMany({ where: { shop } }),
    // Shopify removes the app's web pixel with the installation; its key goes too, so a page still open
    // with the old pixel (or anyone who copied the key) can add nothing more, and so do the figures: they
    // describe the shop's shoppers, and a merchant who leaves expects that gone with the app (a reinstall
    // connects a new pixel with a new key and counts afresh).
    db().analyticsPixel.deleteMany({ where: { shop } }),
    db().analyticsDaily.deleteMany({ where: { shop } }),
    // Nothing more is emailed to a shop that left: open incidents close without an "all good" email.
    db().alertIncident.deleteMany({ where: { shop } }),
    db().emailMessage.updateMany({
      where: { shop, status: "queued" },
      data: { status: "cancelled", lastError: UNINSTALLED_REASON },
    }),
    db().syncRun.updateMany({
      where: { source: { shop }, status: "queued" },
      data: { status: "failed", finishedAt: now(), errorKind: "uninstalled", errorMessage: UNINSTALLED_REASON },
    }),
  ]);
}
