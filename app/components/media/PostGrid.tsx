// The source's posts as a grid of thumbnails, in storefront order, each with its badges and its
// Hide/Show and Pin/Unpin buttons. Captions are plain text (React escapes them).
//
// Every change is confirmed by a toast with Undo, which makes exactly the opposite change. Pinning moves
// the post to the top (pinned posts come first) and unpinning moves it back to its date's place, so:
// - the toast says where it went ("moved to the top of the feed"), which the admin also announces to
//   screen readers;
// - focus follows the post to its new place (its Pin/Unpin button, scrolled into view if need be).
//   The merchant acted on that post, so that is where they expect to be: a keyboard or screen-reader
//   user is never left on a control that silently moved elsewhere, and pressing the same button again
//   undoes the pin (focus is never lost nor left out of sight: WCAG 2.4.3 and 2.4.7). When the post
//   leaves the page (pinned from page 2), focus goes to the post that took its place, where they were.
//   Focus is only moved if it was still on the grid (or lost), never taken from a field elsewhere.
import { useCallback, useEffect, useRef, useState } from "react";
import { Badge, BlockStack, Box, Button, InlineGrid, InlineStack, Link, Text } from "@shopify/polaris";
import { useFetcher, useSubmit } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { PostChangeReply, PostView } from "../../sync/curation.server";
import { UNDO_OF, type PostChange } from "../../sync/sync-messages";
import { postTypeLabel } from "./format";
import { useDates } from "../dates";

type Reply = PostChangeReply | { ok: false; intent: string; message: string };

/** One fetcher per post, by key, so the card shows a pending Undo too and the Undo outlives the card. */
const fetcherKey = (postId: string) => `post:${postId}`;
const buttonId = (postId: string, button: "hide" | "pin") => `post-${postId}-${button}`;

/** Where focus goes once the grid shows a change: the post's button, or the post now in its old place. */
interface FocusAfter {
  postId: string;
  button: "hide" | "pin";
  index: number;
  /** The post's pinned state once the grid shows the change. */
  pinned?: boolean;
}

export function PostGrid({ posts }: { posts: PostView[] }) {
  const shopify = useAppBridge();
  const submit = useSubmit();
  const grid = useRef<HTMLDivElement>(null);
  const [focusAfter, setFocusAfter] = useState<FocusAfter | null>(null);
  /** The focusAfter already acted on: later reloads of the grid leave focus where it is. */
  const focused = useRef<FocusAfter | null>(null);

  const undo = useCallback(
    (reply: PostChangeReply, postId: string) => {
      const form: Record<string, string> = { intent: UNDO_OF[reply.intent], itemId: postId, undo: "1" };
      // Undo of an unpin pins the post back at its earlier place among the pinned posts.
      if (reply.intent === "unpin" && reply.pinnedBefore) form.pinnedAt = reply.pinnedBefore;
      submit(form, { method: "post", navigate: false, fetcherKey: fetcherKey(postId) });
    },
    [submit],
  );

  const onReply = useCallback(
    (post: PostView, index: number, reply: Reply) => {
      if (!reply.ok) {
        shopify.toast.show(reply.message, { isError: true });
        return;
      }
      const moved = reply.intent === "pin" || reply.intent === "unpin";
      if (moved || reply.undone) {
        setFocusAfter({
          postId: post.id,
          button: moved ? "pin" : "hide",
          index,
          ...(moved ? { pinned: reply.intent === "pin" } : {}),
        });
      }
      if (reply.undone) {
        shopify.toast.show(reply.message);
        return;
      }
      let undoing = false;
      // No duration: App Bridge keeps a toast with an action up for 10 seconds, time enough to reach Undo.
      const toastId = shopify.toast.show(reply.message, {
        action: "Undo",
        onAction: () => {
          shopify.toast.hide(toastId);
          if (undoing) return;
          undoing = true;
          undo(reply, post.id);
        },
      });
    },
    [shopify, undo],
  );

  useEffect(() => {
    if (!focusAfter || focused.current === focusAfter) return;
    const index = posts.findIndex((post) => post.id === focusAfter.postId);
    const post = posts[index];
    if (post && focusAfter.pinned !== undefined && post.pinned !== focusAfter.pinned) return; // not reloaded yet
    focused.current = focusAfter;
    const active = document.activeElement;
    if (active && active !== document.body && !grid.current?.contains(active)) return;
    const target = post ?? posts[Math.min(focusAfter.index, posts.length - 1)];
    const button = target && document.getElementById(buttonId(target.id, focusAfter.button));
    if (!button) return;
    // The button may have kept focus as its card moved (focus() then scrolls nothing): bring the card into view.
    button.focus({ preventScroll: true });
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    (button.closest('[role="group"]') ?? button).scrollIntoView({
      block: "nearest",
      behavior: still ? "auto" : "smooth",
    });
  }, [posts, focusAfter]);

  return (
    <div ref={grid}>
      <InlineGrid columns={{ xs: 2, sm: 3, md: 3, lg: 4 }} gap="300">
        {posts.map((post, index) => (
          <PostCard key={post.id} post={post} onReply={(reply) => onReply(post, index, reply)} />
        ))}
      </InlineGrid>
    </div>
  );
}

function PostCard({ post: stored, onReply }: { post: PostView; onReply: (reply: Reply) => void }) {
  const fetcher = useFetcher<Reply>({ key: fetcherKey(stored.id) });
  const { formatDate: formatDay } = useDates();

  // Each reply once: the toast and the focus follow it as soon as it lands (before the grid reloads, while
  // this card is surely still on the page).
  // (onReply is new at each render: the effect runs again then, and `handled` keeps it to once per reply.)
  const handled = useRef<Reply | undefined>(undefined);
  useEffect(() => {
    if (fetcher.data && fetcher.data !== handled.current) {
      handled.current = fetcher.data;
      onReply(fetcher.data);
    }
  }, [fetcher.data, onReply]);

  // Shown as it will be once the pending change lands.
  const intent = fetcher.formData?.get("intent");
  const post = {
    ...stored,
    hidden: intent === "hide" ? true : intent === "show" ? false : stored.hidden,
    pinned: intent === "pin" ? true : intent === "unpin" ? false : stored.pinned,
  };
  const type = postTypeLabel(post);
  const label = `${type} from ${formatDay(post.postedAt)}${post.caption ? `: ${post.caption.slice(0, 60)}` : ""}`;
  const act = (next: PostChange) => fetcher.submit({ intent: next, itemId: post.id }, { method: "post" });

  return (
    <div role="group" aria-label={label} data-instagram-id={post.instagramId}>
      <Box borderWidth="025" borderColor="border" borderRadius="200" overflowX="hidden" overflowY="hidden">
        <div
          style={{
            position: "relative",
            aspectRatio: "1 / 1",
            background: "var(--p-color-bg-surface-secondary)",
            opacity: post.hidden || !post.shown ? 0.45 : 1,
          }}
        >
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
          {type !== "Photo" && (
            <Badge>{post.childCount && type === "Carousel" ? `Carousel (${post.childCount})` : type}</Badge>
          )}
          {post.pinned && <Badge tone="info">Pinned</Badge>}
          {post.hidden && <Badge tone="attention">Hidden</Badge>}
          {/* `shown`: at least one of the shop's feeds shows it (a hidden post has its own badge). */}
          {!post.hidden && !post.shown && <Badge>Not in a feed</Badge>}
        </div>
        <Box padding="200">
          <BlockStack gap="150">
            <InlineStack align="space-between" gap="100" wrap={false}>
              <Text as="p" tone="subdued" variant="bodySm">
                {formatDay(post.postedAt)}
              </Text>
              {post.permalink && (
                <Link
                  url={post.permalink}
                  target="_blank"
                  monochrome
                  removeUnderline
                  accessibilityLabel="Open on Instagram"
                >
                  <Text as="span" variant="bodySm" tone="subdued">
                    ↗
                  </Text>
                </Link>
              )}
            </InlineStack>
            <div
              style={{
                display: "-webkit-box",
                WebkitLineClamp: 2,
                WebkitBoxOrient: "vertical",
                overflow: "hidden",
                minHeight: "2.5em",
                overflowWrap: "anywhere",
              }}
            >
              <Text as="p" variant="bodySm">
                {post.caption ?? "No caption"}
              </Text>
            </div>
            <InlineStack gap="150" wrap={false}>
              <Button id={buttonId(post.id, "hide")} size="slim" onClick={() => act(post.hidden ? "show" : "hide")}>
                {post.hidden ? "Show" : "Hide"}
              </Button>
              <Button id={buttonId(post.id, "pin")} size="slim" onClick={() => act(post.pinned ? "unpin" : "pin")}>
                {post.pinned ? "Unpin" : "Pin"}
              </Button>
            </InlineStack>
          </BlockStack>
        </Box>
      </Box>
    </div>
  );
}
