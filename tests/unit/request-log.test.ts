// The failure log line: the request's id, the error's name and message with every credential redacted,
// and the stack's frames only (a stack's first line repeats the message as it was).
import { afterEach, expect, it, vi } from "vitest";
import { logRequestFailure, redact, requestIdFor } from "../../app/request-log.server";

afterEach(() => vi.restoreAllMocks());

function captureStderr(): string[] {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((text: unknown) => void lines.push(String(text)));
  return lines;
}

it("one id per request, different for each request", () => {
  const first = {};
  expect(requestIdFor(first)).toMatch(/^[0-9a-f]{16}$/);
  expect(requestIdFor(first)).toBe(requestIdFor(first));
  expect(requestIdFor({})).not.toBe(requestIdFor(first));
});

it("redacts tokens in URLs, headers, connection strings and token formats", () => {
  const text = [
    "GET https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=IGAAsecretsecretsecretsecret&x=1",
    "client_secret=abc123 code=AQDxyz",
    "Authorization: Bearer eyJhbGciOi.payload.sig",
    "postgresql://app:hunter2@db.internal:5432/social_feed",
    "token shpat_0123456789abcdef0123456789abcdef",
  ].join(" | ");
  const redacted = redact(text);
  for (const secret of ["IGAAsecretsecret", "abc123", "AQDxyz", "eyJhbGciOi", "hunter2", "0123456789abcdef"])
    expect(redacted).not.toContain(secret);
  expect(redacted).toContain("access_token=[redacted]&x=1");
  expect(redacted).toContain("postgresql://app:[redacted]@db.internal");
});

it("logs `request <id> failed: <name> <message>` and the frames, once per error, never the raw message", () => {
  const lines = captureStderr();
  const context = {};
  const error = new TypeError(
    "fetch failed for https://graph.instagram.com/me?access_token=IGAAtopsecrettopsecrettopsecret",
  );
  const id = logRequestFailure(context, error);
  expect(logRequestFailure(context, error)).toBe(id);
  expect(lines).toHaveLength(1);
  const [header, ...frames] = lines[0].split("\n");
  expect(header).toBe(
    `request ${id} failed: TypeError fetch failed for https://graph.instagram.com/me?access_token=[redacted]`,
  );
  expect(frames.length).toBeGreaterThan(0);
  for (const frame of frames) expect(frame).toMatch(/^ {4}at /);
  expect(lines[0]).not.toContain("topsecret");
});
