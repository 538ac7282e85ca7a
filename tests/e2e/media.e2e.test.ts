// A merchant in a real browser, inside the (sandbox) admin: opens Media Sources, presses Sync now,
// watches the progress and then the grid of posts, told which feed shows how many of them; hides a post
// and undoes it from the toast; pins a post from the middle of the grid and is told (and taken to) where
// it went; hides one post and pins another, reloads, and finds both kept, and the feed's posts marked;
// connects a second account, which no feed shows, and is told so and sent to the Feeds page.
// Captions with markup show as text and never run.
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { newLocalContext } from "./support/browser";
import { useMerchantBrowser } from "./support/merchant";
import { placeFeedBlocks } from "./support/theme";
import { ROOT } from "../setup/paths";

const merchant = useMerchantBrowser();
const { app } = merchant;
const dialogs: string[] = [];
/** Failed requests of the Media Sources page, to explain a failing step. */
const failures: string[] = [];

beforeAll(() => {
  const { page } = merchant;
  page.on("response", (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname.startsWith("/app/media"))
      failures.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  page.on("pageerror", (error) => failures.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

const posts = () => app().getByRole("group", { name: /^(Photo|Video|Reel|Carousel) from / });
const openMediaSources = () => merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=/app/media`);

it("without an account, Media Sources sends the merchant to the Account page", async () => {
  await openMediaSources();
  await expect
    .poll(() => app().getByText("Connect Instagram to bring in your posts").isVisible(), { timeout: 15_000 })
    .toBe(true);
  expect(await app().getByRole("link", { name: "Go to Account" }).isVisible()).toBe(true);
});

it("Sync now shows progress, then the grid of posts", { timeout: 90_000 }, async () => {
  await merchant.connect("sandbox.studio");
  await expect
    .poll(() => app().getByRole("heading", { name: "@sandbox.studio", exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);

  await openMediaSources();
  await expect
    .poll(() => app().getByRole("heading", { name: "@sandbox.studio", exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  await app().getByRole("button", { name: "Sync now @sandbox.studio" }).click();

  const progress = app()
    .getByRole("status")
    .filter({ hasText: /Syncing… .* fetched so far|Sync queued/ });
  await expect.poll(() => progress.isVisible(), { timeout: 10_000, interval: 50 }).toBe(true);
  await merchant.page.screenshot({ path: path.join(ROOT, "tests/.artifacts/media-sync-progress.png") });
  await expect.poll(() => merchant.synced("sandbox.studio").isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await progress.count()).toBe(0);
  await expect.poll(() => posts().count(), { timeout: 10_000 }).toBe(24); // the first page of 36 posts
  // A new shop's "Main" feed has the first account and shows 12 posts.
  expect(await app().getByText("In feed Main: 12 of 36 posts are shown").isVisible()).toBe(true);
  expect(
    await app().getByText("Hiding or pinning a post changes it in every feed it's in.", { exact: false }).isVisible(),
  ).toBe(true);
  expect(
    await app()
      .getByText(/Succeeded: /)
      .first()
      .isVisible(),
  ).toBe(true);
  expect(await app().getByRole("cell", { name: "Sync now" }).first().isVisible()).toBe(true); // history row
  // Thumbnails load from the (stand-in) Instagram CDN through their signed links.
  await expect
    .poll(() =>
      posts()
        .first()
        .locator("img")
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    )
    .toBe(true);
});

/** The App Bridge toast with this text (the sandbox's stand-in draws it inside the app's frame). */
const toast = (text: string | RegExp) => app().getByRole("status").filter({ hasText: text });
const storedItem = (instagramId: string) => merchant.sandbox.db.mediaItem.findFirstOrThrow({ where: { instagramId } });

it("Hide shows a toast with Undo; Undo shows the post again", { timeout: 60_000 }, async () => {
  const post = posts().nth(2);
  const instagramId = (await post.getAttribute("data-instagram-id"))!;
  const card = app().locator(`[data-instagram-id="${instagramId}"]`);
  await post.getByRole("button", { name: "Hide", exact: true }).click();

  const hidden = toast("Post hidden");
  await expect.poll(() => hidden.isVisible(), { message: failures.join("\n") }).toBe(true);
  await expect.poll(async () => (await storedItem(instagramId)).hidden).toBe(true);
  expect(await card.getByText("Hidden", { exact: true }).isVisible()).toBe(true);

  await hidden.getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => toast("Post shown again").isVisible(), { message: failures.join("\n") }).toBe(true);
  expect(await hidden.count()).toBe(0); // Undo closes the toast it was on
  await expect.poll(() => card.getByRole("button", { name: "Hide", exact: true }).isVisible()).toBe(true);
  expect(await card.getByText("Hidden", { exact: true }).count()).toBe(0);
  await expect.poll(async () => (await storedItem(instagramId)).hidden).toBe(false);
  await expect.poll(() => app().getByText("In feed Main: 12 of 36 posts are shown").isVisible()).toBe(true);
});

it(
  "pinning a post from the middle of the grid says where it went, and focus goes with it",
  { timeout: 60_000 },
  async () => {
    const instagramId = (await posts().nth(9).getAttribute("data-instagram-id"))!;
    const card = app().locator(`[data-instagram-id="${instagramId}"]`);
    // From the keyboard: focus is on the Pin button when the post moves.
    await card.getByRole("button", { name: "Pin", exact: true }).press("Enter");

    const pinned = toast("Post pinned — moved to the top of the feed");
    await expect.poll(() => pinned.isVisible(), { message: failures.join("\n") }).toBe(true);
    expect(await pinned.getByRole("button", { name: "Undo" }).isVisible()).toBe(true);
    await expect.poll(() => posts().nth(0).getAttribute("data-instagram-id"), { timeout: 10_000 }).toBe(instagramId);
    const unpin = posts().nth(0).getByRole("button", { name: "Unpin", exact: true });
    await expect
      .poll(() => unpin.evaluate((button) => button === document.activeElement), {
        message: "focus follows the pinned post",
      })
      .toBe(true);
    await expect
      .poll(() =>
        unpin.evaluate(
          (button) =>
            button.getBoundingClientRect().top >= 0 && button.getBoundingClientRect().bottom <= window.innerHeight,
        ),
      )
      .toBe(true);
    expect((await storedItem(instagramId)).pinnedAt).not.toBeNull();

    // Undo: back in date order, in its old place, focus still with it.
    await pinned.getByRole("button", { name: "Undo" }).click();
    await expect
      .poll(() => toast("Post unpinned — back in date order").isVisible(), { message: failures.join("\n") })
      .toBe(true);
    await expect.poll(() => posts().nth(9).getAttribute("data-instagram-id"), { timeout: 10_000 }).toBe(instagramId);
    await expect
      .poll(() =>
        posts()
          .nth(9)
          .getByRole("button", { name: "Pin", exact: true })
          .evaluate((button) => button === document.activeElement),
      )
      .toBe(true);
    await expect.poll(async () => (await storedItem(instagramId)).pinnedAt).toBeNull();
  },
);

it("hiding one post and pinning another survives a reload", { timeout: 90_000 }, async () => {
  const hiddenId = await posts().nth(0).getAttribute("data-instagram-id");
  const pinnedId = await posts().nth(3).getAttribute("data-instagram-id");
  await posts().nth(0).getByRole("button", { name: "Hide", exact: true }).click();
  await expect
    .poll(() => app().locator(`[data-instagram-id="${hiddenId}"]`).getByText("Hidden", { exact: true }).isVisible())
    .toBe(true);
  await app().locator(`[data-instagram-id="${pinnedId}"]`).getByRole("button", { name: "Pin", exact: true }).click();
  // The grid reorders once the server has the pin (the badge and the button change at once).
  await expect
    .poll(() => posts().nth(0).getAttribute("data-instagram-id"), { timeout: 10_000, message: failures.join("\n") })
    .toBe(pinnedId);

  await openMediaSources();
  await expect.poll(() => posts().count(), { timeout: 15_000 }).toBe(24);
  await expect
    .poll(() => posts().nth(0).getAttribute("data-instagram-id"), { message: failures.join("\n") })
    .toBe(pinnedId);
  await expect
    .poll(() => posts().nth(0).getByText("Pinned", { exact: true }).isVisible(), { message: failures.join("\n") })
    .toBe(true);
  await expect.poll(() => posts().nth(0).getByRole("button", { name: "Unpin", exact: true }).isVisible()).toBe(true);
  const hidden = app().locator(`[data-instagram-id="${hiddenId}"]`);
  await expect
    .poll(() => hidden.getByText("Hidden", { exact: true }).isVisible(), { message: failures.join("\n") })
    .toBe(true);
  await expect.poll(() => hidden.getByRole("button", { name: "Show", exact: true }).isVisible()).toBe(true);
  // Main shows the pinned post and the 11 newest others: of the page's 24, the hidden one and 11 more aren't in it.
  await expect
    .poll(() => app().getByText("In feed Main: 12 of 36 posts are shown").isVisible(), { message: failures.join("\n") })
    .toBe(true);
  expect(await app().getByText("Not in a feed", { exact: true }).count()).toBe(11);
  expect(await posts().nth(12).getByText("Not in a feed", { exact: true }).count()).toBe(0); // the 12th shown
  expect(await posts().nth(13).getByText("Not in a feed", { exact: true }).isVisible()).toBe(true);

  const stored = await merchant.sandbox.db.mediaItem.findMany({
    where: { instagramId: { in: [hiddenId!, pinnedId!] } },
  });
  expect(stored.find((item) => item.instagramId === hiddenId)).toMatchObject({ hidden: true, pinnedAt: null });
  expect(stored.find((item) => item.instagramId === pinnedId)?.pinnedAt).not.toBeNull();
  await merchant.page.screenshot({ path: path.join(ROOT, "tests/.artifacts/media-page.png"), fullPage: true });
});

it("captions with markup are shown as text and never run", async () => {
  await expect
    .poll(() => app().getByText("<script>alert(1)</script>", { exact: false }).first().isVisible())
    .toBe(true);
  expect(dialogs).toEqual([]);
  expect(failures).toEqual([]);
});

it(
  "the sandbox's Storefront preview renders the published feed: pinned first, hidden gone, images from Shopify's Files",
  { timeout: 60_000 },
  async () => {
    const [hidden, pinned] = await Promise.all([
      merchant.sandbox.db.mediaItem.findFirstOrThrow({ where: { hidden: true } }),
      merchant.sandbox.db.mediaItem.findFirstOrThrow({ where: { pinnedAt: { not: null } } }),
    ]);
    // The theme's block shows the feed chosen in its Feed setting: "Main".
    const main = await merchant.sandbox.db.feed.findFirstOrThrow({ where: { name: "Main" } });
    const context = await newLocalContext(merchant.browser);
    await placeFeedBlocks(context, merchant.sandbox.url, [{ template: "index", feedId: main.id }]);
    const storefront = await context.newPage();
    const tileLinks = () =>
      storefront
        .locator(".sf a[href*='instagram.com/p/'], .sf a[href*='instagram.com/reel/']")
        .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    // Publishing runs in the background after the curation changes: reload until it has landed.
    await expect
      .poll(
        async () => {
          await storefront.goto(`${merchant.sandbox.url}/sandbox/storefront`);
          return (await tileLinks())[0];
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(pinned.permalink);
    expect(await tileLinks()).not.toContain(hidden.permalink);
    const sources = await storefront
      .locator(".sf img")
      .evaluateAll((images) =>
        images.map((image) => (image as HTMLImageElement).currentSrc || (image as HTMLImageElement).src),
      );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).not.toContain(new URL(merchant.sandbox.instagramOrigin).port); // never Instagram's expiring links
    await storefront.screenshot({ path: path.join(ROOT, "tests/.artifacts/storefront-preview.png"), fullPage: true });
    await storefront.close();
  },
);

it("an account no feed shows: the page says so and leads to the Feeds page", { timeout: 60_000 }, async () => {
  // A second account joins no feed on its own (only a shop's first account gets "Main").
  await merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=/app/account`);
  await app().getByRole("button", { name: "Connect another account" }).click();
  await merchant.approveOnInstagram("sandbox.creator");
  await expect
    .poll(() => app().getByRole("heading", { name: "@sandbox.creator", exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);

  await openMediaSources();
  // The first account's posts are on view; the second's card offers its own.
  const viewPosts = app().getByRole("button", { name: "View posts" });
  await expect.poll(() => viewPosts.isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await app().getByText("None", { exact: true }).count()).toBe(1); // its "In feeds"
  await viewPosts.click();

  const banner = app().getByText(
    "No feed shows @sandbox.creator's posts. Add the account to a feed on the Feeds page.",
  );
  await expect.poll(() => banner.isVisible(), { message: failures.join("\n") }).toBe(true);
  expect(
    await app()
      .getByText(/^In feeds? /)
      .count(),
  ).toBe(0); // no claim of what a feed shows
  const toFeeds = app().getByRole("link", { name: "Go to Feeds" });
  expect(new URL((await toFeeds.getAttribute("href"))!, merchant.sandbox.url).pathname).toBe("/app/feeds");
  expect(failures).toEqual([]);
});
