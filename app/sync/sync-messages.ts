// What the merchant reads on the Media Sources page, in one place: the server's replies and the page's
// toasts use these same words (shared by the server and the browser, so nothing here imports a server module).

/** Why a sync (or a change to a source) can't go ahead. */
export type SyncProblem = "not_found" | "needs_reconnect";

export const SYNC_PROBLEM_TEXT = {
  not_found: "That media source no longer exists. Reload the page.",
  needs_reconnect: (username: string) =>
    `@${username} needs to be reconnected before its posts can sync. Reconnect it on the Account page; its posts stay as they are until then.`,
} satisfies Record<SyncProblem, string | ((username: string) => string)>;

export const SYNC_MESSAGES = {
  alreadyRunning: "A sync is already running for this account; its progress is shown below.",
  scheduleSaved: "Schedule saved",
  postGone: "That post is no longer here: it may have been removed from Instagram. Reload the page.",
  notUnderstood: "That request wasn't understood. Reload the page and try again.",
} as const;

export type PostChange = "hide" | "show" | "pin" | "unpin";

/** The change that undoes each one. */
export const UNDO_OF: Record<PostChange, PostChange> = { hide: "show", show: "hide", pin: "unpin", unpin: "pin" };

/**
 * The toast after a change to a post. Pinning and unpinning move the post (pinned posts come first), so
 * those say where it went: the merchant sees it leave the spot they were looking at.
 */
export const POST_CHANGED: Record<PostChange, string> = {
  hide: "Post hidden",
  show: "Post shown",
  pin: "Post pinned — moved to the top of the feed",
  unpin: "Post unpinned — back in date order",
};

/** The toast after Undo, named by the change Undo made. */
export const POST_UNDONE: Record<PostChange, string> = {
  hide: "Post hidden again",
  show: "Post shown again",
  pin: "Post pinned again — back at the top of the feed",
  unpin: "Post unpinned — back in date order",
};
