// What the merchant reads when connecting fails, one entry per reason, in plain words. The Account page
// shows these in a banner; the callback's own page shows the two it cannot send home (no known shop).
import type { ConnectProblem } from "./connect.server";

/** The usernames a message can name; either may be unknown (a link opened by hand, an account since removed). */
export interface ProblemNames {
  approved?: string;
  reconnecting?: string;
}

export interface ProblemText {
  title: string;
  body: string;
  tone: "critical" | "warning";
}

type Entry = { title: string; body: string | ((names: ProblemNames) => string); tone?: "warning" };

const TEXT: Record<ConnectProblem, Entry> = {
  denied: {
    title: "Instagram wasn't connected",
    body: "The connection was cancelled on Instagram, so nothing was changed. To show your posts, press Connect (or Reconnect) on Social Feed's Account page again and choose Allow on Instagram.",
    // The merchant chose this; nothing is broken.
    tone: "warning",
  },
  missing_state: {
    title: "This link can't be used",
    body: "The page was opened without the details Social Feed needs, so nothing was changed. Open Social Feed from Apps in your Shopify admin, go to Account, and connect again from there.",
  },
  unknown_state: {
    title: "This link can't be used",
    body: "Social Feed didn't start this connection, or started it too long ago, so nothing was changed. Open Social Feed from Apps in your Shopify admin, go to Account, and connect again from there.",
  },
  expired_state: {
    title: "This connection took too long",
    body: "For your security, a connection must be finished within 10 minutes of pressing Connect. Nothing was changed. Press Connect (or Reconnect) again to start over.",
  },
  reused_state: {
    title: "This connection was already used",
    body: "That approval from Instagram had already been used once (the page may have been reloaded), so it wasn't used again. If your account isn't listed as Active below, press Connect (or Reconnect) again.",
  },
  exchange_failed: {
    title: "Instagram didn't accept the connection",
    body: "Instagram refused to complete the connection (the approval may have expired). Nothing was changed. Press Connect (or Reconnect) again to start over.",
  },
  instagram_unavailable: {
    title: "Instagram isn't responding",
    body: "Instagram didn't answer properly, so nothing was changed. Please try again in a few minutes.",
  },
  not_professional: {
    title: "This is a personal Instagram account",
    body: "Instagram only lets apps show posts from professional accounts (Business or Creator). Switch the account to professional in the Instagram app (Settings › Account type and tools), then connect again.",
  },
  different_account: {
    title: "That was a different Instagram account",
    body: ({ approved, reconnecting }) => {
      const what =
        approved && reconnecting
          ? `You approved @${approved}, but you were reconnecting @${reconnecting}.`
          : `You approved ${approved ? `@${approved}` : "an account"}, which isn't the account you were reconnecting.`;
      const wanted = reconnecting ? `@${reconnecting}` : "that account";
      const other = approved ? `@${approved}` : "the other account";
      return `${what} Nothing was changed. Press Reconnect again and choose ${wanted} on Instagram — if Instagram is signed in as ${other}, log out of Instagram first.`;
    },
  },
};

/** Every problem the callback can report, for validating `?connect=` on the Account page. */
export const CONNECT_PROBLEMS = Object.keys(TEXT) as [ConnectProblem, ...ConnectProblem[]];

/** Instagram usernames: letters, digits, periods and underscores, at most 30. Anything else is not shown. */
export const INSTAGRAM_USERNAME = /^[A-Za-z0-9._]{1,30}$/;

export function connectProblemText(problem: ConnectProblem, names: ProblemNames = {}): ProblemText {
  const entry = TEXT[problem];
  return {
    title: entry.title,
    body: typeof entry.body === "function" ? entry.body(names) : entry.body,
    tone: entry.tone ?? "critical",
  };
}
