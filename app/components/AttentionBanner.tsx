// Shown on every admin page while any connected account needs the merchant: one click reconnects it.
import { Banner, BlockStack, Text } from "@shopify/polaris";
import { useFetcher } from "@remix-run/react";
import type { AccountView } from "../accounts/accounts.server";
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
  const reconnect = () => fetcher.submit({ intent: "connect" }, { method: "post", action: "/app/account" });
  const [first] = accounts;
  const title =
    accounts.length === 1 ? `@${first!.username} needs to be reconnected` : `${accounts.length} Instagram accounts need to be reconnected`;
  return (
    <Banner
      tone={accounts.some((account) => account.health !== "expires_soon") ? "critical" : "warning"}
      title={title}
      action={{ content: "Reconnect", onAction: reconnect, loading: fetcher.state !== "idle" }}
    >
      <BlockStack gap="100">
        {accounts.map((account) => (
          <Text as="p" key={account.id}>
            @{account.username}: {problemText(account)} Your storefront keeps showing the posts it already has; new posts
            will appear again once you reconnect.
          </Text>
        ))}
      </BlockStack>
    </Banner>
  );
}
