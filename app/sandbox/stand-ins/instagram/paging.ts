// Cursor paging for the media edge: {"data":[…],"paging":{"cursors":{…},"next":…}}, `next` absent on the
// last page. Cursors carry id and timestamp, so a cursor stays usable when its post was deleted meanwhile.
import type { FakeMedia } from "./types";

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100; // larger limits are capped silently

export interface PageRequest {
  limit: number;
  after?: string;
  before?: string;
}

export interface Page {
  items: FakeMedia[];
  hasNext: boolean;
  hasPrevious: boolean;
}

export function parseLimit(raw: string | null): number {
  const value = raw === null ? NaN : Number(raw);
  if (!Number.isInteger(value) || value < 1) return DEFAULT_LIMIT;
  return Math.min(value, MAX_LIMIT);
}

export function encodeCursor(media: FakeMedia): string {
  return Buffer.from(`${media.id}:${media.timestamp}`).toString("base64url");
}

interface CursorKey {
  id: string;
  timestamp: string;
}

export function decodeCursor(cursor: string): CursorKey | undefined {
  const match = /^(\d+):(.+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match?.[1] && match[2] ? { id: match[1], timestamp: match[2] } : undefined;
}

/** Index of the cursor's post, or where it would sit (newest first) if it has since been deleted. */
function positionOf(items: FakeMedia[], key: CursorKey): { index: number; found: boolean } {
  const index = items.findIndex((m) => m.id === key.id);
  if (index >= 0) return { index, found: true };
  const older = items.findIndex((m) => m.timestamp < key.timestamp);
  return { index: older < 0 ? items.length : older, found: false };
}

function bounds(items: FakeMedia[], request: PageRequest): { start: number; end: number } | "bad-cursor" {
  const cursor = request.after ?? request.before;
  if (cursor === undefined) return { start: 0, end: request.limit };
  const key = decodeCursor(cursor);
  if (!key) return "bad-cursor";
  const { index, found } = positionOf(items, key);
  if (request.after !== undefined) {
    const start = found ? index + 1 : index;
    return { start, end: start + request.limit };
  }
  return { start: Math.max(0, index - request.limit), end: index };
}

export function pageOf(items: FakeMedia[], request: PageRequest): Page | "bad-cursor" {
  const range = bounds(items, request);
  if (range === "bad-cursor") return range;
  const end = Math.min(items.length, range.end);
  return { items: items.slice(range.start, end), hasNext: end < items.length, hasPrevious: range.start > 0 };
}
