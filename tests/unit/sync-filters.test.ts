// What the storefront shows: hidden never, pinned first, then the newest posts the filters let through, up to the maximum.
import { describe, expect, it } from "vitest";
import {
  FiltersInput,
  captionHas,
  fieldErrorsOf,
  filtersFormErrors,
  parseTerms,
  storefrontSelection,
  type CuratedItem,
  type Filters,
} from "../../app/sync/filters";

const ALL: Filters = {
  includeWords: [],
  excludeWords: [],
  mediaTypes: ["IMAGE", "VIDEO", "CAROUSEL_ALBUM", "REELS"],
  maxPosts: 50,
};
let day = 0;
const post = (caption: string | null, extra: Partial<CuratedItem> & { name?: string } = {}) => ({
  name: extra.name ?? caption ?? "none",
  mediaType: "IMAGE",
  productType: "FEED",
  caption,
  postedAt: new Date(Date.UTC(2026, 10, 1 + day++)),
  hidden: false,
  pinnedAt: null,
  ...extra,
});
const names = (items: Array<{ name: string }>) => items.map((item) => item.name);

describe("matching words and hashtags", () => {
  it.each([
    ["Big SALE today", "sale", true],
    ["#sale starts now", "sale", true],
    ["wholesale prices", "sale", false],
    ["#Sale!", "#sale", true],
    ["#salesday", "#sale", false],
    ["sale", "#sale", false],
    ["Café au lait", "café", true],
    ["ÉTÉ collection", "été", true],
    ["summer  sale", "summer sale", false],
    ["summer sale", "summer sale", true],
    ["bloom 🌸 time", "🌸", true],
    [null, "sale", false],
  ])("%j with %j → %s", (caption, term, expected) => {
    expect(captionHas(caption, term)).toBe(expected);
  });

  it("reads one term per line or comma, dropping blanks and repeats", () => {
    expect(parseTerms(" sale,\n#Summer\n\nSALE ,  new   in ")).toEqual(["sale", "#Summer", "new in"]);
  });
});

describe("the storefront list", () => {
  it("drops hidden posts, puts pinned ones first (latest pin on top), then newest first", () => {
    const old = post("old");
    const pinnedFirst = post("pinned first", { pinnedAt: new Date("2026-11-10T00:00:00Z") });
    const middle = post("middle");
    const hidden = post("hidden", { hidden: true });
    const pinnedLater = post("pinned later", { pinnedAt: new Date("2026-11-11T00:00:00Z") });
    const newest = post("newest");
    const hiddenPinned = post("hidden pinned", { hidden: true, pinnedAt: new Date() });
    expect(
      names(storefrontSelection([old, pinnedFirst, middle, hidden, pinnedLater, newest, hiddenPinned], ALL)),
    ).toEqual(["pinned later", "pinned first", "newest", "middle", "old"]);
  });

  it("applies include and exclude words case-insensitively; pinned posts are shown regardless", () => {
    const items = [
      post("New #SALE on mugs"),
      post("Sale: plates", { name: "plates" }),
      post("Studio day"),
      post("sale but #sponsored", { name: "sponsored" }),
      post("Studio pinned", { pinnedAt: new Date() }),
      post(null),
    ];
    const filters = { ...ALL, includeWords: ["sale"], excludeWords: ["#Sponsored"] };
    expect(names(storefrontSelection(items, filters))).toEqual(["Studio pinned", "plates", "New #SALE on mugs"]);
  });

  it("filters kinds of post: reels apart from other videos", () => {
    const items = [
      post("photo"),
      post("feed video", { mediaType: "VIDEO" }),
      post("reel", { mediaType: "VIDEO", productType: "REELS" }),
      post("album", { mediaType: "CAROUSEL_ALBUM" }),
      post("unknown", { mediaType: "HOLOGRAM" }),
    ];
    expect(names(storefrontSelection(items, { ...ALL, mediaTypes: ["VIDEO", "CAROUSEL_ALBUM"] }))).toEqual([
      "album",
      "feed video",
    ]);
    expect(names(storefrontSelection(items, { ...ALL, mediaTypes: ["REELS"] }))).toEqual(["reel"]);
  });

  it("stops at the maximum, pinned posts included", () => {
    const items = [post("a"), post("b"), post("c", { pinnedAt: new Date() }), post("d")];
    expect(names(storefrontSelection(items, { ...ALL, maxPosts: 2 }))).toEqual(["c", "d"]);
  });
});

describe("the filters form", () => {
  const valid = { includeWords: "sale\n#new", excludeWords: "", mediaTypes: ["IMAGE", "REELS"], maxPosts: "12" };

  it("accepts and normalises a valid form", () => {
    expect(FiltersInput.parse(valid)).toEqual({
      includeWords: ["sale", "#new"],
      excludeWords: [],
      mediaTypes: ["IMAGE", "REELS"],
      maxPosts: 12,
    });
  });

  // The messages show under their field, so none repeats the field's label.
  const cases: Array<[Record<string, unknown>, keyof Filters, string]> = [
    [{ mediaTypes: [] }, "mediaTypes", "Choose at least one kind of post to show."],
    [{ mediaTypes: ["STORY"] }, "mediaTypes", "Choose kinds of post from the list."],
    [{ maxPosts: "0" }, "maxPosts", "Show at least 1 post."],
    [{ maxPosts: "51" }, "maxPosts", "Show at most 50 posts."],
    [{ maxPosts: "2.5" }, "maxPosts", "Enter a whole number of posts."],
    [{ maxPosts: "lots" }, "maxPosts", "Enter a number of posts."],
    [{ maxPosts: "" }, "maxPosts", "Enter a number of posts."],
    [{ includeWords: "#" }, "includeWords", "“#” has nothing to look for after the #."],
    [{ includeWords: "x".repeat(61) }, "includeWords", "“xxxxxxxxxxxxxxxxxxxx…” is longer than 60 characters."],
    [
      { includeWords: "summer sale handmade mugs plates bowls kiln studio new in today" },
      "includeWords",
      "Separate words with commas or new lines: “summer sale handmade…” reads as one phrase longer than 60 characters.",
    ],
    [
      { excludeWords: Array.from({ length: 51 }, (_, i) => `w${i}`).join("\n") },
      "excludeWords",
      "Use at most 50 words or hashtags.",
    ],
    [{ excludeWords: "x".repeat(5001) }, "excludeWords", "That's too much text: keep it under 5,000 characters."],
    [{ excludeWords: "SALE" }, "excludeWords", "“sale” is in both lists: take it out of one of them."],
  ];

  it.each(cases)("explains %j in plain words, on save", (change, field, message) => {
    const result = FiltersInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error)).toEqual({ [field]: message });
  });

  it.each(cases)("explains %j the same way as the merchant types", (change, field, message) => {
    expect(filtersFormErrors({ ...valid, ...change } as typeof valid)).toEqual({ [field]: message });
  });

  it("finds nothing to fix in a valid form, as typed or on save", () => {
    expect(filtersFormErrors(valid)).toEqual({});
    expect(FiltersInput.safeParse({ ...valid, maxPosts: " 12 " }).success).toBe(true);
  });

  it("refuses what a form can't send: files, numbers as words", () => {
    const result = FiltersInput.safeParse({ ...valid, includeWords: 42, maxPosts: { n: 1 } });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(fieldErrorsOf(result.error)).toEqual({
        includeWords: "Enter words or #hashtags as text.",
        maxPosts: "Enter a number of posts.",
      });
  });
});
