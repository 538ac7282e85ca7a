// Which of the chosen accounts' posts the feed shows: words or hashtags a caption must have or must not
// have, kinds of post, and how many posts (the one post count: every block showing the feed shows them all).
// The fields only; the form's state and its checks are useFeedForm's.
import { BlockStack, Card, ChoiceList, FormLayout, Text, TextField } from "@shopify/polaris";
import type { FeedFieldErrors, FeedForm } from "../../feed/feed-form";
import { MAX_POSTS_LIMIT, MEDIA_TYPE_CHOICES, MEDIA_TYPE_LABELS } from "../../sync/filters";
import { feedFieldId, type FeedField } from "./useFeedForm";

export function FeedFilterFields(props: {
  form: FeedForm;
  errors: FeedFieldErrors;
  edit: <F extends FeedField>(field: F, value: FeedForm[F], pause?: number) => void;
  check: (field: FeedField) => void;
}) {
  const { form, errors, edit, check } = props;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Which posts show
        </Text>
        <Text as="p" tone="subdued">
          Pinned posts always come first; hidden posts never show (pin and hide posts on the Media Sources page). The
          other posts show newest first if they pass these filters.
        </Text>
        <FormLayout>
          <TextField
            label="Show only posts with"
            helpText="Words or #hashtags, separated by commas or new lines. Leave empty to show posts whatever their caption."
            multiline={3}
            autoComplete="off"
            id={feedFieldId("includeWords")}
            value={form.includeWords}
            onChange={(value) => edit("includeWords", value)}
            onBlur={() => check("includeWords")}
            error={errors.includeWords}
          />
          <TextField
            label="Leave out posts with"
            helpText="Words or #hashtags, separated by commas or new lines, e.g. #ad"
            multiline={3}
            autoComplete="off"
            id={feedFieldId("excludeWords")}
            value={form.excludeWords}
            onChange={(value) => edit("excludeWords", value)}
            onBlur={() => check("excludeWords")}
            error={errors.excludeWords}
          />
          <ChoiceList
            title="Kinds of post"
            allowMultiple
            name={feedFieldId("mediaTypes")}
            choices={MEDIA_TYPE_CHOICES.map((type) => ({ label: MEDIA_TYPE_LABELS[type], value: type }))}
            selected={form.mediaTypes}
            onChange={(value) => edit("mediaTypes", value, 0)}
            error={errors.mediaTypes}
          />
          <TextField
            label="Number of posts"
            helpText={`Every block showing this feed shows this many posts, or fewer if fewer pass the filters (1 to ${MAX_POSTS_LIMIT}).`}
            type="number"
            min={1}
            max={MAX_POSTS_LIMIT}
            autoComplete="off"
            id={feedFieldId("maxPosts")}
            value={form.maxPosts}
            onChange={(value) => edit("maxPosts", value)}
            onBlur={() => check("maxPosts")}
            error={errors.maxPosts}
          />
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
