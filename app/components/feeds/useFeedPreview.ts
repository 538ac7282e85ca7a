// Keeps the editor's preview in step with the form: once the merchant pauses, the accounts and filters
// being edited go to the preview route (/app/feeds/preview), which answers with exactly the posts a feed
// with these settings publishes. The page's first preview comes with its loader, so nothing is fetched
// until something changes.
import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { FeedForm } from "../../feed/feed-form";
import type { PreviewPost } from "../../feed/feeds.server";
import type { FilterFieldErrors } from "../../sync/filters";
import { previewSearch } from "./feed-draft";
import type { PreviewState } from "./StorefrontPreview";

export const PREVIEW_PATH = "/app/feeds/preview";
const PAUSE_MS = 400;

export type PreviewReply = { ok: true; posts: PreviewPost[] } | { ok: false; fieldErrors: FilterFieldErrors };

export function useFeedPreview(
  form: FeedForm,
  problems: Partial<Record<keyof FeedForm, string>>,
  initial: { query: string; posts: PreviewPost[] },
): PreviewState {
  const fetcher = useFetcher<PreviewReply>();
  const { load } = fetcher;
  const settled = !problems.includeWords && !problems.excludeWords && !problems.mediaTypes && !problems.maxPosts;
  const query = form.sourceIds.length > 0 && settled ? previewSearch(form) : null;
  /** The query of the latest load (null: none yet, the loader's preview stands). */
  const [requested, setRequested] = useState<string | null>(null);
  const shownQuery = requested ?? initial.query;

  useEffect(() => {
    if (query === null || query === shownQuery) return;
    const timer = setTimeout(() => {
      setRequested(query);
      load(`${PREVIEW_PATH}?${query}`);
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [query, shownQuery, load]);

  if (form.sourceIds.length === 0) return { kind: "no_accounts" };
  if (!settled) return { kind: "needs_fixing" };
  if (requested === null) return { kind: "posts", posts: initial.posts, updating: query !== initial.query };
  const reply = fetcher.data;
  // The latest answer is for the latest load: a fetcher drops the answers to loads it has replaced.
  const updating = fetcher.state !== "idle" || query !== requested;
  if (!reply) return updating ? { kind: "posts", posts: initial.posts, updating } : { kind: "unavailable" };
  if (!reply.ok) return { kind: "needs_fixing" };
  return { kind: "posts", posts: reply.posts, updating };
}
