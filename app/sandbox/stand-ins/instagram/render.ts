// Turns fake accounts and posts into Graph nodes: only the requested fields, inapplicable ones omitted
// (never null), `id` always present, every id a string.
import type { FakeAccount, FakeMedia } from "./types";
import type { FakeState } from "./state";
import type { FieldSpec } from "./fields";
import type { GraphError } from "./errors";
import { unknownFieldError } from "./errors";
import { profileNumbers } from "./accounts";
import { cdnUrl } from "./cdn";
import { seededRng } from "./random";

type Node = Record<string, unknown>;

const USER_FIELDS = new Set([
  "id",
  "user_id",
  "username",
  "name",
  "account_type",
  "profile_picture_url",
  "followers_count",
  "follows_count",
  "media_count",
  "biography",
  "website",
]);

const MEDIA_FIELDS = new Set([
  "id",
  "caption",
  "media_type",
  "media_product_type",
  "media_url",
  "thumbnail_url",
  "permalink",
  "timestamp",
  "username",
  "shortcode",
  "owner",
  "like_count",
  "comments_count",
  "is_shared_to_feed",
  "children",
]);

/** The first unknown field anywhere in the request (children{…} included), as an error. */
function findUnknown(fields: FieldSpec[], known: Set<string>, nodeType: "IGUser" | "IGMedia"): GraphError | undefined {
  for (const field of fields) {
    if (!known.has(field.name)) return unknownFieldError(field.name, nodeType);
    if (field.sub) {
      const nested = findUnknown(field.sub, MEDIA_FIELDS, "IGMedia");
      if (nested) return nested;
    }
  }
  return undefined;
}

export function checkUserFields(fields: FieldSpec[]): GraphError | undefined {
  return findUnknown(fields, USER_FIELDS, "IGUser");
}

export function checkMediaFields(fields: FieldSpec[]): GraphError | undefined {
  return findUnknown(fields, MEDIA_FIELDS, "IGMedia");
}

/** Graph puts `id` on every node even when not asked for. */
function withId(node: Node, id: string): Node {
  return "id" in node ? node : { ...node, id };
}

function userValue(state: FakeState, account: FakeAccount, name: string): unknown {
  switch (name) {
    case "id":
      return account.appScopedId;
    case "user_id":
      return account.userId;
    case "username":
      return account.username;
    case "name":
      return account.name;
    case "account_type":
      return account.accountType;
    case "profile_picture_url":
      return cdnUrl(state, "profile", account.userId);
    case "followers_count":
      return profileNumbers(account).followers_count;
    case "follows_count":
      return profileNumbers(account).follows_count;
    case "media_count":
      return account.media.length;
    case "biography":
      return `Sandbox account of ${account.name}.`;
    default:
      return undefined; // e.g. website: not set on fake profiles, so omitted
  }
}

export function renderUser(state: FakeState, account: FakeAccount, fields: FieldSpec[]): Node {
  const node: Node = {};
  for (const { name } of fields) {
    const value = userValue(state, account, name);
    if (value !== undefined) node[name] = value;
  }
  return withId(node, account.appScopedId);
}

/** Albums show their first child's URL; copyright-withheld videos have no media_url at all. */
function mediaUrl(state: FakeState, media: FakeMedia): string | undefined {
  if (media.media_type === "CAROUSEL_ALBUM") {
    const first = media.children?.[0];
    return first ? mediaUrl(state, first) : undefined;
  }
  if (media.media_type === "IMAGE") return cdnUrl(state, "image", media.id);
  return media.copyrightWithheld ? undefined : cdnUrl(state, "video", media.id);
}

function counts(media: FakeMedia): { like_count: number; comments_count: number } {
  const rng = seededRng(`counts:${media.id}`);
  return { like_count: rng.int(0, 2400), comments_count: rng.int(0, 90) };
}

interface MediaContext {
  state: FakeState;
  owner: FakeAccount;
  isChild: boolean;
}

function mediaValue(context: MediaContext, media: FakeMedia, field: FieldSpec): unknown {
  const { state, owner, isChild } = context;
  switch (field.name) {
    case "id":
      return media.id;
    case "caption":
      return isChild || media.caption === null ? undefined : media.caption;
    case "media_type":
      return media.media_type;
    case "media_product_type":
      return media.media_product_type;
    case "media_url":
      return mediaUrl(state, media);
    case "thumbnail_url":
      return media.media_type === "VIDEO" ? cdnUrl(state, "image", media.id) : undefined;
    case "permalink":
      return isChild ? undefined : media.permalink; // not available on album children
    case "timestamp":
      return media.timestamp;
    case "username":
      return owner.username;
    case "shortcode":
      return /\/(?:p|reel)\/([^/]+)\//.exec(media.permalink)?.[1];
    case "owner":
      return { id: owner.userId };
    case "like_count":
      return isChild ? undefined : counts(media).like_count;
    case "comments_count":
      return isChild ? undefined : counts(media).comments_count;
    case "is_shared_to_feed":
      return media.media_product_type === "REELS" ? true : undefined;
    case "children":
      return childrenValue(context, media, field.sub);
    default:
      return undefined;
  }
}

function childrenValue(context: MediaContext, media: FakeMedia, sub: FieldSpec[] | undefined): unknown {
  if (context.isChild || media.media_type !== "CAROUSEL_ALBUM" || !media.children) return undefined;
  const fields = sub ?? [{ name: "id" }];
  return { data: media.children.map((child) => renderMedia({ ...context, isChild: true }, child, fields)) };
}

export function renderMedia(context: MediaContext, media: FakeMedia, fields: FieldSpec[]): Node {
  const node: Node = {};
  for (const field of fields) {
    const value = mediaValue(context, media, field);
    if (value !== undefined) node[field.name] = value;
  }
  return withId(node, media.id);
}

/** A post of this account, or an album child of one (children are addressable by id too). */
export function findMedia(account: FakeAccount, id: string): { media: FakeMedia; isChild: boolean } | undefined {
  for (const media of account.media) {
    if (media.id === id) return { media, isChild: false };
    const child = media.children?.find((c) => c.id === id);
    if (child) return { media: child, isChild: true };
  }
  return undefined;
}
