// Replies from graph.instagram.com: JSON plus the x-app-usage header clients are told to honour.
import type { ServerResponse } from "node:http";
import type { FakeState } from "./state";
import type { GraphError } from "./errors";
import { graphErrorJson } from "./errors";
import { sendJsonText } from "./http";

const USAGE_WINDOW_MS = 60 * 60 * 1000;
const CALLS_PER_PERCENT = 20;
const MAX_NATURAL_PERCENT = 95; // the fake never throttles by itself; inject headers with failNext to test throttling

/** Percent-of-limit figures from the calls in the last hour, as Meta reports them. */
function usageHeader(state: FakeState): string {
  const at = state.now();
  state.graphCallTimes.push(at);
  while ((state.graphCallTimes[0] ?? at) < at - USAGE_WINDOW_MS) state.graphCallTimes.shift();
  const count = Math.min(MAX_NATURAL_PERCENT, Math.ceil(state.graphCallTimes.length / CALLS_PER_PERCENT));
  return JSON.stringify({ call_count: count, total_cputime: Math.floor(count / 2), total_time: Math.floor(count / 2) });
}

export function sendGraphJson(state: FakeState, res: ServerResponse, json: string): void {
  sendJsonText(res, 200, json, { "x-app-usage": usageHeader(state) });
}

/** HTTP 400 for every Graph error: clients must classify by error.code, never by status. */
export function sendGraphError(state: FakeState, res: ServerResponse, error: GraphError): void {
  sendJsonText(res, 400, graphErrorJson(error), { "x-app-usage": usageHeader(state) });
}
