// One id per request, shown to the merchant as "Reference: …" on an error page and written on the log
// line of that request's failure, so support can go from what the merchant reads out to the log.
//
// The id is keyed on Remix's load context: the one object Remix hands, for a single request, to every
// loader (the root loader puts the id in the page), to `handleError`, to `handleDataRequest` and to
// `handleRequest`. It is a fresh object per request (`createRequestHandler` defaults it to `{}`, and a
// `getLoadContext` makes one per request too). The Request object cannot be the key: loaders receive a
// copy of it. The error cannot carry the id: outside development Remix replaces every server error
// with a bare "Unexpected Server Error" before it reaches the page.
import { randomBytes } from "node:crypto";

const ids = new WeakMap<object, string>();
const reported = new WeakSet<object>();

export function requestIdFor(context: object): string {
  let id = ids.get(context);
  if (!id) {
    id = randomBytes(8).toString("hex");
    ids.set(context, id);
  }
  return id;
}

// Query values, headers and URLs that may hold a credential. Messages of unexpected errors can quote a
// URL (Instagram's take the token as `access_token=`) or a connection string.
const SECRETS: Array<[RegExp, string]> = [
  [
    /\b([\w.-]*(?:token|secret|code|password|passwd|signature|hmac|key|session)[\w.-]*)=([^&\s"'<>#]+)/gi,
    "$1=[redacted]",
  ],
  [/\b(bearer|basic)\s+[\w.~+/=-]+/gi, "$1 [redacted]"],
  [/(\/\/[^:/@\s]+):[^@\s/]+@/g, "$1:[redacted]@"],
  [/\b(shp(?:at|ua|ca|ss|pa)_)[0-9a-f]+/gi, "$1[redacted]"],
  [/\b(IG(?:QV|AA)|EAA)[\w-]{16,}/g, "$1[redacted]"],
];

export function redact(text: string): string {
  return SECRETS.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

const MAX_MESSAGE = 500;
const MAX_FRAMES = 30;

/** "Name message" on one line, credentials redacted. */
function summary(error: unknown): string {
  if (!(error instanceof Error)) return `${typeof error} ${redact(String(error)).slice(0, MAX_MESSAGE)}`;
  const message = redact(error.message.replace(/\s+/g, " ").trim()).slice(0, MAX_MESSAGE);
  return `${error.name} ${message}`.trim();
}

/** Only the stack's "at …" frames: its first lines repeat the message, unredacted. */
function frames(error: unknown): string[] {
  if (!(error instanceof Error) || !error.stack) return [];
  return error.stack
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => `    ${redact(line.trim())}`);
}

/**
 * Writes `request <id> failed: <name> <message>` and the stack's frames to stderr, once per error
 * (React's onError and Remix's handleError can both see a render error), and returns the id.
 */
export function logRequestFailure(context: object, error: unknown): string {
  const id = requestIdFor(context);
  if (typeof error === "object" && error !== null) {
    if (reported.has(error)) return id;
    reported.add(error);
  }
  console.error([`request ${id} failed: ${summary(error)}`, ...frames(error)].join("\n"));
  return id;
}

/** A thrown Response with a server-error status: no stack to log, its status says what happened. */
export function responseFailure(status: number, statusText: string): Error {
  const failure = new Error(`${status} ${statusText}`.trim());
  failure.name = "ErrorResponse";
  failure.stack = undefined;
  return failure;
}
