// The Instagram feed app block rendered with liquidjs (app/sandbox/storefront-render.ts) from fixture feeds:
// structure, escaping of hostile captions and usernames, responsive images, alt text, the theme-editor
// placeholder and the empty output for visitors.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FeedDocument, FeedPost } from "../../app/feed/feed-document";
import { makeFeed, makePost } from "../fixtures/make-feed";
import { EXTENSION_DIR, defaultSettings, renderFeedBlock, translate } from "../../app/sandbox/storefront-render";

type Element = { tag: string; attrs: Record<string, string>; source: string };

const decode = (text: string) =>
  text.replace(/&(#\d+|#x[\da-f]+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (entity[0] !== "#") return named[entity.toLowerCase()]!;
    return String.fromCodePoint(entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });

/** Start tags of `tag` (optionally with a class), attributes decoded. Enough for our own, well-formed markup. */
function elements(html: string, tag: string, className?: string): Element[] {
  const found: Element[] = [];
  for (const match of html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const attr of (match[1] ?? "").matchAll(/([\w:-]+)(?:\s*=\s*"([^"]*)")?/g))
      attrs[attr[1]!] = decode(attr[2] ?? "");
    if (className && !(attrs.class ?? "").split(/\s+/).includes(className)) continue;
    found.push({ tag, attrs, source: match[0] });
  }
  return found;
}

/** Text content of every `<tag class="className">…</tag>` without nested tags of the same name. */
function texts(html: string, tag: string, className: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag} class="${className}"[^>]*>([\\s\\S]*?)</${tag}>`, "g"))].map((m) =>
    decode(m[1]!.replace(/<[^>]+>/g, "")).trim(),
  );
}

const tiles = (html: string) => elements(html, "a", "sf-tile");
const images = (html: string) => elements(html, "img", "sf-img");

function feedWith(posts: FeedPost[], overrides: Partial<FeedDocument> = {}): FeedDocument {
  return { ...makeFeed(0), ...overrides, posts };
}

describe("structure", () => {
  it("renders the configured number of posts, the heading and the account header", async () => {
    const feed = makeFeed(12);
    const html = await renderFeedBlock({ feed });
    expect(defaultSettings()).toMatchObject({
      layout: "grid",
      columns_desktop: 4,
      columns_mobile: 2,
      post_count: 8,
      gap: 8,
      aspect_ratio: "square",
      click_action: "lightbox",
    });
    expect(tiles(html)).toHaveLength(8);
    expect(tiles(html).map((t) => t.attrs.href)).toEqual(feed.posts.slice(0, 8).map((p) => p.permalink));
    for (const tile of tiles(html)) expect(tile.attrs).toMatchObject({ target: "_blank", rel: "noopener" });

    expect(texts(html, "h2", "sf-heading")).toEqual([translate("en", "instagram_feed.heading")]);
    const follow = elements(html, "a", "sf-follow");
    expect(follow).toHaveLength(1);
    expect(follow[0]!.attrs).toMatchObject({ href: feed.account.profileUrl, target: "_blank", rel: "noopener" });
    expect(texts(html, "a", "sf-follow")).toEqual(["Follow on Instagram"]);
    expect(elements(html, "a", "sf-profile")[0]!.attrs.href).toBe(feed.account.profileUrl);
    expect(texts(html, "span", "sf-username")[0]).toBe("@acme.studio");
    const avatar = elements(html, "img", "sf-avatar")[0]!;
    expect(avatar.attrs).toMatchObject({
      src: `${feed.account.avatar!.url}&width=96`,
      width: "44",
      height: "44",
      alt: "",
    });
    expect(html).not.toContain("translation missing");
  });

  it("renders as many posts as asked for, at most as many as the feed has", async () => {
    expect(tiles(await renderFeedBlock({ feed: makeFeed(12), settings: { post_count: 12 } }))).toHaveLength(12);
    expect(tiles(await renderFeedBlock({ feed: makeFeed(3), settings: { post_count: 8 } }))).toHaveLength(3);
    expect(tiles(await renderFeedBlock({ feed: makeFeed(50), settings: { post_count: 50 } }))).toHaveLength(50);
  });

  it("turns settings into the layout's classes and custom properties", async () => {
    const html = await renderFeedBlock({
      feed: makeFeed(6),
      settings: {
        layout: "slider",
        columns_desktop: 5,
        columns_mobile: 1,
        gap: 16,
        corner_radius: 12,
        aspect_ratio: "original",
        show_captions: false,
      },
    });
    const root = elements(html, "div", "sf")[0]!;
    expect(root.attrs.class.split(" ")).toEqual(["sf", "sf--slider"]);
    expect(root.attrs.style).toBe("--sf-cols: 5; --sf-cols-m: 1; --sf-gap: 16px; --sf-radius: 12px;");
    // Slider buttons exist for the script to reveal; hidden without it.
    const nav = elements(html, "button", "sf-nav");
    expect(nav).toHaveLength(2);
    for (const button of nav) expect(button.attrs).toHaveProperty("hidden");

    // Original shapes: each tile carries its post's ratio, kept within Instagram's 1.91:1 to 4:5.
    expect(tiles(html).map((t) => t.attrs.style)).toEqual([
      "aspect-ratio: 1080 / 1080",
      "aspect-ratio: 4 / 5",
      "aspect-ratio: 1080 / 1080",
      "aspect-ratio: 1080 / 1350",
      "aspect-ratio: 1080 / 1080",
      "aspect-ratio: 1080 / 1350",
    ]);
    const wide = { ...makePost(0), image: { ...makePost(0).image, width: 1080, height: 400 } };
    expect(
      tiles(await renderFeedBlock({ feed: feedWith([wide]), settings: { aspect_ratio: "original" } }))[0]!.attrs.style,
    ).toBe("aspect-ratio: 1.91 / 1");

    const grid = elements(await renderFeedBlock({ feed: makeFeed(6) }), "div", "sf")[0]!;
    expect(grid.attrs.class.split(" ")).toEqual(["sf", "sf--grid", "sf--square", "sf--captions"]);
    expect(elements(await renderFeedBlock({ feed: makeFeed(6) }), "button", "sf-nav")).toHaveLength(0);
    expect(tiles(await renderFeedBlock({ feed: makeFeed(6) })).every((t) => !("style" in t.attrs))).toBe(true);
  });

  it("uses the merchant's heading, hides heading and account header when asked", async () => {
    const feed = makeFeed(4);
    expect(
      texts(await renderFeedBlock({ feed, settings: { heading: "Shop our <b>feed</b>" } }), "h2", "sf-heading"),
    ).toEqual(["Shop our <b>feed</b>"]);
    const bare = await renderFeedBlock({ feed, settings: { show_heading: false, show_header: false } });
    expect(bare).not.toContain("sf-header");
    expect(elements(bare, "a", "sf-follow")).toHaveLength(0);
    expect(tiles(bare)).toHaveLength(4);
    const noAvatar = await renderFeedBlock({ feed: { ...feed, account: { ...feed.account, avatar: null } } });
    expect(elements(noAvatar, "img", "sf-avatar")).toHaveLength(0);
    expect(elements(noAvatar, "span", "sf-avatar").length).toBeGreaterThan(0);
  });

  it("marks videos, reels and carousels with a labelled badge", async () => {
    const html = await renderFeedBlock({ feed: makeFeed(5) }); // kinds: image, reel, carousel, video, image
    const items = html
      .split('<li class="sf-item">')
      .slice(1)
      .map((item) => item.slice(0, item.indexOf("</li>")));
    const badge = (item: string) => texts(item, "span", "sf-vh")[0] ?? null;
    expect(items.map(badge)).toEqual([null, "Reel", "Carousel", "Video", null]);
  });

  it("gives the lightbox what it needs, and leaves it out when posts open on Instagram", async () => {
    const feed = makeFeed(5);
    const html = await renderFeedBlock({ feed });
    const [image, reel, carousel, video] = tiles(html);
    expect(reel!.attrs["data-sf-video"]).toBe(feed.posts[1]!.video!.url);
    expect(video!.attrs).toHaveProperty("data-sf-video", ""); // a video without a hosted file: link to Instagram
    expect(JSON.parse(carousel!.attrs["data-sf-slides"]!)).toEqual(feed.posts[2]!.children);
    expect(image!.attrs).not.toHaveProperty("data-sf-video");
    expect(elements(html, "dialog", "sf-lb")).toHaveLength(1);
    expect(elements(html, "dialog", "sf-lb")[0]!.attrs).toMatchObject({
      "aria-label": "Instagram post",
      "data-sf-post": "Post %c of %t",
    });

    const direct = await renderFeedBlock({ feed, settings: { click_action: "instagram", show_captions: false } });
    expect(direct).not.toContain("<dialog");
    expect(direct).not.toContain("data-sf-video");
    expect(direct).not.toContain("sf-caption");
  });
});

describe("escaping", () => {
  const hostileName = `"><script>alert("name")</script><img src=x onerror=alert(2)>`;

  it("renders hostile captions and usernames as text", async () => {
    const feed = makeFeed(12, hostileName);
    feed.account.profileUrl = "https://www.instagram.com/acme.studio/";
    const html = await renderFeedBlock({
      feed,
      settings: { post_count: 12, heading: '<img src=x onerror="alert(3)">' },
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img src=x/i);
    const handlers = elements(html, "[a-z][a-z0-9-]*").flatMap((el) =>
      Object.keys(el.attrs).filter((name) => /^on/i.test(name)),
    );
    expect(handlers).toEqual([]); // "onerror=" only ever appears as escaped text
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; new drop friday");

    // The exact text survives: captions, alt text, username, heading.
    const captions = texts(html, "span", "sf-caption");
    expect(captions).toContain("<script>alert(1)</script> new drop friday");
    expect(captions).toContain('"><img src=x onerror=alert(1)> careful with this one');
    expect(images(html).map((img) => img.attrs.alt)).toContain('"><img src=x onerror=alert(1)> careful with this one');
    expect(texts(html, "span", "sf-username")[0]).toBe(`@${hostileName}`);
    expect(texts(html, "h2", "sf-heading")).toEqual(['<img src=x onerror="alert(3)">']);
    expect(elements(html, "ul", "sf-list")[0]!.attrs["aria-label"]).toBe(`Instagram posts by @${hostileName}`);
    // The alt fallback interpolates the username: escaped too.
    expect(images(html)[3]!.attrs.alt).toBe(`Instagram post by @${hostileName}`);
  });

  it("never links to anything but https", async () => {
    const post = { ...makePost(0), permalink: "javascript:alert(1)" };
    const feed = feedWith([post, makePost(1)]);
    const html = await renderFeedBlock({ feed });
    expect(html).not.toContain("javascript:");
    expect(tiles(html)[0]!.attrs.href).toBe(feed.account.profileUrl);
    const noProfile = await renderFeedBlock({
      feed: { ...feed, account: { ...feed.account, profileUrl: "javascript:alert(1)" } },
    });
    expect(noProfile).not.toContain("javascript:");
    expect(elements(noProfile, "a", "sf-follow")).toHaveLength(0);
  });
});

describe("images", () => {
  it("has a srcset of Shopify CDN widths, sizes from the columns, and the post's width and height", async () => {
    const feed = makeFeed(8);
    const html = await renderFeedBlock({ feed });
    const imgs = images(html);
    expect(imgs).toHaveLength(8);
    imgs.forEach((img, i) => {
      const { url, width, height } = feed.posts[i]!.image;
      expect(img.attrs.src).toBe(`${url}&width=720`);
      expect(img.attrs.srcset).toBe([180, 360, 540, 720, 1080].map((w) => `${url}&width=${w} ${w}w`).join(", "));
      expect(img.attrs.sizes).toBe("(min-width: 1200px) 300px, (min-width: 750px) calc(100vw / 4), calc(100vw / 2)");
      expect(img.attrs).toMatchObject({ width: String(width), height: String(height), decoding: "async" });
    });
  });

  it("uses ? for URLs without a query, and never asks for more than the image's width", async () => {
    const post = makePost(0);
    post.image = { url: "https://cdn.shopify.com/s/files/1/0123/files/small.jpg", width: 500, height: 625 };
    const html = await renderFeedBlock({ feed: feedWith([post]), settings: { columns_desktop: 3, columns_mobile: 1 } });
    const img = images(html)[0]!;
    expect(img.attrs.src).toBe("https://cdn.shopify.com/s/files/1/0123/files/small.jpg?width=500");
    expect(img.attrs.srcset).toBe(
      ["180", "360", "500"]
        .map((w) => `https://cdn.shopify.com/s/files/1/0123/files/small.jpg?width=${w} ${w}w`)
        .join(", "),
    );
    expect(img.attrs.sizes).toBe("(min-width: 1200px) 400px, (min-width: 750px) calc(100vw / 3), calc(100vw / 1)");
    expect(img.attrs).toMatchObject({ width: "500", height: "625" });
  });

  it("loads the first row eagerly and the rest lazily, never at high priority", async () => {
    const html = await renderFeedBlock({ feed: makeFeed(12), settings: { post_count: 12, columns_desktop: 3 } });
    expect(images(html).map((img) => img.attrs.loading)).toEqual(["eager", "eager", "eager", ...Array(9).fill("lazy")]);
    expect(html).not.toContain('fetchpriority="high"');
    const mobileWider = await renderFeedBlock({
      feed: makeFeed(6),
      settings: { columns_desktop: 2, columns_mobile: 3 },
    });
    expect(images(mobileWider).filter((img) => img.attrs.loading === "eager")).toHaveLength(3);
  });

  it("takes alt text from the post, with a localized fallback naming the account", async () => {
    const feed = makeFeed(5); // post 3 has no caption, so no alt
    const alts = images(await renderFeedBlock({ feed })).map((img) => img.attrs.alt);
    expect(alts.slice(0, 3)).toEqual(feed.posts.slice(0, 3).map((p) => p.alt));
    expect(alts[3]).toBe("Instagram post by @acme.studio");
    expect(alts[4]).toBe(feed.posts[4]!.alt);
    const blankAlt = { ...makePost(0), alt: "   " };
    expect(images(await renderFeedBlock({ feed: feedWith([blankAlt]) }))[0]!.attrs.alt).toBe(
      "Instagram post by @acme.studio",
    );
  });
});

describe("no feed", () => {
  const nothing = [undefined, null, feedWith([]), {}, "not json", { posts: "nope" }];

  it("renders nothing at all for visitors when there is no feed or it has no posts", async () => {
    for (const feed of nothing) expect((await renderFeedBlock({ feed })).trim()).toBe("");
  });

  it("shows a localized placeholder in the theme editor only", async () => {
    for (const feed of nothing) {
      const html = await renderFeedBlock({ feed, designMode: true });
      expect(texts(html, "p", "sf-placeholder__title")).toEqual([translate("en", "instagram_feed.placeholder.title")]);
      expect(texts(html, "p", "sf-placeholder__text")[0]).toMatch(/connect an Instagram account/);
      expect(html).toContain("data-shopify-editor-block");
      expect(html).not.toContain("translation missing");
    }
    // With posts, the editor shows the feed itself.
    const html = await renderFeedBlock({ feed: makeFeed(4), designMode: true });
    expect(html).not.toContain("sf-placeholder");
    expect(tiles(html)).toHaveLength(4);
  });
});

describe("translations", () => {
  it("interpolates name: value arguments and reports missing keys as Shopify does", () => {
    expect(translate("en", "instagram_feed.alt_fallback", { username: "x" })).toBe("Instagram post by @x");
    expect(translate("fr", "instagram_feed.follow")).toBe("Follow on Instagram"); // default locale fallback
    expect(translate("en", "instagram_feed.nope")).toBe("translation missing: en.instagram_feed.nope");
  });

  it("has every visible string of the block in the locale file", async () => {
    const flatten = (node: unknown): string[] =>
      typeof node === "string" ? [node] : Object.values(node as object).flatMap(flatten);
    const localized = new Set(
      flatten(JSON.parse(readFileSync(path.join(EXTENSION_DIR, "locales/en.default.json"), "utf8"))),
    );
    const feed = makeFeed(12);
    const data = new Set([...feed.posts.map((p) => p.caption), `@${feed.account.username}`]);
    for (const settings of [{}, { layout: "slider" as const }, { click_action: "instagram" as const }]) {
      const html = await renderFeedBlock({ feed, settings });
      const textNodes = [...html.replace(/<svg[\s\S]*?<\/svg>/g, "").matchAll(/>([^<]+)</g)]
        .map((m) => decode(m[1]!).trim())
        .filter(Boolean);
      expect(textNodes.length).toBeGreaterThan(10);
      for (const text of textNodes) expect(localized.has(text) || data.has(text), `not localized: ${text}`).toBe(true);
    }
  });
});
