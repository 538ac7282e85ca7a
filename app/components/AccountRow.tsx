// One connected account on the Account page (its token's health, Reconnect, Disconnect), and what its
// Disconnect confirmation says will go: the merchant reads exactly what disappears and which feeds, and so
// which storefront pages, change before they press it.
import { Avatar, BlockStack, Button, InlineStack, List, Text } from "@shopify/polaris";
import type { AccountView } from "../accounts/accounts.server";
import type { FeedChange } from "../feed/feeds.server";
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

const handles = (usernames: string[]) => {
  const named = usernames.map((username) => `@${username}`);
  return named.length <= 1 ? named.join("") : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
};

export function feedChangeLine(feed: FeedChange): string {
  if (feed.emptied) return `Feed “${feed.name}” will show nothing (it has no other account).`;
  return feed.others.length
    ? `Feed “${feed.name}” keeps showing ${handles(feed.others)}'s posts.`
    : `Feed “${feed.name}” keeps showing its other accounts' posts.`;
}

/**
 * The Disconnect confirmation's body. `templates` are where the block is on the live theme (from App
 * Bridge, which knows; `placed` is false when it knows the block isn't there): the block on a page shows
 * whichever feed the merchant chose for it, so every page with a block may be one that changes.
 */
export function DisconnectConsequences(props: {
  username: string;
  feeds: FeedChange[];
  placed: boolean | null;
  templates: string[];
}) {
  const { username, feeds } = props;
  const these = feeds.length === 1 ? "this feed" : "these feeds";
  return (
    <BlockStack gap="300">
      <Text as="p">Social Feed will delete, for good:</Text>
      <List>
        <List.Item>@{username}'s access token: Social Feed can no longer reach the account on Instagram.</List.Item>
        <List.Item>@{username}'s posts in Social Feed, with the ones you hid or pinned.</List.Item>
        <List.Item>@{username}'s sync history.</List.Item>
      </List>
      {feeds.length === 0 ? (
        <Text as="p">No feed shows @{username}'s posts, so your store doesn't change.</Text>
      ) : (
        <>
          <Text as="p">Your feeds change:</Text>
          <List>
            {feeds.map((feed) => (
              <List.Item key={feed.name}>{feedChangeLine(feed)}</List.Item>
            ))}
          </List>
          <Text as="p">
            {props.placed === false
              ? `The Instagram feed block isn't on your live theme, so your store doesn't show ${these} yet.`
              : props.templates.length
                ? `Blocks showing ${these} on your theme (${props.templates.join(", ")}) change at once.`
                : `Blocks showing ${these} on your theme change at once.`}
          </Text>
        </>
      )}
      <Text as="p">
        Nothing changes on Instagram. You can connect @{username} again at any time; you would then add it to your feeds
        and hide or pin its posts again.
      </Text>
    </BlockStack>
  );
}
