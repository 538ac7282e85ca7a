// The time zone and language an admin page shows dates in: the shop's zone (Shopify's ianaTimezone) and
// the merchant's language (the admin's `locale` parameter, else the browser's Accept-Language).
import { supportedLocale, supportedTimeZone, type ShopTime } from "../time-format";
import { shopDetails } from "./details.server";

export async function shopTimeFor(shop: string, request: Request): Promise<ShopTime> {
  const { timezone } = await shopDetails(shop);
  const locale = supportedLocale(
    new URL(request.url).searchParams.get("locale"),
    request.headers.get("accept-language"),
  );
  return { timeZone: supportedTimeZone(timezone), locale };
}
