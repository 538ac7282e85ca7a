// Dates in the shop's time zone (Shopify's shop.ianaTimezone) and the merchant's language. The same
// inputs give the same text on the server and in the browser, so hydration never disagrees; emails use
// the same formatters.
export interface ShopTime {
  timeZone: string;
  locale: string;
}

export const DEFAULT_SHOP_TIME: ShopTime = { timeZone: "UTC", locale: "en-US" };

/** A locale Intl knows, from a list such as Shopify's `locale` parameter or an Accept-Language header. */
export function supportedLocale(...candidates: Array<string | null | undefined>): string {
  for (const candidate of candidates.flatMap((value) => (value ?? "").split(","))) {
    const tag = candidate.split(";")[0]!.trim();
    try {
      if (tag && Intl.DateTimeFormat.supportedLocalesOf(tag).length) return tag;
    } catch {
      // not a language tag at all
    }
  }
  return DEFAULT_SHOP_TIME.locale;
}

export function supportedTimeZone(zone: string | null | undefined): string {
  if (!zone) return DEFAULT_SHOP_TIME.timeZone;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return DEFAULT_SHOP_TIME.timeZone;
  }
}

export interface DateFormatters {
  /** "Dec 3, 2026" */
  formatDate(iso: string | Date): string;
  /** "Dec 3, 2026, 2:09 PM EST" */
  formatDateTime(iso: string | Date): string;
}

export function dateFormatters({ timeZone, locale }: ShopTime): DateFormatters {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
  const moment = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  });
  return {
    formatDate: (iso) => day.format(new Date(iso)),
    formatDateTime: (iso) => moment.format(new Date(iso)),
  };
}
