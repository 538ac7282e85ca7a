// The source's posts as a grid of thumbnails, in storefront order, each with its badges, its
// Hide/Show and Pin/Unpin buttons and its products (PostProducts). Captions are plain text (React escapes
// them). Posts can be selected to tag one product on all of them at once (the bulk path).
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
import { Badge, BlockStack, Box, Button, Checkbox, InlineGrid, InlineStack, Link, Text } from "@shopify/polaris";
import { useFetcher, useSubmit } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { PostChangeReply, PostView } from "../../sync/curation.server";
import { UNDO_OF, type PostChange } from "../../sync/sync-messages";
import type { PostTagView } from "../../products/tag-input";
import type { TagReply } from "../../routes/app.media.tags";
import { postTypeLabel } from "./format";
import { PostProducts, TAGS_ACTION, tagForm, useTagReply } from "./PostProducts";
import { useProductAccess } from "./useProductAccess";
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

export function PostGrid({ posts, productTags }: { posts: PostView[]; productTags: Record<string, PostTagView[]> }) {
  const shopify = useAppBridge();
  const submit = useSubmit();
  const { ensureAccess, modal } = useProductAccess();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const toggle = useCallback((postId: string, on: boolean) => {
    setSelected((before) => {
      const next = new Set(before);
      if (on) next.add(postId);
      else next.delete(postId);
      return next;
    });
  }, []);
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

  // Only posts still on this page stay selected (a sync or a page change may take some away).
  const selectedIds = posts.filter((post) => selected.has(post.id)).map((post) => post.id);
  return (
    <div ref={grid}>
      <BlockStack gap="300">
        {selectedIds.length > 0 && (
          <BulkTagBar postIds={selectedIds} ensureAccess={ensureAccess} onClear={() => setSelected(new Set())} />
        )}
        <InlineGrid columns={{ xs: 2, sm: 3, md: 3, lg: 4 }} gap="300">
          {posts.map((post, index) => (
            <PostCard
              key={post.id}
              post={post}
              tags={productTags[post.id] ?? []}
              ensureAccess={ensureAccess}
              selected={selected.has(post.id)}
              onSelect={(on) => toggle(post.id, on)}
              onReply={(reply) => onReply(post, index, reply)}
            />
          ))}
        </InlineGrid>
      </BlockStack>
      {modal}
    </div>
  );
}

/** The bulk path: one product, picked once, tagged on every selected post. */
function BulkTagBar(props: { postIds: string[]; ensureAccess: () => Promise<boolean>; onClear: () => void }) {
  const shopify = useAppBridge();
  const fetcher = useFetcher<TagReply>({ key: "products:bulk" });
  const { banner } = useTagReply(fetcher.data, props.onClear);
  const count = props.postIds.length;
  const pick = async () => {
    if (!(await props.ensureAccess())) return;
    const picked = await shopify.resourcePicker({ type: "product", action: "select", filter: { variants: false } });
    const product = picked?.[0];
    if (product) fetcher.submit(tagForm(props.postIds, [product.id]), { method: "post", action: TAGS_ACTION });
  };
  return (
    <Box padding="300" background="bg-surface-secondary" borderRadius="200">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="p" fontWeight="semibold">
            {count === 1 ? "1 post selected" : `${count} posts selected`}
          </Text>
          <InlineStack gap="200">
            <Button variant="primary" onClick={pick} loading={fetcher.state !== "idle"}>
              Tag a product on them
            </Button>
            <Button onClick={props.onClear}>Clear selection</Button>
          </InlineStack>
        </InlineStack>
        {banner}
      </BlockStack>
    </Box>
  );
}

function PostCard(props: {
  post: PostView;
  tags: PostTagView[];
  ensureAccess: () => Promise<boolean>;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onReply: (reply: Reply) => void;
}) {
  const { post: stored, onReply } = props;
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
            <PostProducts postId={post.id} postLabel={label} tags={props.tags} ensureAccess={props.ensureAccess} />
            <InlineStack gap="150" wrap={false} blockAlign="center">
              <Button id={buttonId(post.id, "hide")} size="slim" onClick={() => act(post.hidden ? "show" : "hide")}>
                {post.hidden ? "Show" : "Hide"}
              </Button>
              <Button id={buttonId(post.id, "pin")} size="slim" onClick={() => act(post.pinned ? "unpin" : "pin")}>
                {post.pinned ? "Unpin" : "Pin"}
              </Button>
              <Checkbox label={`Select ${label}`} labelHidden checked={props.selected} onChange={props.onSelect} />
            </InlineStack>
          </BlockStack>
        </Box>
      </Box>
    </div>
  );
}
