// Feeds: every feed of the shop, with the accounts it shows, the posts it has on the storefront now, and
// whether a change is on its way there. Shopify tells the app which templates have a feed block, not which
// feed each block shows (that is the block's Feed setting), so the page says exactly that much.
import { useEffect } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { PageAttention } from "../components/AttentionBanner";
import { useThemeBlock, type ThemeBlock } from "../components/theme-block";
import { listFeeds, type FeedSummary } from "../feed/feeds.server";
import { listSources } from "../sync/sources.server";
import { authenticate, themeEditorUrl } from "../shopify.server";

export const meta: MetaFunction = () => [{ title: "Social Feed · Feeds" }];

/** Where the editor sends the merchant after a save or a delete, for the toast. Anything else is ignored. */
const DONE = { created: "Feed created", saved: "Feed saved", deleted: "Feed deleted" } as const;
const PageQuery = z.object({ done: z.enum(["created", "saved", "deleted"]).optional().catch(undefined) });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { done } = PageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  // Sources first: a shop's first account gets its "Main" feed there, so the list below has it.
  const sources = await listSources(session.shop);
  return json({
    feeds: await listFeeds(session.shop),
    accountsConnected: sources.length > 0,
    editorUrl: themeEditorUrl(session.shop),
    done: done ?? null,
  });
};

const postsPhrase = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "post" : "posts"}`;

function Accounts({ feed }: { feed: FeedSummary }) {
  if (feed.sources.length === 0) return <Badge tone="warning">No accounts — shows nothing</Badge>;
  return (
    <InlineStack gap="100" blockAlign="center" wrap>
      {feed.sources.map((source, index) => (
        <InlineStack gap="100" blockAlign="center" key={source.id}>
          <Text as="span">
            @{source.username}
            {index < feed.sources.length - 1 ? "," : ""}
          </Text>
          {source.accountStatus === "needs_reconnect" && <Badge tone="warning">Needs reconnecting</Badge>}
        </InlineStack>
      ))}
    </InlineStack>
  );
}

function State({ feed }: { feed: FeedSummary }) {
  if (feed.lastError)
    return (
      <BlockStack gap="100" inlineAlign="start">
        <Badge tone="warning">Update delayed</Badge>
        <Text as="p" tone="subdued">
          {feed.lastError}
        </Text>
      </BlockStack>
    );
  if (feed.updating) return <Badge tone="info">Updating</Badge>;
  if (feed.publishedAt) return <Badge tone="success">Live</Badge>;
  return <Badge>Not published</Badge>;
}

/** One line above the table: which templates have a feed block, and that each block's Feed setting chooses. */
function ThemeLine({ block, feedCount, editorUrl }: { block: ThemeBlock; feedCount: number; editorUrl: string }) {
  if (block.placement === "added") {
    const where = block.templates.length ? `Feed blocks on your theme: ${block.templates.join(", ")}` : "";
    const choose =
      feedCount === 1
        ? "choose this feed in a block's Feed setting"
        : "each block shows the feed chosen in its Feed setting";
    return <Text as="p">{where ? `${where} — ${choose}.` : `Your theme has feed blocks: ${choose}.`}</Text>;
  }
  if (block.placement === "not_added")
    return (
      <InlineStack gap="300" align="space-between" blockAlign="center">
        <Text as="p">
          No feed block is on your theme yet. Add the Instagram feed block, then choose a feed in its Feed setting.
        </Text>
        <Button url={editorUrl} target="_top">
          Add to theme
        </Button>
      </InlineStack>
    );
  return null;
}

export default function Feeds() {
  const { feeds, accountsConnected, editorUrl, done } = useLoaderData<typeof loader>();
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const block = useThemeBlock();

  useEffect(() => {
    if (!done) return;
    shopify.toast.show(DONE[done]);
    // Off the address, so a reload doesn't say it again.
    navigate("/app/feeds", { replace: true, preventScrollReset: true });
  }, [done, shopify, navigate]);

  return (
    // With no feed yet, the empty state's own button is the one way on (the page's would repeat it).
    <Page
      title="Feeds"
      primaryAction={feeds.length > 0 ? { content: "Create feed", url: "/app/feeds/new" } : undefined}
    >
      <Layout>
        <PageAttention />
        <Layout.Section>
          {feeds.length === 0 ? (
            <Card>
              {accountsConnected ? (
                <EmptyState
                  heading="Make a feed for your storefront"
                  action={{ content: "Create feed", url: "/app/feeds/new" }}
                  image="/empty-account.svg"
                >
                  <p>
                    A feed is a set of your Instagram posts: from the accounts you choose, with the filters you choose.
                    Feed blocks on your theme show the feed chosen in their Feed setting.
                  </p>
                </EmptyState>
              ) : (
                <EmptyState
                  heading="Connect Instagram to make a feed"
                  action={{ content: "Go to Account", url: "/app/account" }}
                  image="/empty-account.svg"
                >
                  <p>
                    A feed shows posts from a connected Instagram professional account. Connect one on the Account page,
                    then create a feed here.
                  </p>
                </EmptyState>
              )}
            </Card>
          ) : (
            <Card padding="0">
              {block.placement !== "unknown" && (
                <Box padding="400" borderBlockEndWidth="025" borderColor="border">
                  <ThemeLine block={block} feedCount={feeds.length} editorUrl={editorUrl} />
                </Box>
              )}
              <IndexTable
                resourceName={{ singular: "feed", plural: "feeds" }}
                itemCount={feeds.length}
                selectable={false}
                headings={[
                  { title: "Name" },
                  { title: "Accounts" },
                  { title: "On the storefront" },
                  { title: "Status" },
                ]}
              >
                {feeds.map((feed, index) => (
                  <IndexTable.Row id={feed.id} key={feed.id} position={index}>
                    <IndexTable.Cell>
                      <Link url={`/app/feeds/${feed.id}`} dataPrimaryLink removeUnderline>
                        <Text as="span" fontWeight="semibold">
                          {feed.name}
                        </Text>
                      </Link>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Accounts feed={feed} />
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span">{feed.publishedAt ? postsPhrase(feed.postCount) : "None yet"}</Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <State feed={feed} />
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            </Card>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
