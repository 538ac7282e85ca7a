// graph.instagram.com/access_token (short → long) and /refresh_access_token (extend a long-lived token).
import type { ServerResponse } from "node:http";
import type { FakeState } from "./state";
import type { FakeRequest } from "./http";
import type { TokenRecord } from "./tokens";
import type { GraphError } from "./errors";
import { REFRESH_MIN_AGE_MS } from "./tokens";
import { oauthException } from "./errors";
import { sendGraphError, sendGraphJson } from "./graph-reply";
import { authenticate } from "./graph";

const UNSUPPORTED_GRANT = oauthException(100, "(#100) Unsupported grant_type");
const NOT_SHORT = oauthException(100, "(#100) Only a short-lived access token can be exchanged for a long-lived one");
const NOT_LONG = oauthException(100, "(#100) Only a long-lived access token can be refreshed");
const TOO_NEW = oauthException(
  100,
  "(#100) The access token is too new to be refreshed. It must be at least 24 hours old.",
);

/** The odd message Meta gives for a non-GET refresh, and for old Basic Display (IGQV…) tokens since the shutdown. */
function unsupportedMethod(method: string): GraphError {
  return { message: `Unsupported request - method type: ${method.toLowerCase()}`, type: "IGApiException", code: 100 };
}

function tokenReply(state: FakeState, res: ServerResponse, record: TokenRecord): void {
  const body = { access_token: record.token, token_type: "bearer", expires_in: state.tokens.secondsLeft(record) };
  sendGraphJson(state, res, JSON.stringify(body));
}

/** The short-lived token to exchange, or why not. The secret and token travel in the query string. */
function exchangeable(state: FakeState, req: FakeRequest): TokenRecord | GraphError {
  const { query } = req;
  if (req.method !== "GET") return unsupportedMethod(req.method);
  if (query.get("grant_type") !== "ig_exchange_token") return UNSUPPORTED_GRANT;
  if (query.get("client_secret") !== state.appSecret) return oauthException(1, "Error validating client secret.");
  const auth = authenticate(state, query.get("access_token") ?? undefined, false);
  // "Expired short-lived tokens cannot be exchanged" (authenticate says 190); a long-lived one has nothing to exchange.
  return "message" in auth || auth.kind === "short" ? auth : NOT_SHORT;
}

export function exchangeForLongLived(state: FakeState, req: FakeRequest, res: ServerResponse): void {
  const result = exchangeable(state, req);
  if ("message" in result) return sendGraphError(state, res, result);
  tokenReply(state, res, state.tokens.issue(result.username, "long"));
}

/** The long-lived token to refresh, or why not: it must be unexpired, unrevoked and ≥ 24 h since issue or refresh. */
function refreshable(state: FakeState, req: FakeRequest): TokenRecord | GraphError {
  const token = req.query.get("access_token") ?? undefined;
  if (req.method !== "GET") return unsupportedMethod(req.method);
  if (token?.startsWith("IGQV")) return unsupportedMethod("get");
  if (req.query.get("grant_type") !== "ig_refresh_token") return UNSUPPORTED_GRANT;
  const auth = authenticate(state, token, false);
  if ("message" in auth) return auth;
  if (auth.kind !== "long") return NOT_LONG;
  return state.now() - auth.renewedAt < REFRESH_MIN_AGE_MS ? TOO_NEW : auth; // too new: refused, expiry untouched
}

export function refreshLongLived(state: FakeState, req: FakeRequest, res: ServerResponse): void {
  const result = refreshable(state, req);
  if ("message" in result) return sendGraphError(state, res, result);
  tokenReply(state, res, state.tokens.refresh(result, state.settings.refreshReturnsNewToken));
}
