// Several feeds, end to end in a real browser: two Instagram accounts connected, the "Main" feed the first
// one got and a second feed made on the Feeds page, each placed on its own block in the stand-in theme
// editor (chosen by name, as in Shopify's picker) and each showing only its own account's posts in the
// Storefront preview. Disconnecting an account empties only the feed it fed; deleting that feed blanks
// only its block.
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useMerchantBrowser } from "./support/merchant";

const merchant = useMerchantBrowser();
const { app } = merchant;
const STUDIO = "sandbox.studio";
const CREATOR = "sandbox.creator";
const SECOND_FEED = "Creator picks";

const adminPage = (path: string) =>
  merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=${encodeURIComponent(path)}`);

/** What a block of the Storefront preview shows: its tiles' links, the account in its header, its placeholder. */
interface BlockView {
  links: string[];
  username: string | null;
  placeholder: string | null;
}

/** Every feed block of the preview's home page, in order (`design`: as the theme editor shows them). */
async function storefrontBlocks(storefront: Page, design = false): Promise<BlockView[]> {
  await storefront.goto(`${merchant.sandbox.url}/sandbox/storefront${design ? "?design=1" : ""}`);
  return storefront.locator(".shopify-app-block").evaluateAll((blocks) =>
    blocks.map((block) => ({
      links: [...block.querySelectorAll("a.sf-tile")].map((link) => link.getAttribute("href") ?? ""),
      username: block.querySelector(".sf-username")?.textContent?.trim() ?? null,
      placeholder: block.querySelector(".sf-placeholder__title")?.textContent?.trim() ?? null,
    })),
  );
}

/** Reloads the preview until `check` holds: publishing runs in the background. */
async function storefrontComesTo(storefront: Page, check: (blocks: BlockView[]) => boolean, design = false) {
  let last: BlockView[] = [];
  await expect
    .poll(
      async () => {
        last = await storefrontBlocks(storefront, design);
        return check(last);
      },
      { timeout: 30_000, interval: 500, message: "the storefront preview never showed it" },
    )
    .toBe(true);
  return last;
}

const permalinksOf = async (username: string) =>
  new Set(
    (
      await merchant.sandbox.db.mediaItem.findMany({
        where: { source: { account: { username } } },
        select: { permalink: true },
      })
    ).map((item) => item.permalink),
  );

/** Account page › Connect (another account) › Allow, back on the Account page with it connected. */
async function connect(username: string, button: string) {
  await adminPage("/app/account");
  await app().getByRole("button", { name: button }).click();
  await merchant.approveOnInstagram(username);
  await expect
    .poll(
      () =>
        app()
          .getByRole("heading", { name: `@${username}` })
          .isVisible(),
      { timeout: 15_000 },
    )
    .toBe(true);
}

it("two feeds on two blocks, each with its own account's posts; a disconnect and a delete change only their own block", async () => {
  const { page, sandbox } = merchant;
  await connect(STUDIO, "Connect Instagram");
  await connect(CREATOR, "Connect another account");

  // Both accounts' first syncs, started from Media Sources (the schedule would start them within a minute).
  await adminPage("/app/media");
  for (const username of [STUDIO, CREATOR])
    await app()
      .getByRole("button", { name: `Sync now @${username}` })
      .click();
  await expect
    .poll(() => sandbox.db.mediaSource.count({ where: { lastSyncedAt: { not: null } } }), { timeout: 30_000 })
    .toBe(2);

  // The first account got the "Main" feed; a second feed, for the other account, is made on the Feeds page.
  await adminPage("/app/feeds");
  await app()
    .getByRole("link", { name: "Create feed" })
    .or(app().getByRole("button", { name: "Create feed" }))
    .click();
  await app().getByRole("textbox", { name: "Name" }).fill(SECOND_FEED);
  await app()
    .getByRole("checkbox", { name: `@${CREATOR}` })
    .check();
  await app().getByRole("button", { name: "Save" }).first().click();
  await expect
    .poll(() => sandbox.db.feed.count({ where: { name: SECOND_FEED, deletedAt: null } }), { timeout: 15_000 })
    .toBe(1);
  const [studioPosts, creatorPosts] = await Promise.all([permalinksOf(STUDIO), permalinksOf(CREATOR)]);

  // The stand-in theme editor, opened as "Add to theme" opens it: one new block on the home page, no feed
  // chosen yet. A second block, and each block's feed chosen by name.
  await page.goto(`${sandbox.url}/sandbox/theme-editor?template=index&addAppBlockId=sandbox-api-key/instagram-feed`);
  const block = (n: number) => page.getByRole("group", { name: `Instagram feed block ${n}` });
  expect(await block(1).getByRole("combobox", { name: "Template", exact: true }).inputValue()).toBe("index");
  expect(
    await block(1).getByRole("combobox", { name: "Feed", exact: true }).locator("option:checked").textContent(),
  ).toBe("Choose a feed");
  await page.getByRole("button", { name: "Add block" }).click();
  await block(1).getByRole("combobox", { name: "Feed", exact: true }).selectOption({ label: "Main" });
  await block(2).getByRole("combobox", { name: "Feed", exact: true }).selectOption({ label: SECOND_FEED });
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("Saved.").waitFor();

  const storefront = await page.context().newPage();
  const shown = await storefrontComesTo(
    storefront,
    (blocks) => blocks.length === 2 && blocks.every((view) => view.links.length > 0),
  );
  expect(shown.map((view) => view.username)).toEqual([`@${STUDIO}`, `@${CREATOR}`]);
  expect(shown[0]!.links.every((link) => studioPosts.has(link))).toBe(true);
  expect(shown[1]!.links.every((link) => creatorPosts.has(link))).toBe(true);
  const mainLinks = shown[0]!.links;

  // Disconnecting the second account empties the feed it fed, and only that one.
  await adminPage("/app/account");
  // App Bridge reports where the block is on the theme: the home page, once for its two blocks.
  const extensions = await app()
    .locator("body")
    .evaluate(() =>
      (window as unknown as { shopify: { app: { extensions(): Promise<unknown> } } }).shopify.app.extensions(),
    );
  expect(extensions).toMatchObject([
    { handle: "social-feed", activations: [{ handle: "instagram-feed", activations: [{ target: "template:index" }] }] },
  ]);
  await app()
    .getByRole("button", { name: `Disconnect @${CREATOR}` })
    .click();
  await app().getByRole("dialog").getByRole("button", { name: "Disconnect", exact: true }).click();
  await expect
    .poll(
      () =>
        app()
          .getByRole("heading", { name: `@${CREATOR}` })
          .count(),
      { timeout: 15_000 },
    )
    .toBe(0);
  await storefrontComesTo(
    storefront,
    (blocks) => blocks[1]?.placeholder === "This feed has no posts yet" && blocks[0]?.links.join() === mainLinks.join(),
    true,
  );
  expect((await storefrontBlocks(storefront)).map((view) => view.links.length)).toEqual([mainLinks.length, 0]);

  // Deleting that feed blanks its block's Feed setting (the theme editor then asks for a feed), and
  // nothing else changes.
  await adminPage("/app/feeds");
  await app().getByRole("link", { name: SECOND_FEED }).click();
  await app().getByRole("button", { name: "Delete feed" }).click();
  // The block is on the theme: the confirmation warns before anything goes.
  await expect
    .poll(() => app().getByRole("dialog").getByText(`Blocks showing “${SECOND_FEED}” on your theme`).isVisible())
    .toBe(true);
  expect(await app().getByRole("dialog").getByText("will show nothing until you choose another feed").isVisible()).toBe(
    true,
  );
  await app().getByRole("dialog").getByRole("button", { name: "Delete feed" }).click();
  await expect.poll(() => sandbox.db.feed.count({ where: { name: SECOND_FEED } }), { timeout: 30_000 }).toBe(0); // the publish job removed it from Shopify, then its row
  await storefrontComesTo(
    storefront,
    (blocks) =>
      blocks[1]?.placeholder === "Choose a feed for this block" && blocks[0]?.links.join() === mainLinks.join(),
    true,
  );
  await page.goto(`${sandbox.url}/sandbox/theme-editor`);
  expect(
    await block(1).getByRole("combobox", { name: "Feed", exact: true }).locator("option:checked").textContent(),
  ).toBe("Main");
  expect(
    await block(2).getByRole("combobox", { name: "Feed", exact: true }).locator("option:checked").textContent(),
  ).toBe("Choose a feed");
  await storefront.close();
}, 90_000);
