// www/api.instagram.com: the authorization window, the consent decision, and code → short-lived token.
import type { ServerResponse } from "node:http";
import type { FakeState } from "./state";
import type { FakeRequest } from "./http";
import { formFields, sendHtml, sendJsonText, sendRedirect } from "./http";
import { oauthErrorJson } from "./errors";
import { consentPage, errorPage } from "./consent-page";

const REQUIRED_SCOPE = "instagram_business_basic";
const KNOWN_SCOPES = new Set([
  REQUIRED_SCOPE,
  "instagram_business_content_publish",
  "instagram_business_manage_messages",
  "instagram_business_manage_comments",
  "instagram_business_manage_insights",
]);

export interface AuthorizeRequest {
  redirectUri: string;
  scopes: string[];
  state?: string; // undefined = not given, so not echoed
}

function validRedirectUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hash === "";
  } catch {
    return false;
  }
}

/** The authorize parameters, or the reason Instagram would show an error page instead. Unknown params are ignored. */
export function parseAuthorize(state: FakeState, params: URLSearchParams): AuthorizeRequest | string {
  if (params.get("client_id") !== state.appId) return "Invalid platform app";
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!validRedirectUri(redirectUri)) return "Invalid redirect_uri";
  if (params.get("response_type") !== "code") return "Invalid response_type: only code is supported";
  // "comma-separated or URL-encoded space-separated list"
  const scopes = (params.get("scope") ?? "").split(/[\s,]+/).filter(Boolean);
  const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
  if (unknown.length) return `Invalid Scopes: ${unknown.join(", ")}`;
  if (!scopes.includes(REQUIRED_SCOPE)) return `Invalid Scopes: ${REQUIRED_SCOPE} is required`;
  const request: AuthorizeRequest = { redirectUri, scopes };
  const given = params.get("state");
  if (given !== null) request.state = given;
  return request;
}

/** Appends to the redirect URI exactly as registered (no re-serialisation), plus an optional fragment. */
function redirectWith(redirectUri: string, params: URLSearchParams, fragment = ""): string {
  return `${redirectUri}${redirectUri.includes("?") ? "&" : "?"}${params.toString()}${fragment}`;
}

/**
 * The Allow button: a single-use code for `username`. Meta says personal accounts cannot use Instagram
 * Login at all; the fake still lets one through (its /me says account_type PERSONAL) so that the app's
 * own refusal of non-professional accounts is exercised.
 */
export function approve(state: FakeState, username: string, request: AuthorizeRequest): string {
  state.accounts.require(username);
  const params = new URLSearchParams({ code: state.codes.issue(username, request.redirectUri, request.scopes) });
  if (request.state !== undefined) params.set("state", request.state);
  return redirectWith(request.redirectUri, params, "#_"); // Meta appends "#_"; it is not part of the code
}

function denied(request: AuthorizeRequest): string {
  const params = new URLSearchParams({
    error: "access_denied",
    error_reason: "user_denied",
    error_description: "The user denied your request",
  });
  if (request.state !== undefined) params.set("state", request.state);
  return redirectWith(request.redirectUri, params);
}

function invalidRequest(res: ServerResponse, reason: string): void {
  sendHtml(res, 400, errorPage("Invalid Request", `Request parameters are invalid: ${reason}`));
}

export function showAuthorize(state: FakeState, req: FakeRequest, res: ServerResponse): void {
  if (req.method !== "GET") return invalidRequest(res, "unsupported method");
  const request = parseAuthorize(state, req.query);
  if (typeof request === "string") return invalidRequest(res, request);
  const hidden: Record<string, string> = {
    client_id: state.appId,
    redirect_uri: request.redirectUri,
    response_type: "code",
    scope: request.scopes.join(","),
  };
  if (request.state !== undefined) hidden.state = request.state;
  sendHtml(
    res,
    200,
    consentPage({ appId: state.appId, scopes: request.scopes, accounts: state.accounts.all(), hidden }),
  );
}

/** The consent form's POST: the form's hidden fields are re-validated, as they came back from the browser. */
export function decide(state: FakeState, req: FakeRequest, res: ServerResponse): void {
  if (req.method !== "POST") return invalidRequest(res, "unsupported method");
  const form = formFields(req);
  const request = parseAuthorize(state, form);
  if (typeof request === "string") return invalidRequest(res, request);
  if (form.get("decision") !== "allow") return sendRedirect(res, denied(request));
  const username = form.get("username") ?? "";
  if (!state.accounts.get(username)) return invalidRequest(res, "choose an account");
  try {
    sendRedirect(res, approve(state, username, request));
  } catch (error) {
    sendHtml(
      res,
      400,
      errorPage("This account can't be connected", error instanceof Error ? error.message : String(error)),
    );
  }
}

const REQUIRED_TOKEN_FIELDS = ["client_id", "client_secret", "grant_type", "redirect_uri", "code"] as const;

function oauthError(res: ServerResponse, message: string): void {
  sendJsonText(res, 400, oauthErrorJson(message));
}

/** POST /oauth/access_token. Errors use the flat {"error_type","code","error_message"} envelope. */
export function exchangeCode(state: FakeState, req: FakeRequest, res: ServerResponse): void {
  if (req.method !== "POST") return oauthError(res, `Unsupported request - method type: ${req.method.toLowerCase()}`);
  const form = formFields(req);
  const missing = REQUIRED_TOKEN_FIELDS.find((name) => !form.get(name));
  if (missing) return oauthError(res, `You must provide a ${missing}`);
  if (form.get("client_id") !== state.appId) return oauthError(res, "Invalid platform app");
  if (form.get("client_secret") !== state.appSecret) return oauthError(res, "Invalid Client Secret");
  if (form.get("grant_type") !== "authorization_code") return oauthError(res, "Invalid grant_type");
  const code = (form.get("code") ?? "").replace(/#_$/, "");
  const grant = state.codes.find(code);
  if (!grant) return oauthError(res, "Matching code was not found or was already used");
  if (form.get("redirect_uri") !== grant.redirectUri) {
    return oauthError(res, "Redirect URI does not match registered redirect URI");
  }
  grant.used = true;
  const account = state.accounts.require(grant.username);
  const token = state.tokens.issue(grant.username, "short").token;
  sendJsonText(res, 200, shortTokenJson(state, { token, userId: account.appScopedId, scopes: grant.scopes }));
}

/**
 * Written by hand: the observed shape carries user_id as a bare 17-digit JSON number, which
 * JSON.stringify of a JS number could not produce without rounding.
 */
function shortTokenJson(state: FakeState, reply: { token: string; userId: string; scopes: string[] }): string {
  if (!/^\d+$/.test(reply.userId)) throw new Error("user id must be digits");
  if (state.settings.replyShape === "documented") {
    return JSON.stringify({
      data: [{ access_token: reply.token, user_id: reply.userId, permissions: reply.scopes.join(",") }],
    });
  }
  return `{"access_token":${JSON.stringify(reply.token)},"user_id":${reply.userId},"permissions":${JSON.stringify(
    reply.scopes,
  )}}`;
}
