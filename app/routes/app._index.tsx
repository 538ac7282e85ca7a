import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import type { HomeOverview } from "../home/overview.server";
import { homeOverview } from "../home/overview.server";
import { TokenStatusBadge } from "../components/TokenStatusBadge";
import { useDates } from "../components/dates";
import { SetupGuide, type SetupStep } from "../components/SetupGuide";
import { useThemeBlock, type ThemeBlock } from "../components/theme-block";
import { authenticate, themeEditorUrl } from "../shopify.server";
import { PageAttention } from "../components/AttentionBanner";

export const meta: MetaFunction = () => [{ title: "Social Feed · Home" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json({ ...(await homeOverview(session.shop)), editorUrl: themeEditorUrl(session.shop) });
};

type Account = HomeOverview["accounts"][number];

/** An account's state in the merchant's words: what works, what doesn't, and whether they must act. */
function AccountHealth({ account }: { account: Account }) {
  const { formatDate } = useDates();
  const line =
    account.health === "needs_reconnect"
      ? `${account.statusReason ?? "Instagram no longer accepts this connection."} New posts won't appear until you reconnect; your store keeps the posts it has.`
      : account.health === "expired"
        ? "The connection has expired. New posts won't appear until you reconnect; your store keeps the posts it has."
        : account.failingSince
          ? `Renews automatically. Instagram hasn't answered since ${formatDate(account.failingSince)}; Social Feed keeps trying.`
          : "Renews automatically. Nothing to do.";
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center">
        <Text as="h3" variant="headingSm">
          @{account.username}
        </Text>
        <TokenStatusBadge health={account.health} />
      </InlineStack>
      <Text as="p" tone={account.health === "needs_reconnect" || account.health === "expired" ? "critical" : undefined}>
        {line}
      </Text>
    </BlockStack>
  );
}

function StorefrontFeed({
  feed,
  block,
  editorUrl,
}: {
  feed: HomeOverview["feed"];
  block: ThemeBlock;
  editorUrl: string;
}) {
  const { formatDateTime } = useDates();
  const where =
    block.placement === "added"
      ? `The Instagram feed block is on your live theme${block.templates.length ? `: ${block.templates.join(", ")}` : ""}.`
      : block.placement === "not_added"
        ? "The Instagram feed block isn't on your live theme yet."
        : "";
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Your storefront feed
          </Text>
          {feed.lastError ? (
            <Badge tone="warning">Update delayed</Badge>
          ) : feed.updating ? (
            <Badge tone="info">Updating</Badge>
          ) : null}
        </InlineStack>
        <Text as="p">
          {feed.publishedAt
            ? `Shows ${feed.postCount} ${feed.postCount === 1 ? "post" : "posts"}, last updated ${formatDateTime(feed.publishedAt)}.`
            : "Nothing published yet: your posts appear here after the first sync."}
        </Text>
        {feed.lastError && (
          <Text as="p" tone="subdued">
            The latest update couldn't reach your store ({feed.lastError.replace(/\.$/, "")}). Social Feed tries again
            on its own; your store keeps showing the previous posts.
          </Text>
        )}
        {where && <Text as="p">{where}</Text>}
        {block.placement === "added" && (
          <InlineStack>
            <Button url={editorUrl} target="_top">
              Open theme editor
            </Button>
          </InlineStack>
        )}
      </BlockStack>
    </Card>
  );
}

export default function Home() {
  const { accounts, firstSyncDone, feed, editorUrl } = useLoaderData<typeof loader>();
  const block = useThemeBlock();
  const connect = useFetcher();
  const steps: SetupStep[] = [
    {
      id: "connect",
      title: "Connect Instagram",
      done: accounts.length > 0,
      description:
        "Approve Social Feed on Instagram (a Business or Creator account). You come straight back here, and the connection renews itself.",
      action: {
        content: "Connect Instagram",
        loading: connect.state !== "idle",
        onClick: () => connect.submit({ intent: "connect" }, { method: "post", action: "/app/account" }),
      },
    },
    {
      id: "sync",
      title: "Bring in your posts",
      done: firstSyncDone,
      description:
        "Your posts arrive on their own within a minute of connecting. Media Sources shows the progress, and lets you hide or pin posts.",
      action: { content: "Open Media Sources", url: "/app/media" },
    },
    {
      id: "theme",
      title: "Add the feed to your theme",
      done: block.placement === "added",
      description:
        "The theme editor opens with the Instagram feed block ready to place. Save the theme, and your posts are on your store.",
      action: { content: "Add to theme", url: editorUrl, target: "_top" },
    },
  ];
  return (
    <Page title="Social Feed">
      <Layout>
        <PageAttention />
        <Layout.Section>
          <SetupGuide steps={steps} />
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Instagram connections
              </Text>
              {accounts.length === 0 && <Text as="p">No Instagram account is connected yet.</Text>}
              {accounts.map((account) => (
                <AccountHealth key={account.id} account={account} />
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
        {/* The feed's figures (views, clicks, sales) join this column when analytics arrive. */}
        <Layout.Section variant="oneHalf">
          <StorefrontFeed feed={feed} block={block} editorUrl={editorUrl} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
