// Polaris outside the embedded admin (no App Bridge): pages reached at the top level of the browser.
import type { ReactNode } from "react";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";

export function StandalonePage({ children }: { children: ReactNode }) {
  return (
    <AppProvider i18n={en}>
      <main>{children}</main>
    </AppProvider>
  );
}
