// The source's filters: words or hashtags a caption must have or must not have, kinds of post, and a maximum.
// Each field is checked as the merchant types, with the very rules the server checks on save
// (filtersFormErrors): a field's message appears once the merchant pauses or leaves the field (not at
// every keystroke of a word still being typed), and goes as soon as the field is right again.
import { useEffect, useRef, useState } from "react";
import { BlockStack, Button, Card, ChoiceList, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { filtersFormErrors, type FilterFieldErrors, type Filters, type FiltersForm } from "../../sync/filters";
import { MEDIA_TYPE_CHOICES, MEDIA_TYPE_LABELS } from "../../sync/media-types";

type Field = keyof FiltersForm;
const FIELDS: Field[] = ["includeWords", "excludeWords", "mediaTypes", "maxPosts"];
/** How long typing must pause before a field's message shows. */
const PAUSE_MS = 600;
const fieldId = (field: Field) => `filters-${field}`;

export function FiltersCard(props: {
  sourceId: string;
  filters: Filters;
  errors?: FilterFieldErrors;
  saving: boolean;
  onSave: (form: FormData) => void;
}) {
  const initial = (): FiltersForm => ({
    includeWords: props.filters.includeWords.join("\n"),
    excludeWords: props.filters.excludeWords.join("\n"),
    mediaTypes: [...props.filters.mediaTypes],
    maxPosts: String(props.filters.maxPosts),
  });
  const [form, setForm] = useState(initial);
  /** Fields whose message may show: paused on, left, or the merchant pressed Save. */
  const [checked, setChecked] = useState<ReadonlySet<Field>>(new Set());
  /** The form as last sent: the server's messages belong to it, and go once the merchant edits a field. */
  const [sent, setSent] = useState<FiltersForm | null>(null);
  const timers = useRef(new Map<Field, ReturnType<typeof setTimeout>>());
  // Once the saved filters change (saved, or another source chosen) the form starts again from them. Done
  // while rendering, not in an effect, so the stale form never shows; not by remounting the card (a key),
  // which would take focus away from Save.
  const savedKey = JSON.stringify(props.filters) + props.sourceId;
  const [formKey, setFormKey] = useState(savedKey);
  if (formKey !== savedKey) {
    setFormKey(savedKey);
    setForm(initial());
    setChecked(new Set());
    setSent(null);
  }
  useEffect(() => () => timers.current.forEach(clearTimeout), []);

  const check = (field: Field) => setChecked((fields) => (fields.has(field) ? fields : new Set([...fields, field])));
  const edit = <F extends Field>(field: F, value: FiltersForm[F], pause = PAUSE_MS) => {
    setForm((current) => ({ ...current, [field]: value }));
    clearTimeout(timers.current.get(field));
    if (pause === 0) check(field);
    else
      timers.current.set(
        field,
        setTimeout(() => check(field), pause),
      );
  };

  const problems = filtersFormErrors(form);
  const errors: FilterFieldErrors = {};
  for (const field of FIELDS) {
    const serverSays =
      sent && JSON.stringify(sent[field]) === JSON.stringify(form[field]) ? props.errors?.[field] : undefined;
    // A word in both lists is reported under "Leave out", whichever list the merchant was typing in.
    const due = checked.has(field) || (field === "excludeWords" && checked.has("includeWords"));
    const message = (due ? problems[field] : undefined) ?? serverSays;
    if (message) errors[field] = message;
  }

  const save = () => {
    const invalid = FIELDS.filter((field) => problems[field]);
    if (invalid.length > 0) {
      // Nothing to send: the server would refuse it for the same reasons. Show them all, starting where to fix.
      setChecked(new Set(FIELDS));
      document.querySelector<HTMLElement>(`#${fieldId(invalid[0]!)}, [name^="${fieldId(invalid[0]!)}"]`)?.focus();
      return;
    }
    const data = new FormData();
    data.set("intent", "filters");
    data.set("sourceId", props.sourceId);
    data.set("includeWords", form.includeWords);
    data.set("excludeWords", form.excludeWords);
    for (const type of form.mediaTypes) data.append("mediaTypes", type);
    data.set("maxPosts", form.maxPosts);
    setSent(form);
    props.onSave(data);
  };

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          What the storefront shows
        </Text>
        <Text as="p" tone="subdued">
          Pinned posts always come first; hidden posts never show. The other posts show newest first if they pass these
          filters.
        </Text>
        <FormLayout>
          <TextField
            label="Show only posts with"
            helpText="Words or #hashtags, separated by commas or new lines. Leave empty to show posts whatever their caption."
            multiline={3}
            autoComplete="off"
            id={fieldId("includeWords")}
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
            id={fieldId("excludeWords")}
            value={form.excludeWords}
            onChange={(value) => edit("excludeWords", value)}
            onBlur={() => check("excludeWords")}
            error={errors.excludeWords}
          />
          <ChoiceList
            title="Kinds of post"
            allowMultiple
            name={fieldId("mediaTypes")}
            choices={MEDIA_TYPE_CHOICES.map((type) => ({ label: MEDIA_TYPE_LABELS[type], value: type }))}
            selected={form.mediaTypes}
            onChange={(value) => edit("mediaTypes", value, 0)}
            error={errors.mediaTypes}
          />
          <TextField
            label="Maximum posts"
            type="number"
            min={1}
            max={200}
            autoComplete="off"
            id={fieldId("maxPosts")}
            value={form.maxPosts}
            onChange={(value) => edit("maxPosts", value)}
            onBlur={() => check("maxPosts")}
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
