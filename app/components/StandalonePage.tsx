// Polaris outside the embedded admin (no App Bridge): pages reached at the top level of the browser, and
// pages whose admin layout failed.
import type { ComponentProps, ReactNode } from "react";
import { AppProvider, BlockStack, Card, Page, Text } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";

type LinkComponent = ComponentProps<typeof AppProvider>["linkComponent"];

export function StandalonePage({ children, linkComponent }: { children: ReactNode; linkComponent?: LinkComponent }) {
  return (
    <AppProvider i18n={en} linkComponent={linkComponent}>
      <main>{children}</main>
    </AppProvider>
  );
}

/** A short message on a page of its own: a title, a few lines, and a way on. */
export function MessagePage({
  title,
  children,
  linkComponent,
}: {
  title: string;
  children: ReactNode;
  linkComponent?: LinkComponent;
}) {
  return (
    <StandalonePage linkComponent={linkComponent}>
      <Page narrowWidth>
        <Card>
          <BlockStack gap="400">
            <Text as="h1" variant="headingLg">
              {title}
            </Text>
            {children}
          </BlockStack>
        </Card>
      </Page>
    </StandalonePage>
  );
}
