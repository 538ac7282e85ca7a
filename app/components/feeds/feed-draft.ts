// The feed editor's form as the merchant fills it in, and the two ways it leaves the page: posted to the
// editor's action on Save, and as the preview's query while the merchant edits. Both are read on the
// server by feedFormData (app/feed/feed-form.ts), so the preview judges exactly what Save would store.
import type { FeedForm } from "../../feed/feed-form";
import { MEDIA_TYPE_CHOICES, type Filters } from "../../sync/filters";

/** A new feed's filters: every kind of post, no words, 12 posts (the Feed table's defaults). */
export const NEW_FEED_FILTERS: Filters = {
  includeWords: [],
  excludeWords: [],
  mediaTypes: [...MEDIA_TYPE_CHOICES],
  maxPosts: 12,
};

export function feedFormOf(settings: { name: string; sourceIds: string[]; filters: Filters }): FeedForm {
  return {
    name: settings.name,
    sourceIds: [...settings.sourceIds],
    includeWords: settings.filters.includeWords.join("\n"),
    excludeWords: settings.filters.excludeWords.join("\n"),
    mediaTypes: [...settings.filters.mediaTypes],
    maxPosts: String(settings.filters.maxPosts),
  };
}

/** The fields that decide which posts show (the name doesn't), in the names the server reads. */
function appendPostFields(target: FormData | URLSearchParams, form: FeedForm) {
  for (const id of form.sourceIds) target.append("sourceIds", id);
  target.append("includeWords", form.includeWords);
  target.append("excludeWords", form.excludeWords);
  for (const type of form.mediaTypes) target.append("mediaTypes", type);
  target.append("maxPosts", form.maxPosts);
}

/** What Save posts: the form, the version it was opened on (an existing feed's), and intent=save. */
export function saveFormData(form: FeedForm, version: string | null): FormData {
  const data = new FormData();
  data.set("intent", "save");
  if (version) data.set("version", version);
  data.set("name", form.name);
  appendPostFields(data, form);
  return data;
}

/** The preview's query: the accounts and filters only; a change of name never reloads the preview. */
export function previewSearch(form: FeedForm): string {
  const params = new URLSearchParams();
  appendPostFields(params, form);
  return params.toString();
}

export function sameForm(a: FeedForm, b: FeedForm): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
