// What the app knows about a shop from Shopify (its name, contact email and time zone), kept in
// ShopSettings and read again once a day, so that pages and emails need no Admin API call of their own.
import { z } from "zod";
import { now } from "../clock.server";
import { db } from "../db.server";
import { adminGraphqlFor } from "../feed/admin-api.server";
import { DAY } from "../time";

const ShopReply = z.object({
  shop: z.object({ name: z.string(), contactEmail: z.string().nullish(), ianaTimezone: z.string().nullish() }),
});

export interface ShopDetails {
  shopName: string | null;
  contactEmail: string | null;
  timezone: string | null;
}

const DETAILS = { shopName: true, contactEmail: true, timezone: true, detailsFetchedAt: true } as const;

/**
 * The shop's details, fetched from the Admin API when they are missing or a day old. When Shopify cannot
 * be reached the last known details are returned (or nulls): nothing that shows them should fail for it.
 */
export async function shopDetails(shop: string): Promise<ShopDetails> {
  const stored = await db().shopSettings.findUnique({ where: { shop }, select: DETAILS });
  if (stored?.detailsFetchedAt && now().getTime() - stored.detailsFetchedAt.getTime() < DAY) return stored;
  try {
    const graphql = await adminGraphqlFor(shop);
    const reply = ShopReply.parse(
      await graphql(
        `
          query ShopDetails {
            shop {
              name
              contactEmail
              ianaTimezone
            }
          }
        `,
        {},
      ),
    );
    const fresh = {
      shopName: reply.shop.name,
      contactEmail: reply.shop.contactEmail ?? null,
      timezone: reply.shop.ianaTimezone ?? null,
      detailsFetchedAt: now(),
    };
    return await db().shopSettings.upsert({
      where: { shop },
      create: { shop, ...fresh },
      update: fresh,
      select: DETAILS,
    });
  } catch {
    return stored ?? { shopName: null, contactEmail: null, timezone: null };
  }
}
