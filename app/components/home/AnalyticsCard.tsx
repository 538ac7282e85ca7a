// "What the feed earns": the last 30 days' figures from the storefront (views, opens, clicks, add-to-carts,
// assisted orders and their revenue), each with its total and trend, the top posts and products, and
// whether analytics is on: the permissions it needs, its pixel, the last event it counted.
import { useEffect, type ReactNode } from "react";
import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Box, Card, InlineGrid, InlineStack, Link, Text, Thumbnail } from "@shopify/polaris";
import { ImageIcon } from "@shopify/polaris-icons";
import { useDates } from "../dates";
import { METRICS, hasFigures, numberFormatters, trendLabel, type AnalyticsView, type Numbers } from "./analytics-view";
import { TrendChart } from "./TrendChart";
import { useAnalyticsAccess } from "./useAnalyticsAccess";

/** The home page action's answer to "connect the pixel", in the merchant's words. */
export interface ConnectReply {
  ok: boolean;
  message: string;
}

export const CONNECT_INTENT = "connect-analytics";

function Figures({ view, numbers }: { view: AnalyticsView; numbers: Numbers }) {
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="300">
      {METRICS.map(({ key, label }) => {
        const series = view.metrics[key];
        const format = key === "revenue" ? numbers.money : numbers.count;
        return (
          <Box key={key} padding="300" borderRadius="200" borderWidth="025" borderColor="border">
            <BlockStack gap="200">
              <Text as="h3" variant="bodyMd" tone="subdued">
                {label}
              </Text>
              <Text as="p" variant="headingLg">
                {format(series.total)}
              </Text>
              <TrendChart values={series.daily} days={view.days} label={trendLabel(label, series, format)} />
            </BlockStack>
          </Box>
        );
      })}
    </InlineGrid>
  );
}

/** "3 opens", "1 open": a count in the merchant's number format with the word it counts. */
const counted = (numbers: Numbers, value: number, one: string, many: string) =>
  `${numbers.count(value)} ${value === 1 ? one : many}`;

/** A top-5 list: its heading, a line when there is nothing to rank, and one item per entry. */
function TopList<T>(props: {
  title: string;
  empty: string;
  items: T[];
  keyOf(item: T): string;
  render(item: T): ReactNode;
}) {
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {props.title}
      </Text>
      {props.items.length === 0 && <Text as="p">{props.empty}</Text>}
      <BlockStack as="ol" gap="200">
        {props.items.map((item) => (
          <li key={props.keyOf(item)} style={{ listStyle: "none" }}>
            {props.render(item)}
          </li>
        ))}
      </BlockStack>
    </BlockStack>
  );
}

function TopPosts({ posts, numbers }: { posts: AnalyticsView["topPosts"]; numbers: Numbers }) {
  return (
    <TopList
      title="Top posts"
      empty="No post to show for these 30 days."
      items={posts}
      keyOf={(post) => post.postId}
      render={(post) => (
        <InlineStack gap="300" wrap={false} blockAlign="center">
          <Thumbnail source={post.imageUrl ?? ImageIcon} alt="" size="small" />
          <BlockStack gap="050">
            <Link url={post.permalink} target="_blank" removeUnderline>
              <Text as="span" truncate>
                {post.caption.trim() || "A post without a caption"}
              </Text>
            </Link>
            <Text as="p" tone="subdued">
              {counted(numbers, post.opens, "open", "opens")} ·{" "}
              {counted(numbers, post.clicks, "product click", "product clicks")}
            </Text>
          </BlockStack>
        </InlineStack>
      )}
    />
  );
}

function TopProducts({ products, numbers }: { products: AnalyticsView["topProducts"]; numbers: Numbers }) {
  return (
    <TopList
      title="Top products"
      empty="No product to show for these 30 days."
      items={products}
      keyOf={(product) => product.productId}
      render={(product) => (
        <BlockStack gap="050">
          <Text as="p" truncate>
            {product.title ?? "A product no longer in your store"}
          </Text>
          <Text as="p" tone="subdued">
            {counted(numbers, product.clicks, "click", "clicks")} ·{" "}
            {counted(numbers, product.addToCarts, "add-to-cart", "add-to-carts")}
          </Text>
        </BlockStack>
      )}
    />
  );
}

/** Analytics off: what is missing, why it matters, and the one button that fixes it. */
function TurnOnBanner({ view }: { view: AnalyticsView }) {
  const { formatDateTime } = useDates();
  const shopify = useAppBridge();
  const ensureAccess = useAnalyticsAccess();
  const connect = useFetcher<ConnectReply>();
  const busy = connect.state !== "idle";
  const submitConnect = () => connect.submit({ intent: CONNECT_INTENT }, { method: "post", action: "/app?index" });

  useEffect(() => {
    if (connect.state === "idle" && connect.data)
      shopify.toast.show(connect.data.message, { isError: !connect.data.ok, duration: connect.data.ok ? 5000 : 8000 });
  }, [connect.state, connect.data, shopify]);

  const lastEvent = view.lastEventAt ? ` The last event arrived ${formatDateTime(view.lastEventAt)}.` : "";
  if (view.state === "no_scopes")
    return (
      <Banner
        tone="info"
        title="Turn on analytics to see what your feed earns"
        action={{
          content: "Turn on analytics",
          loading: busy,
          onAction: async () => {
            if (await ensureAccess()) submitConnect();
          },
        }}
      >
        <Text as="p">
          Social Feed counts feed views, clicks, add-to-carts and orders through Shopify&apos;s customer events. Shopify
          asks you to let it add its pixel to your store and read those events. Shopify handles your customers&apos;
          consent, and Social Feed keeps only daily totals, nothing about who visited.{lastEvent}
        </Text>
      </Banner>
    );
  return (
    <Banner
      tone="warning"
      title="Analytics isn't counting"
      action={{ content: "Connect", loading: busy, onAction: submitConnect }}
    >
      <Text as="p">
        Social Feed&apos;s pixel isn&apos;t connected to your store, so views, clicks and orders aren&apos;t being
        counted.{lastEvent}
      </Text>
    </Banner>
  );
}

function CountingLine({ lastEventAt }: { lastEventAt: string | null }) {
  const { formatDateTime } = useDates();
  return (
    <Text as="p" tone="subdued">
      {lastEventAt
        ? `Counting through Shopify's customer events. Last event ${formatDateTime(lastEventAt)}.`
        : "Counting through Shopify's customer events. No event has arrived yet."}
    </Text>
  );
}

export function AnalyticsCard({ view, locale }: { view: AnalyticsView; locale: string }) {
  const numbers = numberFormatters(locale, view.currency);
  const figures = hasFigures(view);
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            What the feed earns (last 30 days)
          </Text>
          {view.state === "connected" && <CountingLine lastEventAt={view.lastEventAt} />}
        </BlockStack>
        {view.state !== "connected" && <TurnOnBanner view={view} />}
        {figures ? (
          <>
            <Figures view={view} numbers={numbers} />
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
              <TopPosts posts={view.topPosts} numbers={numbers} />
              <TopProducts products={view.topProducts} numbers={numbers} />
            </InlineGrid>
            <Text as="p" tone="subdued">
              An order counts as assisted when the same browser opened a post or clicked a product in your feed within
              72 hours before it; its revenue is the order&apos;s total.
            </Text>
          </>
        ) : (
          <Text as="p">
            {view.state === "connected"
              ? "No figures yet. They appear here as shoppers see your feed: views within minutes of a visit to a page with the Instagram feed block."
              : "Your feed's views, clicks and sales appear here once analytics is on."}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
