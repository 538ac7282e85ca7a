// The two error envelopes: api.instagram.com's flat OAuth one and graph.instagram.com's {"error":{…}}.
import type { TokenFailure } from "./tokens";
import { fbtraceId } from "./random";

export interface GraphError {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
}

export function graphErrorJson(error: GraphError): string {
  return JSON.stringify({ error: { ...error, fbtrace_id: fbtraceId() } });
}

/** /oauth/access_token answers errors in the older, non-Graph shape. */
export function oauthErrorJson(message: string): string {
  return JSON.stringify({ error_type: "OAuthException", code: 400, error_message: message });
}

export function oauthException(code: number, message: string, subcode?: number): GraphError {
  return subcode === undefined
    ? { message, type: "OAuthException", code }
    : { message, type: "OAuthException", code, error_subcode: subcode };
}

export function unknownFieldError(field: string, nodeType: "IGUser" | "IGMedia"): GraphError {
  return oauthException(100, `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`);
}

export function unknownObjectError(id: string): GraphError {
  return {
    message:
      `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, ` +
      "or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
    type: "GraphMethodException",
    code: 100,
    error_subcode: 33,
  };
}

export function missingTokenError(): GraphError {
  return oauthException(2500, "An active access token must be used to query information about the current user.");
}

/** Facebook prints expiry times in Pacific time: "Monday, 01-Dec-25 11:00:00 PST" (PDT in summer). */
export function pacificTime(epochMs: number): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "America/Los_Angeles",
    weekday: "long",
    day: "2-digit",
    month: "short",
    year: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")}, ${part("day")}-${part("month")}-${part("year")} ${part("hour")}:${part("minute")}:${part(
    "second",
  )} ${part("timeZoneName")}`;
}

export interface TokenFailureContext {
  appId: string;
  now: number;
  expiresAt?: number;
}

export function tokenFailureError(failure: TokenFailure, context: TokenFailureContext): GraphError {
  const prefix = "Error validating access token: ";
  switch (failure) {
    case "expired":
      return oauthException(
        190,
        `${prefix}Session has expired on ${pacificTime(
          context.expiresAt ?? context.now,
        )}. The current time is ${pacificTime(context.now)}.`,
        463,
      );
    case "password_changed":
      return oauthException(
        190,
        `${prefix}The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.`,
        460,
      );
    case "app_removed":
      return oauthException(190, `${prefix}The user has not authorized application ${context.appId}.`, 458);
    case "unparseable":
      return oauthException(190, "Invalid OAuth access token - Cannot parse access token");
  }
}
