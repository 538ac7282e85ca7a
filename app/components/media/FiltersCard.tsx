// The source's filters: words or hashtags a caption must have or must not have, kinds of post, and a maximum.
import { useEffect, useState } from "react";
import { BlockStack, Button, Card, ChoiceList, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import type { Filters, FilterFieldErrors } from "../../sync/filters";
import { MEDIA_TYPE_CHOICES, MEDIA_TYPE_LABELS } from "../../sync/media-types";

export function FiltersCard(props: { sourceId: string; filters: Filters; errors?: FilterFieldErrors; saving: boolean; onSave: (form: FormData) => void }) {
  const initial = () => ({
    includeWords: props.filters.includeWords.join("\n"),
    excludeWords: props.filters.excludeWords.join("\n"),
    mediaTypes: [...props.filters.mediaTypes] as string[],
    maxPosts: String(props.filters.maxPosts),
  });
  const [form, setForm] = useState(initial);
  const savedKey = JSON.stringify(props.filters) + props.sourceId;
  useEffect(() => setForm(initial()), [savedKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = () => {
    const data = new FormData();
    data.set("intent", "filters");
    data.set("sourceId", props.sourceId);
    data.set("includeWords", form.includeWords);
    data.set("excludeWords", form.excludeWords);
    for (const type of form.mediaTypes) data.append("mediaTypes", type);
    data.set("maxPosts", form.maxPosts);
    props.onSave(data);
  };
  const errors = props.errors ?? {};

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          What the storefront shows
        </Text>
        <Text as="p" tone="subdued">
          Pinned posts always come first; hidden posts never show. The other posts show newest first if they pass these filters.
        </Text>
        <FormLayout>
          <TextField
            label="Show only posts with"
            helpText="Words or #hashtags, one per line. Leave empty to show posts whatever their caption."
            multiline={3}
            autoComplete="off"
            value={form.includeWords}
            onChange={(includeWords) => setForm({ ...form, includeWords })}
            error={errors.includeWords}
          />
          <TextField
            label="Leave out posts with"
            helpText="Words or #hashtags, one per line, e.g. #ad"
            multiline={3}
            autoComplete="off"
            value={form.excludeWords}
            onChange={(excludeWords) => setForm({ ...form, excludeWords })}
            error={errors.excludeWords}
          />
          <ChoiceList
            title="Kinds of post"
            allowMultiple
            choices={MEDIA_TYPE_CHOICES.map((type) => ({ label: MEDIA_TYPE_LABELS[type], value: type }))}
            selected={form.mediaTypes}
            onChange={(mediaTypes) => setForm({ ...form, mediaTypes })}
            error={errors.mediaTypes}
          />
          <TextField
            label="Maximum posts"
            type="number"
            min={1}
            max={200}
            autoComplete="off"
            value={form.maxPosts}
            onChange={(maxPosts) => setForm({ ...form, maxPosts })}
            error={errors.maxPosts}
          />
        </FormLayout>
        <InlineStack align="end">
          <Button variant="primary" onClick={save} loading={props.saving}>
            Save filters
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
