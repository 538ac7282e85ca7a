// A post's products on its Media Sources card: the tagged ones (each with a remove button), Tag products
// (App Bridge's resource picker, several at once) and suggestions from the caption, each accepted with one
// click. Nothing is tagged without the merchant's click. Replies come back as a toast, or as a banner on the
// card when something went wrong or the storefront won't show a product yet.
import { useEffect, useRef, useState } from "react";
import { Banner, BlockStack, Button, InlineStack, Tag, Text } from "@shopify/polaris";
import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import type { SuggestionsReply, TagReply } from "../../routes/app.media.tags";
import { MAX_PRODUCTS_PER_POST } from "../../products/product-messages";
import type { PostTagView } from "../../products/tag-input";

export const TAGS_ACTION = "/app/media/tags";

/** The form a tag request sends: repeated itemId and productId fields. */
export function tagForm(itemIds: string[], productIds: string[]): URLSearchParams {
  const form = new URLSearchParams({ intent: "tag" });
  itemIds.forEach((id) => form.append("itemId", id));
  productIds.forEach((id) => form.append("productId", id));
  return form;
}

/** Shows a tag reply: success as a toast (once), a problem or a notice as a banner until dismissed. */
export function useTagReply(reply: TagReply | undefined, onDone?: () => void) {
  const shopify = useAppBridge();
  const [dismissed, setDismissed] = useState<TagReply | undefined>(undefined);
  const handled = useRef<TagReply | undefined>(undefined);
  useEffect(() => {
    if (!reply?.ok || reply === handled.current) return;
    handled.current = reply;
    shopify.toast.show(reply.message);
    onDone?.();
  }, [reply, shopify, onDone]);
  const message = !reply || reply === dismissed ? undefined : reply.ok ? reply.notice : reply.message;
  return {
    banner: message && (
      <Banner tone={reply?.ok ? "warning" : "critical"} onDismiss={() => setDismissed(reply)}>
        <p>{message}</p>
      </Banner>
    ),
  };
}

export function PostProducts(props: {
  postId: string;
  postLabel: string;
  tags: PostTagView[];
  ensureAccess: () => Promise<boolean>;
}) {
  const { postId, tags } = props;
  const shopify = useAppBridge();
  const changes = useFetcher<TagReply>({ key: `products:${postId}` });
  const suggestions = useFetcher<SuggestionsReply>();
  const { banner } = useTagReply(changes.data);

  // Shown as they will be once a pending removal lands.
  const removing = changes.formData?.get("intent") === "untag" ? changes.formData.get("productId") : null;
  const shown = tags.filter((tag) => tag.productId !== removing);
  const room = MAX_PRODUCTS_PER_POST - shown.length;
  const tagged = new Set(shown.map((tag) => tag.productId));

  const submitTag = (productIds: string[]) =>
    changes.submit(tagForm([postId], productIds), { method: "post", action: TAGS_ACTION });
  const untag = (productId: string) =>
    changes.submit({ intent: "untag", itemId: postId, productId }, { method: "post", action: TAGS_ACTION });

  const pick = async () => {
    if (!(await props.ensureAccess())) return;
    const picked = await shopify.resourcePicker({
      type: "product",
      action: "select",
      multiple: room,
      filter: { variants: false },
    });
    const productIds = (picked ?? []).map((product) => product.id).filter((id) => !tagged.has(id));
    if (productIds.length) submitTag(productIds);
  };
  const suggest = async () => {
    if (await props.ensureAccess()) suggestions.load(`${TAGS_ACTION}?itemId=${encodeURIComponent(postId)}`);
  };

  const offered = suggestions.data?.ok
    ? suggestions.data.suggestions.filter((suggestion) => !tagged.has(suggestion.productId))
    : [];
  const suggestionsProblem = suggestions.data && !suggestions.data.ok ? suggestions.data.message : null;
  const busy = changes.state !== "idle";

  return (
    <BlockStack gap="150">
      {shown.length > 0 && (
        <InlineStack gap="100" wrap>
          {shown.map((tag) => (
            <Tag key={tag.productId} onRemove={busy ? undefined : () => untag(tag.productId)}>
              {tag.title}
            </Tag>
          ))}
        </InlineStack>
      )}
      {banner}
      <InlineStack gap="150" wrap>
        <Button
          size="slim"
          onClick={pick}
          loading={busy && changes.formData?.get("intent") === "tag"}
          disabled={room <= 0}
          accessibilityLabel={`Tag products on ${props.postLabel}`}
        >
          Tag products
        </Button>
        <Button
          size="slim"
          variant="plain"
          onClick={suggest}
          loading={suggestions.state === "loading"}
          accessibilityLabel={`Suggest products for ${props.postLabel}`}
        >
          Suggest
        </Button>
      </InlineStack>
      {suggestionsProblem && (
        <Banner tone="critical">
          <p>{suggestionsProblem}</p>
        </Banner>
      )}
      {suggestions.data?.ok && (
        <BlockStack gap="100">
          {offered.length === 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              No products match this caption's words or hashtags.
            </Text>
          ) : (
            offered.map((suggestion) => (
              <InlineStack key={suggestion.productId} align="space-between" blockAlign="center" gap="100" wrap={false}>
                <BlockStack gap="0">
                  <Text as="span" variant="bodySm" fontWeight="semibold">
                    {suggestion.title}
                  </Text>
                  <Text as="span" variant="bodySm" tone="subdued">
                    Matches {suggestion.matched.join(", ")}
                  </Text>
                </BlockStack>
                <Button
                  size="micro"
                  onClick={() => submitTag([suggestion.productId])}
                  disabled={busy || room <= 0}
                  accessibilityLabel={`Tag ${suggestion.title}`}
                >
                  Tag
                </Button>
              </InlineStack>
            ))
          )}
        </BlockStack>
      )}
    </BlockStack>
  );
}
