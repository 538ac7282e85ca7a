// The feed form's rules: what the editor checks as the merchant types (feedFormErrors) is exactly what the
// server checks on save (FeedInput), and the form the editor posts (saveFormData, previewSearch) reads back
// on the server (feedFormData) as the settings the merchant saw.
import { describe, expect, it } from "vitest";
import {
  FEED_NAME_MAX,
  FeedInput,
  NO_SOURCES,
  feedFieldErrorsOf,
  feedFormData,
  feedFormErrors,
  nameProblem,
  type FeedForm,
} from "../../app/feed/feed-form";
import {
  feedFormOf,
  NEW_FEED_FILTERS,
  previewSearch,
  sameForm,
  saveFormData,
} from "../../app/components/feeds/feed-draft";

const form = (overrides: Partial<FeedForm> = {}): FeedForm => ({
  name: "Summer",
  sourceIds: ["source-a"],
  includeWords: "",
  excludeWords: "",
  mediaTypes: ["IMAGE", "VIDEO", "CAROUSEL_ALBUM", "REELS"],
  maxPosts: "12",
  ...overrides,
});

/** What the server makes of a form: its settings, or one message per field. */
function onSave(posted: FeedForm) {
  const parsed = FeedInput.safeParse(feedFormData(saveFormData(posted, null)));
  return parsed.success
    ? { ok: true as const, input: parsed.data }
    : { ok: false as const, errors: feedFieldErrorsOf(parsed.error) };
}

describe("the name", () => {
  it.each([
    ["", "Give the feed a name, such as “Home page” or “Summer lookbook”."],
    ["   \n ", "Give the feed a name, such as “Home page” or “Summer lookbook”."],
    ["x".repeat(FEED_NAME_MAX + 1), "Keep the name to 60 characters or fewer."],
  ])("%j is refused", (name, message) => {
    expect(nameProblem(name)).toBe(message);
    expect(feedFormErrors(form({ name }))).toEqual({ name: message });
    expect(onSave(form({ name }))).toEqual({ ok: false, errors: { name: message } });
  });

  it("60 characters is fine; spaces around it don't count, and runs of spaces inside become one", () => {
    expect(FEED_NAME_MAX).toBe(60);
    expect(nameProblem("x".repeat(60))).toBeUndefined();
    expect(nameProblem(`  ${"x".repeat(60)}  `)).toBeUndefined();
    expect(onSave(form({ name: "  Summer \t  lookbook " }))).toMatchObject({
      ok: true,
      input: { name: "Summer lookbook" },
    });
  });
});

describe("the accounts", () => {
  it("at least one is needed", () => {
    expect(feedFormErrors(form({ sourceIds: [] }))).toEqual({ sourceIds: NO_SOURCES });
    expect(onSave(form({ sourceIds: [] }))).toEqual({ ok: false, errors: { sourceIds: NO_SOURCES } });
  });

  it("keep the order they were ticked in, each once", () => {
    expect(onSave(form({ sourceIds: ["b", "a", "b"] }))).toMatchObject({ ok: true, input: { sourceIds: ["b", "a"] } });
  });

  it("more than 20, or an id that can't be one, is refused", () => {
    const many = Array.from({ length: 21 }, (_, i) => `source-${i}`);
    expect(onSave(form({ sourceIds: many }))).toMatchObject({ ok: false, errors: { sourceIds: expect.any(String) } });
    expect(onSave(form({ sourceIds: ["x".repeat(65)] }))).toMatchObject({
      ok: false,
      errors: { sourceIds: expect.any(String) },
    });
  });
});

describe("the filters", () => {
  it("the post count is 1 to 50, a whole number", () => {
    for (const [maxPosts, message] of [
      ["", "Enter a number of posts."],
      ["ten", "Enter a number of posts."],
      ["2.5", "Enter a whole number of posts."],
      ["0", "Show at least 1 post."],
      ["51", "Show at most 50 posts."],
    ]) {
      expect(feedFormErrors(form({ maxPosts }))).toEqual({ maxPosts: message });
      expect(onSave(form({ maxPosts }))).toEqual({ ok: false, errors: { maxPosts: message } });
    }
    expect(onSave(form({ maxPosts: "1" }))).toMatchObject({ ok: true, input: { maxPosts: 1 } });
    expect(onSave(form({ maxPosts: "50" }))).toMatchObject({ ok: true, input: { maxPosts: 50 } });
  });

  it("words are read one per line or comma, each once in any case; a word in both lists is refused", () => {
    expect(onSave(form({ includeWords: "#summer, beach\nBEACH\n\n", excludeWords: "#ad" }))).toMatchObject({
      ok: true,
      input: { includeWords: ["#summer", "beach"], excludeWords: ["#ad"] },
    });
    const both = form({ includeWords: "sale", excludeWords: "#ad, SALE" });
    expect(feedFormErrors(both)).toEqual({ excludeWords: "“sale” is in both lists: take it out of one of them." });
    expect(onSave(both)).toEqual({ ok: false, errors: feedFormErrors(both) });
  });

  it("at least one kind of post, from the list", () => {
    expect(feedFormErrors(form({ mediaTypes: [] }))).toEqual({
      mediaTypes: "Choose at least one kind of post to show.",
    });
    expect(onSave(form({ mediaTypes: ["IMAGE", "STORY"] }))).toEqual({
      ok: false,
      errors: { mediaTypes: "Choose kinds of post from the list." },
    });
  });
});

describe("the editor and the server agree", () => {
  it.each([
    form(),
    form({ name: "", sourceIds: [], mediaTypes: [], maxPosts: "0" }),
    form({ name: "y".repeat(61), includeWords: "x".repeat(61) }),
    form({ includeWords: "a, b", excludeWords: "B", maxPosts: "7.5" }),
    form({ excludeWords: "#" }),
  ])("on every field of %j", (posted) => {
    const result = onSave(posted);
    expect(result.ok ? {} : result.errors).toEqual(feedFormErrors(posted));
  });

  it("the settings saved are the ones shown in the form", () => {
    const settings = {
      name: "Summer lookbook",
      sourceIds: ["b", "a"],
      filters: {
        includeWords: ["#summer", "beach"],
        excludeWords: ["#ad"],
        mediaTypes: ["IMAGE" as const],
        maxPosts: 9,
      },
    };
    expect(onSave(feedFormOf(settings))).toEqual({
      ok: true,
      input: { name: settings.name, sourceIds: settings.sourceIds, ...settings.filters },
    });
  });

  it("Save sends the version the form was opened on and intent=save; the preview, only what picks posts", () => {
    const data = saveFormData(form({ sourceIds: ["b", "a"] }), "v1");
    expect([data.get("intent"), data.get("version"), data.getAll("sourceIds")]).toEqual(["save", "v1", ["b", "a"]]);
    expect(saveFormData(form(), null).has("version")).toBe(false);

    const query = new URLSearchParams(previewSearch(form({ name: "Anything", sourceIds: ["b", "a"], maxPosts: "5" })));
    expect(query.has("name")).toBe(false);
    expect(query.getAll("sourceIds")).toEqual(["b", "a"]);
    expect(query.getAll("mediaTypes")).toEqual(["IMAGE", "VIDEO", "CAROUSEL_ALBUM", "REELS"]);
    expect(query.get("maxPosts")).toBe("5");
    // A new name doesn't change the preview's query; a new post count does.
    expect(previewSearch(form({ name: "Other" }))).toBe(previewSearch(form()));
    expect(previewSearch(form({ maxPosts: "6" }))).not.toBe(previewSearch(form()));
  });

  it("a new feed starts with every kind of post and 12 posts, which the server accepts", () => {
    const fresh = feedFormOf({ name: "New", sourceIds: ["a"], filters: NEW_FEED_FILTERS });
    expect(fresh).toEqual(form({ name: "New", sourceIds: ["a"] }));
    expect(feedFormErrors(fresh)).toEqual({});
    expect(sameForm(fresh, form({ name: "New", sourceIds: ["a"] }))).toBe(true);
    expect(sameForm(fresh, form({ name: "New", sourceIds: ["a", "b"] }))).toBe(false);
  });
});
