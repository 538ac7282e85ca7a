// Every date an admin page shows goes through useDates(): the shop's time zone, the merchant's locale.
// The app layout provides them (app/routes/app.tsx).
import { createContext, useContext, useMemo } from "react";
import { dateFormatters, DEFAULT_SHOP_TIME, type DateFormatters, type ShopTime } from "../time-format";

const ShopTimeContext = createContext<ShopTime>(DEFAULT_SHOP_TIME);

export const ShopTimeProvider = ShopTimeContext.Provider;

export function useDates(): DateFormatters {
  const shopTime = useContext(ShopTimeContext);
  return useMemo(() => dateFormatters(shopTime), [shopTime]);
}

export function daysPhrase(days: number): string {
  return days === 1 ? "1 day left" : `${days} days left`;
}
