import { Avatar, BlockStack, Button, InlineStack, Text } from "@shopify/polaris";
import type { AccountView } from "../accounts/accounts.server";
import { TokenStatusBadge } from "./TokenStatusBadge";
import { daysPhrase, useDates } from "./dates";

const ACCOUNT_TYPE_LABEL: Record<string, string> = {
  BUSINESS: "Business account",
  MEDIA_CREATOR: "Creator account",
  CREATOR: "Creator account",
};

/** Only a reconnect brings these back; "expires soon" still renews by itself, so it is not one of them. */
export function needsReconnecting(account: Pick<AccountView, "health">): boolean {
  return account.health === "needs_reconnect" || account.health === "expired";
}

export function AccountRow(props: {
  account: AccountView;
  /** This account's Reconnect is under way. */
  busy: boolean;
  onReconnect: () => void;
  onDisconnect: () => void;
}) {
  const { account, busy } = props;
  // Reconnect is what a broken account needs, so it stands out there; on a healthy one it is a quiet option.
  return (
    <InlineStack gap="400" align="space-between" blockAlign="center" wrap={false}>
      <InlineStack gap="400" blockAlign="center" wrap={false}>
        <Avatar
          customer={false}
          size="lg"
          name={account.username}
          initials={account.username.slice(0, 2).toUpperCase()}
          source={account.profilePictureUrl ?? undefined}
        />
        <BlockStack gap="100">
          <InlineStack gap="200" blockAlign="center">
            {/* Each account is a section of the page (its title is the h1). */}
            <Text as="h2" variant="headingMd">
              @{account.username}
            </Text>
            <TokenStatusBadge health={account.health} />
          </InlineStack>
          <Text as="p" tone="subdued">
            {ACCOUNT_TYPE_LABEL[account.accountType] ?? "Professional account"}
          </Text>
          <TokenLines account={account} />
        </BlockStack>
      </InlineStack>
      <InlineStack gap="200" wrap={false}>
        <Button
          variant={needsReconnecting(account) ? "primary" : "secondary"}
          onClick={props.onReconnect}
          loading={busy}
          accessibilityLabel={`Reconnect @${account.username}`}
        >
          Reconnect
        </Button>
        <Button
          tone="critical"
          variant="plain"
          onClick={props.onDisconnect}
          accessibilityLabel={`Disconnect @${account.username}`}
        >
          Disconnect
        </Button>
      </InlineStack>
    </InlineStack>
  );
}

function TokenLines({ account }: { account: AccountView }) {
  const { formatDate } = useDates();
  return (
    <>
      {account.health === "needs_reconnect" && (
        <Text as="p" tone="critical">
          {account.statusReason ?? "Instagram no longer accepts this connection."} Press Reconnect to fix it.
        </Text>
      )}
      {account.health === "expired" && account.tokenExpiresAt && (
        <Text as="p">Connection expired on {formatDate(account.tokenExpiresAt)}</Text>
      )}
      {(account.health === "active" || account.health === "expires_soon") && <Text as="p">Renews automatically</Text>}
      {(account.health === "active" || account.health === "expires_soon") &&
        account.tokenExpiresAt &&
        account.daysLeft !== null && (
          <Text as="p" tone="subdued">
            Current connection valid until {formatDate(account.tokenExpiresAt)} ({daysPhrase(account.daysLeft)})
            {account.lastRenewedAt ? ` · last renewed ${formatDate(account.lastRenewedAt)}` : ""}
          </Text>
        )}
    </>
  );
}
