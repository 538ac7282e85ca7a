// Instagram's posts → stored posts: every kind, every odd caption, expiring links, and items that
// must be skipped rather than crash a sync.
import { describe, expect, it } from "vitest";
import {
  contentHashOf,
  mapLinks,
  mapMedia,
  parseInstagramTime,
  previewLink,
} from "../../app/sync/instagram-media.server";
import { earliestExpiry, linkExpiry } from "../../app/sync/link-expiry.server";

const OE = (date: string) =>
  Math.floor(Date.parse(date) / 1000)
    .toString(16)
    .toUpperCase();
const cdn = (id: string, expires = "2026-12-01T00:00:00Z", ext = "jpg") =>
  `https://scontent-iad3-1.cdninstagram.com/v/t51.29350-15/${id}_n.${ext}?_nc_cat=107&oh=00_abc&oe=${OE(expires)}`;

const image = {
  id: "17918195224117851",
  caption: "Fresh from the kiln",
  media_type: "IMAGE",
  media_product_type: "FEED",
  media_url: cdn("1"),
  permalink: "https://www.instagram.com/p/abc/",
  timestamp: "2026-11-20T10:00:00+0000",
};

describe("link expiry (oe)", () => {
  it("reads oe as hex Unix seconds", () => {
    expect(linkExpiry("https://x.cdninstagram.com/a.jpg?oh=1&oe=650CEAF2")).toEqual(new Date(0x650ceaf2 * 1000));
    expect(linkExpiry(cdn("1", "2026-12-01T00:00:00Z"))).toEqual(new Date("2026-12-01T00:00:00Z"));
  });
  it.each([
    null,
    "",
    "not a url",
    "https://x/a.jpg",
    "https://x/a.jpg?oe=zz",
    "https://x/a.jpg?oe=1",
    "https://x/a.jpg?oe=FFFFFFFFFFFF",
  ])("has no known expiry for %j", (link) => expect(linkExpiry(link)).toBeNull());
  it("a post is only as fresh as its first link to die", () => {
    expect(earliestExpiry([cdn("1", "2026-12-03T00:00:00Z"), null, cdn("2", "2026-12-02T00:00:00Z")])).toEqual(
      new Date("2026-12-02T00:00:00Z"),
    );
    expect(earliestExpiry([null, "https://x/y.jpg"])).toBeNull();
  });
});

describe("mapping a post", () => {
  it("keeps an image with its caption, permalink, time and link expiry", () => {
    const mapped = mapMedia(image);
    expect(mapped).toMatchObject({
      ok: true,
      item: {
        instagramId: "17918195224117851",
        mediaType: "IMAGE",
        productType: "FEED",
        caption: "Fresh from the kiln",
        permalink: "https://www.instagram.com/p/abc/",
        postedAt: new Date("2026-11-20T10:00:00Z"),
        mediaUrl: image.media_url,
        thumbnailUrl: null,
        children: null,
        linksExpireAt: new Date("2026-12-01T00:00:00Z"),
      },
    });
  });

  it("keeps 17-digit ids sent as numbers exactly (as the lossless parser hands them over)", () => {
    const mapped = mapMedia({ ...image, id: "27640875392278831" });
    expect(mapped.ok && mapped.item.instagramId).toBe("27640875392278831");
  });

  it("shows a video by its cover, and a video withheld for copyright (no media_url) too", () => {
    const reel = {
      ...image,
      media_type: "VIDEO",
      media_product_type: "REELS",
      media_url: cdn("2", undefined, "mp4"),
      thumbnail_url: cdn("3"),
    };
    const mapped = mapMedia(reel);
    expect(mapped.ok && previewLink(mapped.item)).toBe(reel.thumbnail_url);
    const { media_url: _withheld, ...withheld } = reel;
    const mappedWithheld = mapMedia(withheld);
    expect(mappedWithheld).toMatchObject({
      ok: true,
      item: { mediaUrl: null, thumbnailUrl: reel.thumbnail_url, productType: "REELS" },
    });
    expect(mappedWithheld.ok && mappedWithheld.item.contentHash).not.toBe(mapped.ok && mapped.item.contentHash);
  });

  it("keeps a carousel's children and shows its first item (a video child by its cover)", () => {
    const album = {
      ...image,
      media_type: "CAROUSEL_ALBUM",
      media_url: cdn("c1", undefined, "mp4"),
      children: {
        data: [
          {
            id: "101",
            media_type: "VIDEO",
            media_url: cdn("c1", undefined, "mp4"),
            thumbnail_url: cdn("c1t", "2026-11-30T00:00:00Z"),
          },
          { id: "102", media_type: "IMAGE", media_url: cdn("c2") },
          { id: "103", media_type: "SOMETHING_NEW" },
          { media_type: "IMAGE" },
        ],
      },
    };
    const mapped = mapMedia(album);
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.item.children).toEqual([
      {
        id: "101",
        mediaType: "VIDEO",
        mediaUrl: album.children.data[0]!.media_url,
        thumbnailUrl: album.children.data[0]!.thumbnail_url,
      },
      { id: "102", mediaType: "IMAGE", mediaUrl: album.children.data[1]!.media_url, thumbnailUrl: null },
    ]);
    expect(previewLink(mapped.item)).toBe(album.children.data[0]!.thumbnail_url);
    expect(mapped.item.linksExpireAt).toEqual(new Date("2026-11-30T00:00:00Z"));
  });

  it.each([
    ["no caption", undefined, null],
    ["a null caption", null, null],
    ["emoji", "New drop 🌸✨ 👇🏽", "New drop 🌸✨ 👇🏽"],
    [
      "markup",
      'Sale <script>alert(1)</script> "><img src=x onerror=alert(1)>',
      'Sale <script>alert(1)</script> "><img src=x onerror=alert(1)>',
    ],
    ["2,200 characters", "x".repeat(2200), "x".repeat(2200)],
  ])("stores %s exactly, as text", (_name, caption, stored) => {
    const mapped = mapMedia({ ...image, caption });
    expect(mapped.ok && mapped.item.caption).toBe(stored);
  });

  it.each([
    ["not an object", "nope", "malformed", undefined],
    ["no id", { ...image, id: undefined }, "malformed", undefined],
    ["a bad time", { ...image, timestamp: "yesterday" }, "malformed", image.id],
    ["a story or other new kind", { ...image, media_type: "STORY_THING" }, "unknown_type", image.id],
    ["an image without a link", { ...image, media_url: undefined }, "nothing_to_show", image.id],
    [
      "a video with neither link nor cover",
      { ...image, media_type: "VIDEO", media_url: undefined },
      "nothing_to_show",
      image.id,
    ],
  ])("skips %s", (_name, raw, reason, instagramId) => {
    expect(mapMedia(raw)).toEqual({ ok: false, reason, instagramId });
  });

  it("never keeps a link that is not http(s)", () => {
    const mapped = mapMedia({
      ...image,
      permalink: "javascript:alert(1)",
      media_url: "javascript:alert(1)",
      thumbnail_url: cdn("t"),
    });
    expect(mapped).toEqual({ ok: false, reason: "nothing_to_show", instagramId: image.id });
    const withBadPermalink = mapMedia({ ...image, permalink: "javascript:alert(1)" });
    expect(withBadPermalink.ok && withBadPermalink.item.permalink).toBe("");
  });

  it("the content hash ignores re-signed links but sees every real change", () => {
    const base = mapMedia(image);
    const resigned = mapMedia({ ...image, media_url: cdn("1", "2026-12-05T00:00:00Z") });
    const edited = mapMedia({ ...image, caption: "Edited" });
    if (!base.ok || !resigned.ok || !edited.ok) throw new Error("mapping failed");
    expect(resigned.item.contentHash).toBe(base.item.contentHash);
    expect(edited.item.contentHash).not.toBe(base.item.contentHash);
    expect(contentHashOf({ ...base.item, productType: "REELS" })).not.toBe(base.item.contentHash);
  });

  it("reads Instagram's time format and ISO times", () => {
    expect(parseInstagramTime("2019-09-26T22:36:43+0000")).toEqual(new Date("2019-09-26T22:36:43Z"));
    expect(parseInstagramTime("2019-09-26T22:36:43-0130")).toEqual(new Date("2019-09-27T00:06:43Z"));
    expect(parseInstagramTime("2019-09-26T22:36:43Z")).toEqual(new Date("2019-09-26T22:36:43Z"));
    expect(parseInstagramTime(undefined)).toBeNull();
  });

  it("reads the links of a GET /{media-id} reply", () => {
    expect(
      mapLinks({
        id: "1",
        media_url: cdn("1"),
        children: { data: [{ id: "2", media_type: "IMAGE", media_url: cdn("2") }] },
      }),
    ).toEqual({
      mediaUrl: cdn("1"),
      thumbnailUrl: null,
      children: [{ id: "2", mediaType: "IMAGE", mediaUrl: cdn("2"), thumbnailUrl: null }],
    });
    expect(mapLinks({ nope: true })).toBeNull();
  });
});
