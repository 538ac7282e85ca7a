// The Settings page's choices for email alerts: on or off, and the address (the shop's contact email
// from Shopify unless the merchant chose another).
import { db } from "../db.server";
import { shopDetails } from "./details.server";

export interface AlertSettings {
  alertsEnabled: boolean;
  /** The merchant's own choice; null means the shop's contact email. */
  alertEmail: string | null;
  contactEmail: string | null;
}

export async function alertSettingsFor(shop: string): Promise<AlertSettings> {
  const { contactEmail } = await shopDetails(shop);
  const stored = await db().shopSettings.findUnique({
    where: { shop },
    select: { alertsEnabled: true, alertEmail: true },
  });
  return { alertsEnabled: stored?.alertsEnabled ?? true, alertEmail: stored?.alertEmail ?? null, contactEmail };
}

export async function saveAlertSettings(
  shop: string,
  choice: { alertsEnabled: boolean; alertEmail: string | null },
): Promise<void> {
  await db().shopSettings.upsert({ where: { shop }, create: { shop, ...choice }, update: choice });
}

/** Where an alert goes now, or null when alerts are off or no address is known yet. */
export async function alertRecipient(shop: string): Promise<string | null> {
  const settings = await alertSettingsFor(shop);
  if (!settings.alertsEnabled) return null;
  return settings.alertEmail ?? settings.contactEmail;
}
