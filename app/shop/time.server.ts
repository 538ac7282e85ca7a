// The time zone and language an admin page shows dates in: the shop's zone (Shopify's ianaTimezone) and
// the merchant's language (the admin's `locale` parameter, else the browser's Accept-Language).
import {
  dateFormatters,
  DEFAULT_SHOP_TIME,
  supportedLocale,
  supportedTimeZone,
  type DateFormatters,
  type ShopTime,
} from "../time-format";
import { shopDetails, type ShopDetails } from "./details.server";

/** Where no merchant's browser is there to ask (emails, the sandbox's outbox): the shop's zone, in English. */
export function shopDateFormatters(details: Pick<ShopDetails, "timezone">): DateFormatters {
  return dateFormatters({ ...DEFAULT_SHOP_TIME, timeZone: supportedTimeZone(details.timezone) });
}

export async function shopTimeFor(shop: string, request: Request): Promise<ShopTime> {
  const { timezone } = await shopDetails(shop);
  const locale = supportedLocale(
    new URL(request.url).searchParams.get("locale"),
    request.headers.get("accept-language"),
  );
  return { timeZone: supportedTimeZone(timezone), locale };
}
