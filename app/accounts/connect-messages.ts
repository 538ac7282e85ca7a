// What the merchant reads when connecting fails, one entry per reason, in plain words.
import type { ConnectProblem } from "./connect.server";

export const CONNECT_PROBLEM_TEXT: Record<ConnectProblem, { title: string; body: string }> = {
  denied: {
    title: "Instagram wasn't connected",
    body: "The connection was cancelled on Instagram, so nothing was changed. To show your posts, go back and press Connect Instagram again, then choose Allow.",
  },
  missing_state: {
    title: "This link can't be used",
    body: "The page was opened without the details Social Feed needs. Start again from the Account page in Social Feed.",
  },
  unknown_state: {
    title: "This link can't be used",
    body: "Social Feed didn't start this connection, so nothing was changed. Start again from the Account page in Social Feed.",
  },
  expired_state: {
    title: "This connection took too long",
    body: "For your security, a connection must be finished within 10 minutes. Nothing was changed. Start again from the Account page.",
  },
  reused_state: {
    title: "This connection was already used",
    body: "This link has already been used once, so it can't be used again. Nothing was changed. Start again from the Account page.",
  },
  exchange_failed: {
    title: "Instagram didn't accept the connection",
    body: "Instagram refused to complete the connection (the approval may have expired). Nothing was changed. Start again from the Account page.",
  },
  instagram_unavailable: {
    title: "Instagram isn't responding",
    body: "Instagram didn't answer properly, so nothing was changed. Please try again in a few minutes.",
  },
  not_professional: {
    title: "This is a personal Instagram account",
    body: "Instagram only lets apps show posts from professional accounts (Business or Creator). Switch the account to professional in the Instagram app (Settings › Account type and tools), then connect again.",
  },
};
