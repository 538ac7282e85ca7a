// The editor's live preview: the posts the storefront block shows for these settings, in the block's own
// markup and with its own CSS (its inline layout, and extensions/social-feed/assets/social-feed.css linked
// by the editor routes), at the block's default look: a grid of square tiles, 4 columns (2 on phones), 8px apart,
// captions on hover. The layout is the theme editor's business; the posts and their number are the feed's.
import type { CSSProperties } from "react";
import { BlockStack, Box, Card, InlineStack, Spinner, Text } from "@shopify/polaris";
import type { PreviewPost } from "../../feed/feeds.server";
import { BLOCK_LAYOUT_CSS } from "./block-styles";

// The block's settings' defaults (instagram-feed.liquid's schema).
const BLOCK_DEFAULTS = { cols: 4, colsMobile: 2, gap: 8, radius: 0 };
const NEW_WINDOW_ID = "sf-preview-nw";

export type PreviewState =
  | { kind: "posts"; posts: PreviewPost[]; updating: boolean }
  | { kind: "no_accounts" }
  | { kind: "needs_fixing" }
  | { kind: "unavailable" };

const postsPhrase = (count: number) => `${count} ${count === 1 ? "post" : "posts"}`;

/** The same icons as the block's sf-icon snippet. */
function BadgeIcon({ kind }: { kind: "carousel" | "play" }) {
  return kind === "carousel" ? (
    <svg className="sf-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M8 3.5h10.5a2 2 0 0 1 2 2V16" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      <rect x="3.5" y="7.5" width="13" height="13" rx="2" fill="currentColor" />
    </svg>
  ) : (
    <svg className="sf-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M8 5.5v13a1 1 0 0 0 1.5.9l10.4-6.5a1 1 0 0 0 0-1.8L9.5 4.6A1 1 0 0 0 8 5.5z" fill="currentColor" />
    </svg>
  );
}

function kindOf(post: PreviewPost): { icon: "carousel" | "play"; label: string } | null {
  if (post.mediaType === "CAROUSEL_ALBUM") return { icon: "carousel", label: "Carousel" };
  if (post.mediaType === "VIDEO") return { icon: "play", label: post.reel ? "Reel" : "Video" };
  return null;
}

/** The block's markup for these posts (instagram-feed.liquid: .sf > .sf-body > ul.sf-list > li.sf-item > a.sf-tile). */
export function BlockMarkup({ posts }: { posts: PreviewPost[] }) {
  const style = {
    "--sf-cols": BLOCK_DEFAULTS.cols,
    "--sf-cols-m": BLOCK_DEFAULTS.colsMobile,
    "--sf-gap": `${BLOCK_DEFAULTS.gap}px`,
    "--sf-radius": `${BLOCK_DEFAULTS.radius}px`,
  } as CSSProperties;
  return (
    <>
      {/* The block's inline layout CSS, as a storefront page carries it. Our own file, never merchant text. */}
      <style dangerouslySetInnerHTML={{ __html: BLOCK_LAYOUT_CSS }} />
      <div className="sf sf--grid sf--square sf--captions" style={style}>
        <span id={NEW_WINDOW_ID} hidden>
          Opens in a new window.
        </span>
        <div className="sf-body">
          {/* role="list" as in the block: list-style: none makes Safari drop the list semantics otherwise. */}
          {/* eslint-disable-next-line jsx-a11y/no-redundant-roles */}
          <ul className="sf-list" role="list" aria-label="Preview of the feed's posts">
            {posts.map((post) => {
              const kind = kindOf(post);
              const caption = post.caption.trim();
              return (
                <li className="sf-item" key={post.id}>
                  <a
                    className="sf-tile"
                    href={post.permalink}
                    target="_blank"
                    rel="noopener noreferrer"
                    aria-describedby={NEW_WINDOW_ID}
                  >
                    <img
                      className="sf-img"
                      src={post.imageUrl}
                      alt={post.alt.trim() || "Instagram post"}
                      loading="lazy"
                      decoding="async"
                    />
                    {kind && (
                      <span className="sf-badge">
                        <BadgeIcon kind={kind.icon} />
                        <span className="sf-vh">{kind.label}</span>
                      </span>
                    )}
                    {caption && (
                      <span className="sf-caption" aria-hidden="true">
                        {caption}
                      </span>
                    )}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </>
  );
}

/** The caption says the one number the storefront shows: the posts in the preview. */
export function previewCaption(count: number, dirty: boolean): string {
  const shows = dirty ? "will show them once you save" : "shows them";
  return `Preview: ${postsPhrase(count)}, as the storefront block ${shows} (layout and columns are set in the theme editor)`;
}

function Message({ children }: { children: string }) {
  return (
    <Box paddingBlock="600">
      <Text as="p" tone="subdued" alignment="center">
        {children}
      </Text>
    </Box>
  );
}

export function StorefrontPreview({ state, dirty }: { state: PreviewState; dirty: boolean }) {
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            Preview
          </Text>
          {state.kind === "posts" && state.updating && (
            <InlineStack gap="100" blockAlign="center">
              <Spinner size="small" accessibilityLabel="Updating the preview" />
              <Text as="span" tone="subdued">
                Updating…
              </Text>
            </InlineStack>
          )}
        </InlineStack>
        {state.kind === "no_accounts" && <Message>Choose an account to see the posts this feed shows.</Message>}
        {state.kind === "needs_fixing" && (
          <Message>Fix the highlighted settings to see the posts this feed shows.</Message>
        )}
        {state.kind === "unavailable" && (
          <Message>The preview couldn't be loaded. Change a setting or reload the page to try again.</Message>
        )}
        {state.kind === "posts" &&
          (state.posts.length === 0 ? (
            <Message>
              {dirty
                ? "No posts match these settings, so blocks showing this feed would show nothing on your storefront."
                : "No posts match these settings, so blocks showing this feed show nothing on your storefront."}
            </Message>
          ) : (
            <>
              <Text as="p" tone="subdued">
                {previewCaption(state.posts.length, dirty)}
              </Text>
              <BlockMarkup posts={state.posts} />
            </>
          ))}
      </BlockStack>
    </Card>
  );
}
