// The home page tells the merchant whether the feed block is on their live theme, from App Bridge's
// app.extensions() reply, and links to the theme editor with the block ready to add.
import { describe, expect, it } from "vitest";
import { addBlockUrl, blockPlacement, blockTemplates } from "../../app/components/theme-block";

const theme = (status: string, placements: unknown[] = []) => [
  {
    handle: "some-admin-extension",
    type: "ui_extension",
    activations: [{ target: "admin.product-details.block.render" }],
  },
  {
    handle: "social-feed",
    type: "theme_app_extension",
    activations: [
      { handle: "instagram-feed", name: "Instagram feed", target: "section", status, activations: placements },
    ],
  },
];

describe("blockPlacement", () => {
  it("added when the block is active or placed on the published theme", () => {
    expect(blockPlacement(theme("active", [{ target: "template--index", themeId: 1 }]))).toBe("added");
    expect(blockPlacement(theme("available", [{ target: "template--index", themeId: 1 }]))).toBe("added");
  });
  it("not added when the block is only available", () => {
    expect(blockPlacement(theme("available"))).toBe("not_added");
  });
  it("unknown when App Bridge knows nothing of the extension (e.g. not deployed yet)", () => {
    expect(blockPlacement([])).toBe("unknown");
    expect(blockPlacement([{ handle: "social-feed", type: "ui_extension", activations: [] }])).toBe("unknown");
  });
});

it("names the templates the block is on in the merchant's words, whatever form the target takes", () => {
  const placements = [
    { target: "template:index", themeId: "gid://shopify/OnlineStoreTheme/1" },
    { target: "templates/product.json", themeId: "gid://shopify/OnlineStoreTheme/1" },
    { target: "template--page.about", themeId: 1 },
    { target: "template:index", themeId: 1 },
    { themeId: 1 },
  ];
  expect(blockTemplates(theme("active", placements))).toEqual(["Home page", "Product pages", "Pages (about)"]);
  expect(blockTemplates(theme("available"))).toEqual([]);
});

it("the deep link opens the theme editor on the home page with the block ready in a new apps section", () => {
  const url = new URL(addBlockUrl("acme.myshopify.com", "abc123"));
  expect(url.origin + url.pathname).toBe("https://acme.myshopify.com/admin/themes/current/editor");
  expect(Object.fromEntries(url.searchParams)).toEqual({
    template: "index",
    addAppBlockId: "abc123/instagram-feed",
    target: "newAppsSection",
  });
});
