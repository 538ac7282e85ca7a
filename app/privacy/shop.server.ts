// Shopify's privacy webhooks for a shop.
import { now } from "../clock.server";
import { db } from "../db.server";

/** customers/data_request and customers/redact: we hold no customer data; the request is recorded once. */
export async function recordComplianceRequest(request: {
  webhookId: string;
  shop: string;
  topic: string;
}): Promise<void> {
  await db().complianceRequest.upsert({
    where: { webhookId: request.webhookId },
    create: { ...request, receivedAt: now() },
    update: {},
  });
}

/** shop/redact (48 hours after uninstall): erase everything we hold for the shop. Repeats are harmless. */
export async function eraseShop(shop: string): Promise<void> {
  await db().$transaction([
    // Accounts take their tokens, media sources, posts and sync runs with them (cascading deletes).
    db().instagramAccount.deleteMany({ where: { shop } }),
    db().mediaSource.deleteMany({ where: { shop } }),
    db().oAuthState.deleteMany({ where: { shop } }),
    db().session.deleteMany({ where: { shop } }),
    db().complianceRequest.deleteMany({ where: { shop } }),
    db().feed.deleteMany({ where: { shop } }),
    db().productGallery.deleteMany({ where: { shop } }),
    db().hostedFile.deleteMany({ where: { shop } }),
    // The alert emails name the shop and its contact address.
    db().emailMessage.deleteMany({ where: { shop } }),
    db().alertIncident.deleteMany({ where: { shop } }),
    db().shopSettings.deleteMany({ where: { shop } }),
    db().analyticsPixel.deleteMany({ where: { shop } }),
    db().analyticsDaily.deleteMany({ where: { shop } }),
  ]);
}
