// Graph reads: /me, /<user-id>, /<user-id>/media, /<media-id>, /<media-id>/children (version prefix already removed).
import type { ServerResponse } from "node:http";
import type { FakeAccount, FakeMedia } from "./types";
import type { FakeState } from "./state";
import type { FakeRequest } from "./http";
import type { GraphError } from "./errors";
import type { FieldSpec } from "./fields";
import { missingTokenError, oauthException, tokenFailureError, unknownObjectError } from "./errors";
import { parseFields } from "./fields";
import { sendGraphError, sendGraphJson } from "./graph-reply";
import { checkMediaFields, checkUserFields, findMedia, renderMedia, renderUser } from "./render";
import { encodeCursor, pageOf, parseLimit } from "./paging";
import type { TokenRecord } from "./tokens";

interface Reader {
  state: FakeState;
  req: FakeRequest;
  res: ServerResponse;
  token: string;
  account: FakeAccount;
}

/** The query parameter wins over the header, as on the Graph API. */
export function tokenFrom(req: FakeRequest): string | undefined {
  const fromQuery = req.query.get("access_token");
  if (fromQuery) return fromQuery;
  const header = req.headers.authorization ?? "";
  return /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header)?.[1];
}

/** A usable token's record, or the Graph error explaining why not. */
export function authenticate(state: FakeState, token: string | undefined, isMe: boolean): TokenRecord | GraphError {
  if (!token) {
    return isMe ? missingTokenError() : oauthException(104, "An access token is required to request this resource.");
  }
  const check = state.tokens.check(token);
  if (check.ok) return check.record;
  return tokenFailureError(check.failure, { appId: state.appId, now: state.now(), expiresAt: check.record?.expiresAt });
}

function unknownPath(rest: string[]): GraphError {
  return oauthException(2500, `Unknown path components: /${rest.join("/")}`);
}

/** `graphPath` is the path without its /vNN.0 prefix; `req.path` keeps it for paging links. */
export function handleGraphRead(state: FakeState, req: FakeRequest, graphPath: string, res: ServerResponse): void {
  const segments = graphPath.split("/").filter(Boolean).map(decodeURIComponent);
  const [nodeId = "", edge, ...rest] = segments;
  if (req.method !== "GET") return sendGraphError(state, res, unsupportedMethod(req.method, nodeId));
  const token = tokenFrom(req);
  const auth = authenticate(state, token, nodeId === "me");
  if ("message" in auth) return sendGraphError(state, res, auth);
  const account = state.accounts.get(auth.username);
  if (!account || !token) {
    return sendGraphError(state, res, tokenFailureError("unparseable", { appId: state.appId, now: state.now() }));
  }
  if (rest.length > 0) return sendGraphError(state, res, unknownPath(rest));
  const reader: Reader = { state, req, res, token, account };
  if (["me", account.userId, account.appScopedId].includes(nodeId)) return readUser(reader, nodeId === "me", edge);
  const found = findMedia(account, nodeId);
  if (found) return readMedia(reader, found, edge);
  sendGraphError(state, res, unknownObjectError(nodeId));
}

/** Writes (publishing, comments) are out of scope: answered like a POST to a node that does not support it. */
function unsupportedMethod(method: string, id: string): GraphError {
  const error = unknownObjectError(id);
  return {
    ...error,
    message: error.message.replace("Unsupported get request", `Unsupported ${method.toLowerCase()} request`),
  };
}

/** Parsed and validated `fields`, or undefined after an error reply was sent. */
function fieldsOf(
  reader: Reader,
  defaults: string[],
  check: (f: FieldSpec[]) => GraphError | undefined,
): FieldSpec[] | undefined {
  const parsed = parseFields(reader.req.query.get("fields"), defaults);
  const error = parsed.ok ? check(parsed.fields) : oauthException(2500, parsed.message);
  if (error) sendGraphError(reader.state, reader.res, error);
  return parsed.ok && !error ? parsed.fields : undefined;
}

function readUser(reader: Reader, isMe: boolean, edge: string | undefined): void {
  if (edge === "media") return readMediaEdge(reader);
  if (edge !== undefined) return sendGraphError(reader.state, reader.res, unknownPath([edge]));
  const fields = fieldsOf(reader, ["id"], checkUserFields);
  if (!fields) return;
  const node = renderUser(reader.state, reader.account, fields);
  // Meta documents /me wrapped in {"data":[…]}; real replies are flat. Clients should accept both.
  const documented = isMe && reader.state.settings.replyShape === "documented";
  sendGraphJson(reader.state, reader.res, JSON.stringify(documented ? { data: [node] } : node));
}

function readMedia(reader: Reader, found: { media: FakeMedia; isChild: boolean }, edge: string | undefined): void {
  const fields = fieldsOf(reader, ["id"], checkMediaFields);
  if (!fields) return;
  const context = { state: reader.state, owner: reader.account, isChild: found.isChild };
  if (edge === undefined) {
    return sendGraphJson(reader.state, reader.res, JSON.stringify(renderMedia(context, found.media, fields)));
  }
  if (edge !== "children") return sendGraphError(reader.state, reader.res, unknownPath([edge]));
  const children = found.isChild ? [] : (found.media.children ?? []);
  const data = children.map((child) => renderMedia({ ...context, isChild: true }, child, fields));
  sendGraphJson(reader.state, reader.res, JSON.stringify({ data }));
}

function epochSeconds(timestamp: string): number {
  return Date.parse(timestamp.replace(/\+0000$/, "Z")) / 1000;
}

/** `since` / `until` (Unix seconds, inclusive) narrow the list before paging. */
function timeWindow(reader: Reader): FakeMedia[] {
  const since = Number(reader.req.query.get("since") ?? NaN);
  const until = Number(reader.req.query.get("until") ?? NaN);
  return reader.account.media.filter((m) => {
    const at = epochSeconds(m.timestamp);
    return !(at < since) && !(at > until); // NaN bounds compare false, i.e. no bound
  });
}

function readMediaEdge(reader: Reader): void {
  const fields = fieldsOf(reader, ["id"], checkMediaFields);
  if (!fields) return;
  const { query } = reader.req;
  const limit = parseLimit(query.get("limit"));
  const page = pageOf(timeWindow(reader), {
    limit,
    after: query.get("after") ?? undefined,
    before: query.get("before") ?? undefined,
  });
  if (page === "bad-cursor") {
    return sendGraphError(
      reader.state,
      reader.res,
      oauthException(100, "(#100) The after or before cursor is invalid"),
    );
  }
  const context = { state: reader.state, owner: reader.account, isChild: false };
  const data = page.items.map((media) => renderMedia(context, media, fields));
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  if (!first || !last) return sendGraphJson(reader.state, reader.res, JSON.stringify({ data }));
  const paging: Record<string, unknown> = { cursors: { before: encodeCursor(first), after: encodeCursor(last) } };
  if (page.hasNext) paging.next = pageUrl(reader, limit, "after", encodeCursor(last));
  if (page.hasPrevious) paging.previous = pageUrl(reader, limit, "before", encodeCursor(first));
  sendGraphJson(reader.state, reader.res, JSON.stringify({ data, paging }));
}

/** A full URL, token included, as Meta returns it: clients may follow it verbatim. */
function pageUrl(reader: Reader, limit: number, direction: "after" | "before", cursor: string): string {
  const params = new URLSearchParams({ access_token: reader.token });
  for (const [key, value] of reader.req.query) {
    if (!["access_token", "limit", "after", "before"].includes(key)) params.append(key, value);
  }
  params.set("limit", String(limit));
  params.set(direction, cursor);
  return `${reader.state.publicOrigin}${reader.req.path}?${params.toString()}`;
}
