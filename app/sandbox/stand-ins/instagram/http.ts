// Request parsing and reply writing on top of node:http. Replies are written as JSON *text* so callers can
// control exactly what goes on the wire (the numeric 17-digit user_id must not pass through a JS number).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RecordedCall } from "./types";
import { boundaryOf, parseMultipart } from "./multipart";

const MAX_BODY_BYTES = 1_000_000;

export interface FakeRequest {
  method: string;
  path: string; // pathname, still url-encoded
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export async function readRequest(req: IncomingMessage): Promise<FakeRequest> {
  const url = new URL(req.url ?? "/", "http://fake.invalid");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
}

/** Form fields from either encoding Meta accepts; any other body (e.g. JSON) yields no fields, as a form parser would. */
export function formFields(req: FakeRequest): URLSearchParams {
  const contentType = req.headers["content-type"] ?? "";
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) return new URLSearchParams(req.body.toString("utf8"));
  const boundary = /^multipart\/form-data/i.test(contentType) ? boundaryOf(contentType) : undefined;
  return boundary ? parseMultipart(req.body, boundary) : new URLSearchParams();
}

const SECRET_PARAMS = new Set(["access_token", "client_secret"]);

/** What `calls` stores: secrets are replaced so a test log never leaks them. */
export function recordCall(req: FakeRequest): RecordedCall {
  const query: Record<string, string> = {};
  for (const [key, value] of req.query) query[key] = SECRET_PARAMS.has(key) ? "<redacted>" : value;
  return { method: req.method, path: req.path, query };
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

export function sendJsonText(
  res: ServerResponse,
  status: number,
  json: string,
  headers: Record<string, string> = {},
): void {
  send(res, status, json, {
    "content-type": "application/json; charset=UTF-8",
    "cache-control": "no-store",
    ...headers,
  });
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  send(res, status, text, { "content-type": "text/plain" });
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, html, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    // Instagram refuses to be framed: an app that opens the login inside the Shopify admin iframe must fail here too.
    "x-frame-options": "DENY",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
  });
}

export function sendRedirect(res: ServerResponse, location: string): void {
  send(res, 302, "", { location, "cache-control": "no-store" });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
