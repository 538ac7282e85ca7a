// The source's posts as a grid of thumbnails, in storefront order, each with its badges and its
// Hide/Show and Pin/Unpin buttons. Captions are plain text (React escapes them).
import { Badge, BlockStack, Box, Button, InlineGrid, InlineStack, Link, Text } from "@shopify/polaris";
import { useFetcher } from "@remix-run/react";
import type { PostView } from "../../sync/curation.server";
import { postTypeLabel } from "./format";
import { useDates } from "../dates";

export function PostGrid({ posts }: { posts: PostView[] }) {
  return (
    <InlineGrid columns={{ xs: 2, sm: 3, md: 3, lg: 4 }} gap="300">
      {posts.map((post) => (
        <PostCard key={post.id} post={post} />
      ))}
    </InlineGrid>
  );
}

function PostCard({ post: stored }: { post: PostView }) {
  const fetcher = useFetcher();
  const { formatDate: formatDay } = useDates();
  // Shown as it will be once the pending change lands.
  const intent = fetcher.formData?.get("intent");
  const post = {
    ...stored,
    hidden: intent === "hide" ? true : intent === "show" ? false : stored.hidden,
    pinned: intent === "pin" ? true : intent === "unpin" ? false : stored.pinned,
  };
  const type = postTypeLabel(post);
  const label = `${type} from ${formatDay(post.postedAt)}${post.caption ? `: ${post.caption.slice(0, 60)}` : ""}`;
  const act = (next: string) => fetcher.submit({ intent: next, itemId: post.id }, { method: "post" });

  return (
    <div role="group" aria-label={label} data-instagram-id={post.instagramId}>
      <Box borderWidth="025" borderColor="border" borderRadius="200" overflowX="hidden" overflowY="hidden">
        <div style={{ position: "relative", aspectRatio: "1 / 1", background: "var(--p-color-bg-surface-secondary)", opacity: post.hidden || !post.shown ? 0.45 : 1 }}>
          {post.previewUrl ? (
            <img
              src={post.previewUrl}
              alt={post.caption ? post.caption.slice(0, 120) : `${type} posted ${formatDay(post.postedAt)}`}
              loading="lazy"
              referrerPolicy="no-referrer"
              style={{ width: "100%", height: "100%", objectFit: "cover", display: "block" }}
            />
          ) : null}
        </div>
        <div style={{ padding: "8px 8px 0", display: "flex", gap: 4, flexWrap: "wrap", minHeight: 28 }}>
          {type !== "Photo" && <Badge>{post.childCount && type === "Carousel" ? `Carousel (${post.childCount})` : type}</Badge>}
          {post.pinned && <Badge tone="info">Pinned</Badge>}
          {post.hidden && <Badge tone="attention">Hidden</Badge>}
          {!post.hidden && !post.shown && <Badge>Not shown</Badge>}
        </div>
        <Box padding="200">
          <BlockStack gap="150">
            <InlineStack align="space-between" gap="100" wrap={false}>
              <Text as="p" tone="subdued" variant="bodySm">
                {formatDay(post.postedAt)}
              </Text>
              {post.permalink && (
                <Link url={post.permalink} target="_blank" monochrome removeUnderline accessibilityLabel="Open on Instagram">
                  <Text as="span" variant="bodySm" tone="subdued">
                    ↗
                  </Text>
                </Link>
              )}
            </InlineStack>
            <div style={{ display: "-webkit-box", WebkitLineClamp: 2, WebkitBoxOrient: "vertical", overflow: "hidden", minHeight: "2.5em", overflowWrap: "anywhere" }}>
              <Text as="p" variant="bodySm">
                {post.caption ?? "No caption"}
              </Text>
            </div>
            <InlineStack gap="150" wrap={false}>
              <Button size="slim" onClick={() => act(post.hidden ? "show" : "hide")}>
                {post.hidden ? "Show" : "Hide"}
              </Button>
              <Button size="slim" onClick={() => act(post.pinned ? "unpin" : "pin")}>
                {post.pinned ? "Unpin" : "Pin"}
              </Button>
            </InlineStack>
          </BlockStack>
        </Box>
      </Box>
    </div>
  );
}
