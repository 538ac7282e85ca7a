// The Instagram feed app block rendered with liquidjs (app/sandbox/storefront-render.ts) from fixture feeds:
// structure, the chosen feed, the layouts, escaping of hostile captions and usernames, responsive images
// per layout, alt text and accounts of merged feeds, how the CSS loads, the theme-editor placeholder and
// the empty output for visitors.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FeedDocument, FeedPost } from "../../app/feed/feed-document";
import { makeAccount, makeFeed, makePost } from "../fixtures/make-feed";
import {
  EXTENSION_DIR,
  blockSchema,
  defaultSettings,
  renderFeedBlock,
  translate,
  type FeedBlockSettings,
} from "../../app/sandbox/storefront-render";

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
/** The block's markup without its inline layout CSS (which names every class). */
const markup = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, "");
/** The tiles' images as rendered, without the <noscript> copies of the deferred ones. */
const images = (html: string) => elements(html.replace(/<noscript>[\s\S]*?<\/noscript>/g, ""), "img", "sf-img");
/** An image's src and srcset, whether given at once or deferred until the page's load (data-sf-…). */
const sources = ({ attrs }: Element) => ({
  src: attrs.src ?? attrs["data-sf-src"],
  srcset: attrs.srcset ?? attrs["data-sf-srcset"],
});

function feedWith(posts: FeedPost[], overrides: Partial<FeedDocument> = {}): FeedDocument {
  return { ...makeFeed(0), ...overrides, posts };
}

describe("structure", () => {
  it("renders every post of the feed, the heading and the account header", async () => {
    const feed = makeFeed(12);
    const html = await renderFeedBlock({ feed });
    expect(defaultSettings()).toMatchObject({
      layout: "grid",
      columns_desktop: 4,
      columns_mobile: 2,
      gap: 8,
      aspect_ratio: "square",
      click_action: "lightbox",
    });
    expect(defaultSettings()).not.toHaveProperty("post_count");
    expect(tiles(html)).toHaveLength(12);
    expect(tiles(html).map((t) => t.attrs.href)).toEqual(feed.posts.map((p) => p.permalink));
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

  it("shows as many posts as the feed holds: the feed's own count (set in the app) is the only one", async () => {
    expect(blockSchema().settings.map((setting) => setting.id)).not.toContain("post_count");
    expect(tiles(await renderFeedBlock({ feed: makeFeed(3) }))).toHaveLength(3);
    expect(tiles(await renderFeedBlock({ feed: makeFeed(50), settings: { post_count: 8 } as never }))).toHaveLength(50);
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
    expect(grid.attrs.style).toBe("--sf-cols: 4; --sf-cols-m: 2; --sf-gap: 8px; --sf-radius: 0px;");
    expect(elements(await renderFeedBlock({ feed: makeFeed(6) }), "button", "sf-nav")).toHaveLength(0);
    expect(tiles(await renderFeedBlock({ feed: makeFeed(6) })).every((t) => !("style" in t.attrs))).toBe(true);
  });

  it("offers grid, slider, masonry and highlight, each named in the schema's locale file", async () => {
    const layout = blockSchema().settings.find((setting) => setting.id === "layout")!;
    expect(layout.options!.map((option) => option.value)).toEqual(["grid", "slider", "masonry", "highlight"]);
    const names = JSON.parse(readFileSync(path.join(EXTENSION_DIR, "locales/en.default.schema.json"), "utf8"));
    for (const option of layout.options!) {
      const key = option.label.replace(/^t:/, "").split(".");
      const label = key.reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], names);
      expect(label, option.label).toEqual(expect.stringMatching(/\w/));
    }
  });

  it("lays masonry out in rows of 1/40 of a column: each tile spans its post's own shape, within 4:5 to 1.91:1", async () => {
    const wide = { ...makePost(0), image: { ...makePost(0).image, width: 1080, height: 400 } };
    const posts = [...makeFeed(4).posts, wide];
    // The square setting doesn't apply: masonry is about each post's own shape.
    const html = await renderFeedBlock({
      feed: feedWith(posts),
      settings: { layout: "masonry", aspect_ratio: "square" },
    });
    expect(elements(html, "div", "sf")[0]!.attrs.class.split(" ")).toEqual(["sf", "sf--masonry", "sf--captions"]);
    // 1080×1080 → 40 rows, 1080×1350 → 50, a 9:16 reel → 50 (4:5 at most), 1080×400 → 21 (1.91:1 at least)
    expect(elements(html, "li", "sf-item").map((li) => li.attrs.style)).toEqual(
      [40, 50, 40, 50, 21].map((rows) => `grid-row-end: span ${rows}`),
    );
    expect(tiles(html).every((tile) => !("style" in tile.attrs))).toBe(true);
  });

  it("makes highlight's first post the large tile (2×2, or 1 column on phones set to one), all square", async () => {
    const html = await renderFeedBlock({
      feed: makeFeed(6),
      settings: { layout: "highlight", aspect_ratio: "original" },
    });
    const root = elements(html, "div", "sf")[0]!;
    expect(root.attrs.class.split(" ")).toEqual(["sf", "sf--highlight", "sf--square", "sf--captions"]);
    expect(root.attrs.style).toBe("--sf-cols: 4; --sf-cols-m: 2; --sf-gap: 8px; --sf-radius: 0px; --sf-hl-m: 2;");
    expect(tiles(html).every((tile) => !("style" in tile.attrs))).toBe(true);
    const single = await renderFeedBlock({ feed: makeFeed(6), settings: { layout: "highlight", columns_mobile: 1 } });
    expect(elements(single, "div", "sf")[0]!.attrs.style).toContain("--sf-hl-m: 1;");
    // An unknown layout (a future one, or a hand-edited template) falls back to the grid.
    const unknown = await renderFeedBlock({ feed: makeFeed(2), settings: { layout: "mosaic" as never } });
    expect(elements(unknown, "div", "sf")[0]!.attrs.class).toContain("sf--grid");
  });

  it("uses the merchant's heading, hides heading and account header when asked", async () => {
    const feed = makeFeed(4);
    expect(
      texts(await renderFeedBlock({ feed, settings: { heading: "Shop our <b>feed</b>" } }), "h2", "sf-heading"),
    ).toEqual(["Shop our <b>feed</b>"]);
    const bare = await renderFeedBlock({ feed, settings: { show_heading: false, show_header: false } });
    expect(markup(bare)).not.toContain("sf-header");
    expect(elements(bare, "a", "sf-follow")).toHaveLength(0);
    expect(tiles(bare)).toHaveLength(4);
    const account = { ...feed.account, avatar: null };
    const noAvatar = await renderFeedBlock({ feed: { ...feed, account, accounts: [account] } });
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
    expect(markup(direct)).not.toContain("sf-caption");
  });
});

describe("escaping", () => {
  const hostileName = `"><script>alert("name")</script><img src=x onerror=alert(2)>`;

  it("renders hostile captions and usernames as text", async () => {
    const feed = makeFeed(12, hostileName);
    feed.account.profileUrl = "https://www.instagram.com/acme.studio/";
    const html = await renderFeedBlock({ feed, settings: { heading: '<img src=x onerror="alert(3)">' } });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img src=x/i);
    const handlers = elements(html, "[a-z][a-z0-9-]*").flatMap((el) =>
      Object.keys(el.attrs)
        .filter((name) => /^on/i.test(name))
        .map((name) => `${el.source.slice(1, el.source.search(/\s/))} ${name}="${el.attrs[name]}"`),
    );
    // "onerror=" only ever appears as escaped text; the one handler is the block's stylesheet's own.
    expect(handlers).toEqual([`link onload="this.media='all'"`]);
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
  const grid = "(min-width: 1200px) 269px, (min-width: 750px) calc((100vw - 124px) / 4), calc((100vw - 38px) / 2)";

  it("has a srcset of Shopify CDN widths, sizes from the tiles' width, and the post's width and height", async () => {
    const feed = makeFeed(8);
    const html = await renderFeedBlock({ feed });
    const imgs = images(html);
    expect(imgs).toHaveLength(8);
    imgs.forEach((img, i) => {
      const { url, width, height } = feed.posts[i]!.image;
      // Square tiles: a post that isn't square is asked for cut to a square.
      const crop = (w: number) => (height === width ? "" : `&height=${w}&crop=center`);
      expect(sources(img).src).toBe(`${url}&width=720${crop(720)}`);
      expect(sources(img).srcset).toBe(
        [180, 360, 540, 720, 1080].map((w) => `${url}&width=${w}${crop(w)} ${w}w`).join(", "),
      );
      // Dawn's page width: 1100px of content from 1200px, 50px padding each side from 750px, 15px below;
      // 4 columns (2 on phones) less their 8px gaps. Lazy images let browsers measure the tile (auto).
      expect(img.attrs.sizes).toBe(i < 4 ? grid : `auto, ${grid}`);
      expect(img.attrs).toMatchObject({ width: String(width), height: String(height), decoding: "async" });
    });
  });

  it("asks Shopify's CDN for each image cut to its tile's shape, only when the shapes differ", async () => {
    const wide = { ...makePost(0), image: { ...makePost(0).image, width: 1080, height: 400 } };
    const posts = [...makeFeed(4).posts, wide]; // 1:1, 9:16 reel, 1:1, 4:5, and 2.7:1
    const heights = async (settings: Partial<FeedBlockSettings>) =>
      images(await renderFeedBlock({ feed: feedWith(posts), settings })).map((img) =>
        sources(img)
          .srcset!.split(", ")
          .map((candidate) => /&height=(\d+)&crop=center /.exec(candidate)?.[1] ?? null),
      );
    const none = Array(5).fill(null);
    const square = ["180", "360", "540", "720", "1080"];
    expect(await heights({})).toEqual([none, square, none, square, ["180", "360", "540", "720", "1080"]]);
    expect(await heights({ layout: "highlight", aspect_ratio: "original" })).toEqual(await heights({}));
    // Each post's own shape, within 4:5 (the reel is cut to it) and 1.91:1 (the wide one).
    const portrait = ["225", "450", "675", "900", "1350"];
    const landscape = ["94", "188", "282", "376", "565"];
    expect(await heights({ aspect_ratio: "original" })).toEqual([none, portrait, none, none, landscape]);
    expect(await heights({ layout: "masonry" })).toEqual([none, portrait, none, none, landscape]);
    expect(
      sources(images(await renderFeedBlock({ feed: feedWith(posts), settings: { layout: "masonry" } }))[1]!).src,
    ).toBe(`${posts[1]!.image.url}&width=720&height=900&crop=center`);
  });

  it("uses ? for URLs without a query, and never asks for more than the image's width", async () => {
    const post = makePost(0);
    post.image = { url: "https://cdn.shopify.com/s/files/1/0123/files/small.jpg", width: 500, height: 625 };
    const html = await renderFeedBlock({ feed: feedWith([post]), settings: { columns_desktop: 3, columns_mobile: 1 } });
    const img = images(html)[0]!;
    const small = "https://cdn.shopify.com/s/files/1/0123/files/small.jpg";
    expect(img.attrs.src).toBe(`${small}?width=500&height=500&crop=center`);
    expect(img.attrs.srcset).toBe(
      [180, 360, 500].map((w) => `${small}?width=${w}&height=${w}&crop=center ${w}w`).join(", "),
    );
    expect(img.attrs.sizes).toBe(
      "(min-width: 1200px) 361px, (min-width: 750px) calc((100vw - 116px) / 3), calc((100vw - 30px) / 1)",
    );
    expect(img.attrs).toMatchObject({ width: "500", height: "625" });
  });

  it("sizes each layout's tiles as laid out: the slider's peek, highlight's large tile, the gap setting", async () => {
    const sizes = async (settings: Partial<FeedBlockSettings>) =>
      images(await renderFeedBlock({ feed: makeFeed(6), settings })).map((img) =>
        img.attrs.sizes!.replace(/^auto, /, ""),
      );
    expect(new Set(await sizes({ layout: "masonry" }))).toEqual(new Set([grid]));
    // The slider shows columns + a quarter of the next post on phones.
    expect(new Set(await sizes({ layout: "slider", columns_mobile: 1, gap: 16 }))).toEqual(
      new Set([
        "(min-width: 1200px) 263px, (min-width: 750px) calc((100vw - 148px) / 4), calc((100vw - 30px - 1 * 16px / 4) / 1.25)",
      ]),
    );
    const [large, ...small] = await sizes({ layout: "highlight" });
    expect(large).toBe(
      "(min-width: 1200px) 546px, (min-width: 750px) calc((100vw - 124px) / 4 * 2 + 8px), calc((100vw - 38px) / 2 * 2 + 8px)",
    );
    expect(new Set(small)).toEqual(new Set([grid]));
    // One column on phones: the large tile is one column wide there.
    const [largeSingle] = await sizes({ layout: "highlight", columns_mobile: 1, columns_desktop: 5, gap: 0 });
    expect(largeSingle).toBe(
      "(min-width: 1200px) 440px, (min-width: 750px) calc((100vw - 100px) / 5 * 2 + 0px), calc((100vw - 30px) / 1)",
    );
  });

  it("loads the first row eagerly and the rest lazily, never at high priority", async () => {
    const loading = async (settings: Partial<FeedBlockSettings>) =>
      images(await renderFeedBlock({ feed: makeFeed(12), settings })).map((img) => img.attrs.loading);
    const eager = (count: number) => [...Array(count).fill("eager"), ...Array(12 - count).fill("lazy")];
    expect(await loading({ columns_desktop: 3 })).toEqual(eager(3));
    expect(await loading({ columns_desktop: 2, columns_mobile: 3 })).toEqual(eager(3)); // phones show more
    expect(await loading({ layout: "slider" })).toEqual(eager(4));
    expect(await loading({ layout: "masonry", columns_desktop: 5 })).toEqual(eager(5)); // the top of each column
    // Highlight: the large tile and the small ones to its right (2 with 4 columns; none on phones).
    expect(await loading({ layout: "highlight" })).toEqual(eager(3));
    expect(await loading({ layout: "highlight", columns_desktop: 6 })).toEqual(eager(5));
    expect(await loading({ layout: "highlight", columns_desktop: 2, columns_mobile: 4 })).toEqual(eager(3));
    expect(await loading({ layout: "highlight", columns_desktop: 2, columns_mobile: 1 })).toEqual(eager(1));
    const html = await renderFeedBlock({ feed: makeFeed(12), settings: { layout: "highlight" } });
    expect(html).not.toContain('fetchpriority="high"');
  });

  it("holds the later tiles' images back until the page has loaded, with the plain image for browsers without JavaScript", async () => {
    for (const layout of ["grid", "slider", "masonry", "highlight"] as const) {
      const html = await renderFeedBlock({ feed: makeFeed(12), settings: { layout } });
      const imgs = images(html);
      const plain = [...html.matchAll(/<noscript>(<img [^>]*>)<\/noscript>/g)].map((m) => elements(m[1]!, "img")[0]!);
      const first = imgs.filter((img) => img.attrs.loading === "eager");
      const later = imgs.filter((img) => img.attrs.loading === "lazy");
      expect(first.length + later.length, layout).toBe(12);
      // The first row as it was: its images start at once, and there is no second copy.
      for (const img of first) {
        expect(img.attrs.src).toBeTruthy();
        expect(img.attrs.srcset).toBeTruthy();
        expect(Object.keys(img.attrs).filter((name) => name.startsWith("data-sf-"))).toEqual([]);
      }
      // The others name their image for social-feed.js to set once the page's load event has fired.
      expect(plain, layout).toHaveLength(later.length);
      later.forEach((img, i) => {
        expect(img.attrs.src).toBeUndefined();
        expect(img.attrs.srcset).toBeUndefined();
        const { "data-sf-src": src, "data-sf-srcset": srcset, ...rest } = img.attrs;
        // The <noscript> copy is the same image as a plain one: same candidates, size, alt and lazy loading.
        expect(plain[i]!.attrs).toEqual({ ...rest, src, srcset });
      });
    }
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

describe("a feed merging several accounts", () => {
  const merged = () =>
    makeFeed(6, "acme.studio", {
      moreAccounts: [makeAccount("acme.outlet"), { ...makeAccount('"><b>x</b>'), avatar: null }],
    });

  it("names each post's own account in its alt fallback and its lightbox line, the first one in the header", async () => {
    const feed = merged();
    feed.posts = feed.posts.map((post) => ({ ...post, alt: "" }));
    const html = await renderFeedBlock({ feed });
    // Posts come from accounts 0, 1, 2, 0, 1, 2.
    expect(images(html).map((img) => img.attrs.alt)).toEqual(
      ["acme.studio", "acme.outlet", '"><b>x</b>', "acme.studio", "acme.outlet", '"><b>x</b>'].map(
        (name) => `Instagram post by @${name}`,
      ),
    );
    // Tiles of the first account need no attribute: the lightbox shows the first line by default.
    expect(tiles(html).map((tile) => tile.attrs["data-sf-account"])).toEqual([
      undefined,
      "1",
      "2",
      undefined,
      "1",
      "2",
    ]);
    const lines = elements(html, "p", "sf-lb__account");
    expect(lines.map((line) => "hidden" in line.attrs)).toEqual([false, true, true]);
    expect(texts(html, "p", "sf-lb__account")).toEqual(["@acme.studio", "@acme.outlet", '@"><b>x</b>']);
    const lightbox = html.slice(html.indexOf("<dialog"));
    expect(elements(lightbox, "img", "sf-avatar").map((img) => img.attrs.src)).toEqual([
      `${feed.accounts[0]!.avatar!.url}&width=96`,
      `${feed.accounts[1]!.avatar!.url}&width=96`,
    ]);
    expect(elements(lightbox, "span", "sf-avatar")).toHaveLength(1); // the third account has no avatar
    // The header is the feed's first account; the list isn't one account's any more.
    expect(elements(html, "a", "sf-profile")[0]!.attrs.href).toBe(feed.account.profileUrl);
    expect(texts(html.slice(0, html.indexOf("<dialog")), "span", "sf-username")).toEqual(["@acme.studio"]);
    expect(elements(html, "ul", "sf-list")[0]!.attrs["aria-label"]).toBe("Instagram posts");
  });

  it("links a post without a usable permalink to its own account, and copes with a bad account index", async () => {
    const feed = merged();
    feed.posts[1] = { ...feed.posts[1]!, permalink: "javascript:alert(1)", alt: "" };
    feed.posts[2] = { ...feed.posts[2]!, account: 7, alt: "" };
    const html = await renderFeedBlock({ feed });
    expect(tiles(html)[1]!.attrs.href).toBe(feed.accounts[1]!.profileUrl);
    // An index with no account falls back to the feed's first account.
    expect(tiles(html)[2]!.attrs).not.toHaveProperty("data-sf-account");
    expect(images(html)[2]!.attrs.alt).toBe("Instagram post by @acme.studio");
  });

  it("has one lightbox line and no account attributes for a single-account feed", async () => {
    const html = await renderFeedBlock({ feed: makeFeed(6) });
    expect(elements(html, "p", "sf-lb__account")).toHaveLength(1);
    expect(html).not.toContain("data-sf-account");
    expect(elements(html, "ul", "sf-list")[0]!.attrs["aria-label"]).toBe("Instagram posts by @acme.studio");
  });
});

describe("the chosen feed", () => {
  it("renders the document of the feed chosen in the block's Feed setting", async () => {
    const lookbook = makeFeed(5, "acme.lookbook", { name: "Lookbook" });
    const html = await renderFeedBlock({ feed: { id: "ckfeed2", name: "Lookbook", document: lookbook } });
    expect(tiles(html).map((tile) => tile.attrs.href)).toEqual(lookbook.posts.map((post) => post.permalink));
    expect(texts(html, "span", "sf-username")[0]).toBe("@acme.lookbook");
  });

  it("renders each block's own feed when two blocks chose different feeds", async () => {
    const main = makeFeed(4, "acme.studio");
    const sale = makeFeed(7, "acme.sale", { name: "Sale" });
    sale.posts = sale.posts.map((post) => ({ ...post, permalink: post.permalink.replace("/p/", "/p/sale-") }));
    const [first, second] = await Promise.all([
      renderFeedBlock({ feed: { id: "main1", name: "Main", document: main }, blockId: "blockOne" }),
      renderFeedBlock({ feed: { id: "sale2", name: "Sale", document: sale }, blockId: "blockTwo" }),
    ]);
    expect(tiles(first).map((tile) => tile.attrs.href)).toEqual(main.posts.map((post) => post.permalink));
    expect(tiles(second).map((tile) => tile.attrs.href)).toEqual(sale.posts.map((post) => post.permalink));
    expect(first).toContain('id="sf-blockOne"');
    expect(second).toContain('id="sf-blockTwo"');
    expect(second).not.toContain("@acme.studio");
  });
});

describe("no feed", () => {
  const empty = [feedWith([]), {}, "not json", { posts: "nope" }];

  it("renders nothing for visitors when no feed is chosen (or the chosen one was deleted)", async () => {
    for (const feed of [undefined, null]) expect((await renderFeedBlock({ feed })).trim()).toBe("");
  });

  it("renders nothing for visitors when the chosen feed has no posts, or its metafield is missing", async () => {
    for (const feed of empty) expect((await renderFeedBlock({ feed })).trim()).toBe("");
    const missing = { id: "gone", name: "Gone", document: null };
    expect((await renderFeedBlock({ feed: missing })).trim()).toBe("");
  });

  it("asks the merchant to choose a feed in the theme editor when none is chosen", async () => {
    for (const feed of [undefined, null]) {
      const html = await renderFeedBlock({ feed, designMode: true });
      expect(texts(html, "p", "sf-placeholder__title")).toEqual(["Choose a feed for this block"]);
      expect(texts(html, "p", "sf-placeholder__text")[0]).toMatch(/“Feed” setting/);
      expect(html).toContain("data-shopify-editor-block");
      expect(html).not.toContain("translation missing");
      expect(html).not.toContain("social-feed.css"); // the placeholder's few rules are inline
    }
  });

  it("says the chosen feed has no posts yet in the theme editor", async () => {
    for (const feed of [...empty, { id: "gone", name: "Gone", document: null }]) {
      const html = await renderFeedBlock({ feed, designMode: true });
      expect(texts(html, "p", "sf-placeholder__title")).toEqual([translate("en", "instagram_feed.placeholder.title")]);
      expect(texts(html, "p", "sf-placeholder__text")[0]).toMatch(/synced in the Social Feed app/);
      expect(html).toContain("data-shopify-editor-block");
    }
    // With posts, the editor shows the feed itself.
    const html = await renderFeedBlock({ feed: makeFeed(4), designMode: true });
    expect(html).not.toContain("sf-placeholder");
    expect(tiles(html)).toHaveLength(4);
  });
});

describe("CSS", () => {
  it("inlines the layout and loads social-feed.css without blocking rendering, or plainly without JavaScript", async () => {
    const html = await renderFeedBlock({ feed: makeFeed(4), assetBaseUrl: "https://cdn.shopify.com/extensions/x/" });
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    expect(styles).toHaveLength(1);
    expect(styles[0]![1]).toContain(".sf--square .sf-tile{aspect-ratio:1}");
    expect(html.indexOf("<style>")).toBeLessThan(html.indexOf('class="sf-list"'));
    // media="print" doesn't block rendering; once loaded it applies to the screen.
    const links = elements(html, "link");
    expect(links[0]!.attrs).toEqual({
      rel: "stylesheet",
      href: "https://cdn.shopify.com/extensions/x/social-feed.css",
      media: "print",
      onload: "this.media='all'",
    });
    // Without JavaScript the onload never runs: <noscript> holds Shopify's stylesheet_tag.
    expect(html).toContain(
      '<noscript><link href="https://cdn.shopify.com/extensions/x/social-feed.css" rel="stylesheet" type="text/css" media="all" /></noscript>',
    );
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
    for (const settings of [
      {},
      { layout: "slider" as const },
      { layout: "masonry" as const },
      { layout: "highlight" as const },
      { click_action: "instagram" as const },
    ]) {
      const html = await renderFeedBlock({ feed, settings });
      const textNodes = [...html.replace(/<(svg|style)[\s\S]*?<\/\1>/g, "").matchAll(/>([^<]+)</g)]
        .map((m) => decode(m[1]!).trim())
        .filter(Boolean);
      expect(textNodes.length).toBeGreaterThan(10);
      for (const text of textNodes) expect(localized.has(text) || data.has(text), `not localized: ${text}`).toBe(true);
    }
  });
});
