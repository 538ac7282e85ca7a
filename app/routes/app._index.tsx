// The home page: the setup guide until every step is done, what the feeds earn (analytics), every
// account's state, and each feed's state on the storefront (its posts, when it last changed, whether an
// update is on its way or delayed). Its one action connects the analytics pixel.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Badge, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import type { HomeOverview } from "../home/overview.server";
import { homeOverview } from "../home/overview.server";
import { TokenStatusBadge } from "../components/TokenStatusBadge";
import { useDates } from "../components/dates";
import { SetupGuide, type SetupStep } from "../components/SetupGuide";
import { useThemeBlock, type ThemeBlock } from "../components/theme-block";
import { authenticate, themeEditorUrl } from "../shopify.server";
import { PageAttention } from "../components/AttentionBanner";
import { AnalyticsCard, CONNECT_INTENT, type ConnectReply } from "../components/home/AnalyticsCard";
import { connectPixel } from "../analytics/pixel.server";
import { DEFAULT_SHOP_TIME } from "../time-format";
import type { loader as appLayoutLoader } from "./app";

export const meta: MetaFunction = () => [{ title: "Social Feed · Home" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json({ ...(await homeOverview(session.shop)), editorUrl: themeEditorUrl(session.shop) });
};

const HomeAction = z.object({ intent: z.literal(CONNECT_INTENT) });

const CONNECT_STATUS = { no_scopes: 403, shopify: 502 } as const;

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  if (!HomeAction.safeParse(Object.fromEntries(await request.formData())).success)
    return json<ConnectReply>(
      { ok: false, message: "That request wasn't understood. Reload the page and try again." },
      400,
    );
  const result = await connectPixel(session.shop);
  if (!result.ok) return json<ConnectReply>(result, CONNECT_STATUS[result.problem]);
  return json<ConnectReply>({
    ok: true,
    message: "Analytics is on. Your feed's figures appear here as shoppers see it.",
  });
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

type Feed = HomeOverview["feeds"][number];

/** One feed: what it has on the storefront now, and whether a change is still on its way. */
function FeedState({ feed }: { feed: Feed }) {
  const { formatDateTime } = useDates();
  const line =
    feed.sources.length === 0
      ? "No account feeds it, so it shows nothing. Choose its accounts on the Feeds page."
      : feed.publishedAt
        ? `Shows ${feed.postCount} ${feed.postCount === 1 ? "post" : "posts"}, last updated ${formatDateTime(feed.publishedAt)}.`
        : "Nothing published yet: its posts reach your store after the first sync.";
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center">
        <Text as="h3" variant="headingSm">
          {feed.name}
        </Text>
        {feed.lastError ? (
          <Badge tone="warning">Update delayed</Badge>
        ) : feed.updating ? (
          <Badge tone="info">Updating</Badge>
        ) : null}
      </InlineStack>
      <Text as="p">{line}</Text>
      {feed.lastError && (
        <Text as="p" tone="subdued">
          The latest update couldn't reach your store ({feed.lastError.replace(/\.$/, "")}). Social Feed tries again on
          its own; your store keeps showing the previous posts.
        </Text>
      )}
    </BlockStack>
  );
}

function StorefrontFeeds({
  feeds,
  connected,
  block,
  editorUrl,
}: {
  feeds: Feed[];
  connected: boolean;
  block: ThemeBlock;
  editorUrl: string;
}) {
  // App Bridge says where the block is, not which feed each placed block shows (that is the block's own
  // "Feed" setting, in the theme), so the card says where it is and what each feed holds.
  const where =
    block.placement === "added"
      ? `The Instagram feed block is on your live theme${block.templates.length ? `: ${block.templates.join(", ")}` : ""}.`
      : block.placement === "not_added"
        ? "The Instagram feed block isn't on your live theme yet."
        : "";
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Your storefront feeds
        </Text>
        {feeds.length === 0 && (
          <Text as="p">
            {connected
              ? "You have no feeds, so the Instagram feed block shows nothing on your store. Create one on the Feeds page."
              : "Your first feed, “Main”, is made when you connect Instagram."}
          </Text>
        )}
        {feeds.map((feed) => (
          <FeedState key={feed.id} feed={feed} />
        ))}
        {where && <Text as="p">{where}</Text>}
        {block.placement === "added" && (
          <Text as="p" tone="subdued">
            Each block shows the feed chosen in its “Feed” setting in the theme editor.
          </Text>
        )}
        <InlineStack gap="300" blockAlign="center">
          {block.placement === "added" && (
            <Button url={editorUrl} target="_top">
              Open theme editor
            </Button>
          )}
          {connected && <Button url="/app/feeds">Manage feeds</Button>}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export default function Home() {
  const { accounts, firstSyncDone, feeds, analytics, editorUrl } = useLoaderData<typeof loader>();
  // Numbers and money in the merchant's language, as the layout's dates are.
  const locale = useRouteLoaderData<typeof appLayoutLoader>("routes/app")?.shopTime.locale ?? DEFAULT_SHOP_TIME.locale;
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
        "The theme editor opens with the Instagram feed block ready to place. Choose which feed it shows in the block's “Feed” setting (it shows nothing until you do), then save the theme.",
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
        <Layout.Section>
          <AnalyticsCard view={analytics} locale={locale} />
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
        <Layout.Section variant="oneHalf">
          <StorefrontFeeds feeds={feeds} connected={accounts.length > 0} block={block} editorUrl={editorUrl} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
