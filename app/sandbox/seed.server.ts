// The sandbox shop's offline session, so the embedded pages authenticate without Shopify.
import { config } from "../config.server";
import { db } from "../db.server";
import { requireSandbox } from "./guard.server";
import { SANDBOX_SHOP } from "./paths";

export async function seedSandboxShop(): Promise<void> {
  requireSandbox();
  const session = {
    id: `offline_${SANDBOX_SHOP}`,
    shop: SANDBOX_SHOP,
    state: "sandbox",
    isOnline: false,
    scope: config().SCOPES,
    accessToken: "sandbox-offline-access-token",
  };
  await db().session.upsert({ where: { id: session.id }, create: session, update: session });
}
