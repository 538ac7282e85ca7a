// One origin for all of Instagram's hosts: www/api (OAuth), graph (tokens and reads) and the CDN.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeState } from "./state";
import type { FaultReply } from "./types";
import type { FakeRequest } from "./http";
import { readRequest, recordCall, send, sendJsonText, sendText } from "./http";
import { graphErrorJson } from "./errors";
import { decide, exchangeCode, showAuthorize } from "./oauth";
import { exchangeForLongLived, refreshLongLived } from "./token-endpoints";
import { handleGraphRead } from "./graph";
import { serveCdn } from "./cdn";
import { handleSandboxControl, SANDBOX_CONTROL_PREFIX } from "./sandbox-controls";

/** "/v25.0/me" → "/me"; versions are accepted and treated alike. */
function withoutVersion(path: string): string {
  const match = /^\/v\d+\.\d+(\/.*)?$/.exec(path);
  return match ? (match[1] ?? "/") : path;
}

function route(state: FakeState, req: FakeRequest, res: ServerResponse): void {
  if (state.sandboxControls && req.path.startsWith(SANDBOX_CONTROL_PREFIX))
    return handleSandboxControl(state, req, res);
  if (req.path === "/oauth/authorize") return showAuthorize(state, req, res);
  if (req.path === "/oauth/authorize/decision") return decide(state, req, res);
  if (req.path === "/oauth/access_token") return exchangeCode(state, req, res);
  if (req.path.startsWith("/cdn/")) {
    if (req.method === "GET" || req.method === "HEAD") return serveCdn(state, req, res);
    return sendText(res, 405, "Method Not Allowed");
  }
  const graphPath = withoutVersion(req.path);
  if (graphPath === "/access_token") return exchangeForLongLived(state, req, res);
  if (graphPath === "/refresh_access_token") return refreshLongLived(state, req, res);
  handleGraphRead(state, req, graphPath, res);
}

function sendFault(res: ServerResponse, reply: Exclude<FaultReply, "timeout">): void {
  const isText = typeof reply.body === "string";
  const body = isText ? String(reply.body) : JSON.stringify(reply.body);
  const contentType = isText ? "text/plain" : "application/json; charset=UTF-8";
  send(res, reply.status, body, { "content-type": contentType, ...reply.headers });
}

export async function handle(state: FakeState, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const req = await readRequest(raw);
    state.calls.push(recordCall(req));
    if (state.settings.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.settings.latencyMs));
    const owner = state.tokens.get(req.query.get("access_token") ?? "")?.username;
    const fault = state.faults.take(req.method, req.path, owner);
    if (fault === "timeout") return; // never answered; close() destroys the socket
    if (fault) return sendFault(res, fault);
    route(state, req, res);
  } catch (error) {
    // A bug in the fake itself: say so loudly rather than imitate Instagram.
    const message = `fake instagram internal error: ${error instanceof Error ? error.message : String(error)}`;
    if (!res.headersSent)
      sendJsonText(res, 500, graphErrorJson({ message, type: "FakeInstagramError", code: 1, is_transient: false }));
  }
}
