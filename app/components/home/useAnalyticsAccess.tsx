// Turning analytics on: write_pixels and read_customer_events are optional scopes, so App Bridge's
// Scopes API asks for them on Shopify's own permission screen (the banner's words are our explanation),
// and only once they are granted does the page ask the app to connect its pixel.
import { useCallback } from "react";
import { useAppBridge } from "@shopify/app-bridge-react";

export const ANALYTICS_SCOPES = ["write_pixels", "read_customer_events"];

const DECLINED =
  "Analytics stays off: Social Feed needs both permissions to count what your feed earns. You can turn it on any time.";
const UNREACHABLE = "Shopify couldn't be asked for the permissions just now. Try again in a moment.";

/** Resolves true when both scopes are granted (now or already), after telling the merchant if not. */
export function useAnalyticsAccess(): () => Promise<boolean> {
  const shopify = useAppBridge();
  return useCallback(async () => {
    try {
      const reply = await shopify.scopes.request(ANALYTICS_SCOPES);
      if (reply.result === "granted-all") return true;
      shopify.toast.show(DECLINED, { duration: 8000 });
      return false;
    } catch {
      shopify.toast.show(UNREACHABLE, { isError: true });
      return false;
    }
  }, [shopify]);
}
