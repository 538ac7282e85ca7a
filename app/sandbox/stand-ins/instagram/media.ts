// Deterministic, varied posts for a seeded account (newest first), as the IG User Media edge would list them.
import type { FakeMedia } from "./types";
import { captionFor } from "./captions";
import { mediaIdFrom, shortcodeFrom } from "./ids";
import { seededRng, type Rng } from "./random";

type Kind = "image" | "carousel" | "reel" | "feed-video" | "withheld-reel";

/** The first posts cover every kind, so even an 8-post account shows all of them. */
const FIRST_KINDS: readonly Kind[] = ["image", "carousel", "reel", "feed-video", "withheld-reel", "image"];

function kindFor(index: number, rng: Rng): Kind {
  const fixed = FIRST_KINDS[index];
  if (fixed) return fixed;
  const roll = rng.next();
  if (roll < 0.45) return "image";
  if (roll < 0.7) return "carousel";
  if (roll < 0.9) return "reel";
  return "feed-video";
}

/** Instagram's timestamp format: ISO 8601 UTC with "+0000" instead of "Z" and no milliseconds. */
export function igTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19) + "+0000";
}

interface IdSource {
  rng: Rng;
  used: Set<string>;
}

function uniqueMediaId(ids: IdSource): string {
  for (;;) {
    const id = mediaIdFrom(ids.rng);
    if (!ids.used.has(id)) {
      ids.used.add(id);
      return id;
    }
  }
}

function childrenFor(parent: Omit<FakeMedia, "children">, ids: IdSource): FakeMedia[] {
  const count = ids.rng.int(2, 4);
  return Array.from({ length: count }, (_, i): FakeMedia => {
    // One video child in some albums: clients must read thumbnail_url for it.
    const isVideo = i > 0 && ids.rng.next() < 0.25;
    return {
      id: uniqueMediaId(ids),
      caption: null, // album children carry no caption of their own
      media_type: isVideo ? "VIDEO" : "IMAGE",
      media_product_type: "FEED",
      timestamp: parent.timestamp,
      permalink: parent.permalink,
    };
  });
}

function postFor(
  kind: Kind,
  base: { id: string; caption: string | null; timestamp: string; shortcode: string },
): Omit<FakeMedia, "children"> {
  const isReel = kind === "reel" || kind === "withheld-reel";
  // Reels live under /reel/, everything else under /p/, as on instagram.com.
  const permalink = `https://www.instagram.com/${isReel ? "reel" : "p"}/${base.shortcode}/`;
  const mediaType = kind === "image" ? "IMAGE" : kind === "carousel" ? "CAROUSEL_ALBUM" : "VIDEO";
  const post: Omit<FakeMedia, "children"> = {
    id: base.id,
    caption: base.caption,
    media_type: mediaType,
    media_product_type: isReel ? "REELS" : "FEED",
    timestamp: base.timestamp,
    permalink,
  };
  if (kind === "withheld-reel") post.copyrightWithheld = true;
  return post;
}

/** `count` posts, newest first, the newest a few hours before `nowMs`, then 3 h to 3 days apart. */
export function generateMedia(username: string, count: number, nowMs: number): FakeMedia[] {
  const rng = seededRng(`media:${username}`);
  const ids: IdSource = { rng, used: new Set() };
  let at = Math.floor(nowMs / 3_600_000) * 3_600_000 - rng.int(1, 5) * 3_600_000;
  const posts: FakeMedia[] = [];
  for (let index = 0; index < count; index++) {
    at -= index === 0 ? 0 : rng.int(3 * 60, 72 * 60) * 60_000 + rng.int(0, 59) * 1000;
    const kind = kindFor(index, rng);
    const post: FakeMedia = postFor(kind, {
      id: uniqueMediaId(ids),
      caption: captionFor(index, rng),
      timestamp: igTimestamp(at),
      shortcode: shortcodeFrom(rng),
    });
    if (kind === "carousel") post.children = childrenFor(post, ids);
    posts.push(post);
  }
  return posts;
}
