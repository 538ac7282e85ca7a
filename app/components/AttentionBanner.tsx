// Shown on every admin page while any connected account needs the merchant: one click reconnects it.
// Each Reconnect names its account, so approving a different one on Instagram is caught, not added.
import { Banner, BlockStack, Button, Layout, Text } from "@shopify/polaris";
import { useFetcher, useRouteLoaderData } from "@remix-run/react";
import type { AccountView } from "../accounts/accounts.server";
import type { loader as appLayoutLoader } from "../routes/app";
import { daysPhrase } from "./dates";

function problemText(account: AccountView): string {
  if (account.health === "expired") return "Its Instagram connection has expired.";
  if (account.health === "expires_soon") {
    return `Its Instagram connection ends in ${daysPhrase(account.daysLeft ?? 0).replace(" left", "")} and could not be renewed automatically.`;
  }
  return account.statusReason ?? "Instagram no longer accepts its connection.";
}

export function AttentionBanner({ accounts }: { accounts: AccountView[] }) {
  const fetcher = useFetcher();
  if (accounts.length === 0) return null;
  const reconnect = (account: AccountView) =>
    fetcher.submit({ intent: "connect", accountId: account.id }, { method: "post", action: "/app/account" });
  const reconnecting = (account: AccountView) =>
    fetcher.state !== "idle" && fetcher.formData?.get("accountId") === account.id;
  const [first] = accounts;
  const single = accounts.length === 1;
  const title = single
    ? `@${first!.username} needs to be reconnected`
    : `${accounts.length} Instagram accounts need to be reconnected`;
  return (
    <Banner
      tone={accounts.some((account) => account.health !== "expires_soon") ? "critical" : "warning"}
      title={title}
      // One account: the banner's own button. Several: a button beside each, as each is its own Instagram login.
      action={
        single
          ? {
              content: "Reconnect",
              accessibilityLabel: `Reconnect @${first!.username}`,
              onAction: () => reconnect(first!),
              loading: reconnecting(first!),
            }
          : undefined
      }
    >
      <BlockStack gap="200">
        {accounts.map((account) => (
          <BlockStack gap="100" inlineAlign="start" key={account.id}>
            <Text as="p">
              @{account.username}: {problemText(account)} Your storefront keeps showing the posts it already has; new
              posts will appear again once you reconnect.
            </Text>
            {!single && (
              <Button
                onClick={() => reconnect(account)}
                loading={reconnecting(account)}
                accessibilityLabel={`Reconnect @${account.username}`}
              >
                Reconnect
              </Button>
            )}
          </BlockStack>
        ))}
      </BlockStack>
    </Banner>
  );
}

/**
 * The banner as the first section of an admin page, under its title (Polaris puts page-level banners
 * there), from the accounts the app layout found needing attention.
 */
export function PageAttention() {
  const accounts = useRouteLoaderData<typeof appLayoutLoader>("routes/app")?.attention ?? [];
  if (accounts.length === 0) return null;
  return (
    <Layout.Section>
      <AttentionBanner accounts={accounts} />
    </Layout.Section>
  );
}
