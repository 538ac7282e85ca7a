// A post as Instagram sends it → the post as we store it. Each item is validated on its own: an
// unknown media type or a malformed item is skipped (and counted), never a reason to fail a page.
import { createHash } from "node:crypto";
import { z } from "zod";
import { MediaNode } from "../instagram/schemas";
import { earliestExpiry } from "./link-expiry.server";

export const MEDIA_TYPES = ["IMAGE", "VIDEO", "CAROUSEL_ALBUM"] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export interface MediaChild {
  id: string;
  mediaType: MediaType;
  mediaUrl: string | null;
  thumbnailUrl: string | null;
}

export interface NormalizedMedia {
  instagramId: string;
  mediaType: MediaType;
  /** FEED, REELS, … or null when Instagram did not say (it may omit it). */
  productType: string | null;
  /** Plain text exactly as posted (HTML in it is text, escaped wherever shown); null when there is none. */
  caption: string | null;
  permalink: string;
  postedAt: Date;
  mediaUrl: string | null;
  thumbnailUrl: string | null;
  children: MediaChild[] | null;
  /** The earliest expiry among the post's links (null when none carries one). */
  linksExpireAt: Date | null;
  /** Changes when anything but the links changes (links are re-signed on every call). */
  contentHash: string;
}

export type SkipReason = "malformed" | "unknown_type" | "nothing_to_show";

export type MappedMedia =
  | { ok: true; item: NormalizedMedia }
  | {
      ok: false;
      reason: SkipReason;
      /** present when the item at least had an id: it still exists on Instagram */ instagramId?: string;
    };

const isMediaType = (value: unknown): value is MediaType => MEDIA_TYPES.includes(value as MediaType);

/** Only http(s) links are kept: anything else could never be an image and must never reach an href or src. */
const WebLink = z.url({ protocol: /^https?$/ });
function webLink(value: string | null | undefined): string | null {
  return value && WebLink.safeParse(value).success ? value : null;
}

/** "2019-09-26T22:36:43+0000" (Instagram's format) as well as any ISO 8601 time. */
export function parseInstagramTime(value: string | undefined): Date | null {
  if (!value) return null;
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

function mapChild(raw: unknown): MediaChild | null {
  const parsed = MediaNode.safeParse(raw);
  if (!parsed.success || !isMediaType(parsed.data.media_type) || parsed.data.media_type === "CAROUSEL_ALBUM")
    return null;
  const child = parsed.data;
  return {
    id: child.id,
    mediaType: child.media_type as MediaType,
    mediaUrl: webLink(child.media_url),
    thumbnailUrl: webLink(child.thumbnail_url),
  };
}

/** The image the admin (and later the storefront) shows for a post: videos by their cover, albums by their first item. */
export function previewLink(item: {
  mediaType: string;
  mediaUrl: string | null;
  thumbnailUrl: string | null;
  children: MediaChild[] | null;
}): string | null {
  if (item.mediaType === "VIDEO") return item.thumbnailUrl;
  if (item.mediaType === "IMAGE") return item.mediaUrl;
  for (const child of item.children ?? []) {
    const link = child.mediaType === "VIDEO" ? child.thumbnailUrl : child.mediaUrl;
    if (link) return link;
  }
  // An album's own media_url is its first item's (an .mp4 when that is a video): only trusted when no children were listed.
  return item.children?.length ? null : (item.thumbnailUrl ?? item.mediaUrl);
}

export function contentHashOf(item: Omit<NormalizedMedia, "contentHash" | "linksExpireAt">): string {
  const shape = [
    item.mediaType,
    item.productType,
    item.caption,
    item.permalink,
    item.postedAt.toISOString(),
    item.mediaUrl !== null,
    item.thumbnailUrl !== null,
    item.children?.map((child) => [child.id, child.mediaType, child.mediaUrl !== null, child.thumbnailUrl !== null]) ??
      null,
  ];
  return createHash("sha256").update(JSON.stringify(shape)).digest("base64url").slice(0, 32);
}

export function mapMedia(raw: unknown): MappedMedia {
  const parsed = MediaNode.safeParse(raw);
  if (!parsed.success) {
    const id = z.object({ id: z.string().regex(/^\d+$/) }).safeParse(raw);
    return { ok: false, reason: "malformed", instagramId: id.success ? id.data.id : undefined };
  }
  const node = parsed.data;
  if (!isMediaType(node.media_type)) return { ok: false, reason: "unknown_type", instagramId: node.id };
  const postedAt = parseInstagramTime(node.timestamp);
  if (!postedAt) return { ok: false, reason: "malformed", instagramId: node.id };

  const children =
    node.media_type === "CAROUSEL_ALBUM"
      ? (node.children?.data ?? []).map(mapChild).filter((child): child is MediaChild => child !== null)
      : null;
  const fields = {
    instagramId: node.id,
    mediaType: node.media_type,
    productType: node.media_product_type ?? null,
    caption: node.caption ?? null,
    permalink: webLink(node.permalink) ?? "",
    postedAt,
    mediaUrl: webLink(node.media_url),
    thumbnailUrl: webLink(node.thumbnail_url),
    children,
  };
  // A video withheld for copyright has no media_url but still its cover; a post with no image at all cannot be shown.
  if (!previewLink(fields)) return { ok: false, reason: "nothing_to_show", instagramId: node.id };
  return {
    ok: true,
    item: { ...fields, linksExpireAt: earliestExpiry(linksOf(fields)), contentHash: contentHashOf(fields) },
  };
}

/** The stored form of an album's children. */
export function childrenJson(children: MediaChild[] | null): string | null {
  return children ? JSON.stringify(children) : null;
}

const StoredChildren = z.array(
  z.object({
    id: z.string(),
    mediaType: z.enum(MEDIA_TYPES),
    mediaUrl: z.string().nullable(),
    thumbnailUrl: z.string().nullable(),
  }),
);

export function parseChildren(json: string | null): MediaChild[] | null {
  if (!json) return null;
  try {
    const parsed = StoredChildren.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface MediaLinks {
  mediaUrl: string | null;
  thumbnailUrl: string | null;
  /** Null when the reply listed no children (the stored ones are then kept). */
  children: MediaChild[] | null;
}

/** The links in a GET /{media-id} reply (fields: media_url, thumbnail_url, children{…}). */
export function mapLinks(raw: unknown): MediaLinks | null {
  const parsed = MediaNode.safeParse(raw);
  if (!parsed.success) return null;
  const node = parsed.data;
  const children = node.children
    ? node.children.data.map(mapChild).filter((child): child is MediaChild => child !== null)
    : null;
  return {
    mediaUrl: webLink(node.media_url),
    thumbnailUrl: webLink(node.thumbnail_url),
    children: children?.length ? children : null,
  };
}

export function linksOf(item: {
  mediaUrl: string | null;
  thumbnailUrl: string | null;
  children: MediaChild[] | null;
}): Array<string | null> {
  return [
    item.mediaUrl,
    item.thumbnailUrl,
    ...(item.children ?? []).flatMap((child) => [child.mediaUrl, child.thumbnailUrl]),
  ];
}
