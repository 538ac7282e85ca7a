// Words for the Media Sources page (dates come from useDates(), in the shop's time zone).
import type { PostView } from "../../sync/curation.server";
import type { RunView } from "../../sync/run-records.server";
import { SCHEDULE_OPTIONS } from "../../sync/media-types";

// What started a sync, in the merchant's words: the app's own runs are "Automatic", whatever their reason.
export const TRIGGER_LABEL: Record<string, string> = {
  manual: "Sync now",
  schedule: "Automatic",
  refresh: "Automatic",
};
export const MODE_LABEL: Record<string, string> = { full: "Full", incremental: "New posts only" };

export function scheduleLabel(minutes: number): string {
  return SCHEDULE_OPTIONS.find((option) => option.minutes === minutes)?.label ?? `Every ${minutes} minutes`;
}

const plural = (count: number, word: string) => `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
export const postsPhrase = (count: number) => plural(count, "post");

/** "Main", "Main and Summer", "Main, Summer and Sale". */
export function namesPhrase(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** "12 of 36 posts are shown", "1 of 36 posts is shown". */
export function shownPhrase(shown: number, total: number): string {
  return `${shown.toLocaleString("en-US")} of ${plural(total, "post")} ${shown === 1 ? "is" : "are"} shown`;
}

/** "12 new, 3 updated, 1 removed", or "no changes". */
export function changesPhrase(run: Pick<RunView, "added" | "updated" | "removed">): string {
  const parts = [
    run.added ? `${run.added.toLocaleString("en-US")} new` : "",
    run.updated ? `${run.updated.toLocaleString("en-US")} updated` : "",
    run.removed ? `${run.removed.toLocaleString("en-US")} removed` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "no changes";
}

export function progressPhrase(run: RunView): string {
  if (run.status === "queued") return "Sync queued — it starts in a moment…";
  return `Syncing… ${postsPhrase(run.fetched)} fetched so far`;
}

/** The toast when a run ends. */
export function finishedMessage(run: RunView, username: string): { message: string; isError: boolean } {
  if (run.status === "succeeded") return { message: `@${username} synced: ${changesPhrase(run)}`, isError: false };
  return { message: `Sync of @${username} failed. ${run.errorMessage ?? ""}`.trim(), isError: true };
}

export function postTypeLabel(post: Pick<PostView, "mediaType" | "productType">): string {
  if (post.productType === "REELS") return "Reel";
  if (post.mediaType === "VIDEO") return "Video";
  if (post.mediaType === "CAROUSEL_ALBUM") return "Carousel";
  return "Photo";
}
