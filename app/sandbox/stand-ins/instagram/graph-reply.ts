// Replies from graph.instagram.com: JSON plus the x-app-usage header clients are told to honour. On the
// Instagram Platform the count "is unique for each app and app user pair", so each account has its own.
import type { ServerResponse } from "node:http";
import type { FakeState } from "./state";
import type { GraphError } from "./errors";
import { graphErrorJson } from "./errors";
import { sendJsonText } from "./http";

const USAGE_WINDOW_MS = 60 * 60 * 1000;
const CALLS_PER_PERCENT = 20;
const MAX_NATURAL_PERCENT = 95; // the fake never throttles by itself; inject headers with failNext to test throttling

/** The account a request speaks for (its token's), or "anonymous" when the token is missing or unknown. */
function callerOf(state: FakeState, res: ServerResponse): string {
  const url = new URL(res.req.url ?? "/", "http://fake");
  const token =
    url.searchParams.get("access_token") ??
    /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(res.req.headers.authorization ?? "")?.[1];
  return (token && state.tokens.check(token).record?.username) || "anonymous";
}

/** Percent-of-limit figures from the caller's calls in the last hour, as Meta reports them. */
function usageHeader(state: FakeState, res: ServerResponse): string {
  const at = state.now();
  const caller = callerOf(state, res);
  const times = state.graphCallTimes.get(caller) ?? [];
  state.graphCallTimes.set(caller, times);
  times.push(at);
  state.callsPerAccount.set(caller, (state.callsPerAccount.get(caller) ?? 0) + 1);
  while ((times[0] ?? at) < at - USAGE_WINDOW_MS) times.shift();
  const count = Math.min(MAX_NATURAL_PERCENT, Math.ceil(times.length / CALLS_PER_PERCENT));
  return JSON.stringify({ call_count: count, total_cputime: Math.floor(count / 2), total_time: Math.floor(count / 2) });
}

export function sendGraphJson(state: FakeState, res: ServerResponse, json: string): void {
  sendJsonText(res, 200, json, { "x-app-usage": usageHeader(state, res) });
}

/** HTTP 400 for every Graph error: clients must classify by error.code, never by status. */
export function sendGraphError(state: FakeState, res: ServerResponse, error: GraphError): void {
  sendJsonText(res, 400, graphErrorJson(error), { "x-app-usage": usageHeader(state, res) });
}
