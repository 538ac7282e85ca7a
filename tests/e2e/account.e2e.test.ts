// A merchant in a real browser: opens the Account page inside the (sandbox) admin, connects Instagram
// on the consent page, comes back connected, then reconnects and sees the expiry move; cancels on
// Instagram and approves the wrong account, and each time lands back on the Account page, told so;
// disconnects an account after reading exactly what goes and which feeds (and theme pages) change.
import { expect, it } from "vitest";
import { useMerchantBrowser } from "./support/merchant";
import { placeFeedBlocks } from "./support/theme";
import { ROOT } from "../setup/paths";
import { DEFAULT_SHOP_DETAILS } from "../../app/sandbox/stand-ins/shopify-admin/index";
import path from "node:path";

const DAY = 24 * 60 * 60 * 1000;
const merchant = useMerchantBrowser();
const { app, approveOnInstagram } = merchant;

// The admin shows dates in the shop's time zone (the sandbox shop is in Auckland), not in UTC.
const formatDate = (date: Date) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: DEFAULT_SHOP_DETAILS.ianaTimezone }).format(date);

/** The Account page's header: its title and the page's actions, as Polaris lays them out. */
const header = () =>
  app()
    .locator(".Polaris-Page-Header__Row")
    .filter({ has: app().getByRole("heading", { name: "Account", level: 1 }) });

/** Presses Cancel on the stand-in Instagram's consent page and follows Instagram's redirect back into the admin. */
async function cancelOnInstagram() {
  const { page, sandbox } = merchant;
  await page.waitForURL((url) => url.href.startsWith(`${sandbox.instagramOrigin}/oauth/authorize`));
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.waitForURL((url) => url.href.startsWith(`${sandbox.url}/sandbox`));
}

const breakConnection = () =>
  merchant.sandbox.db.instagramAccount.updateMany({
    data: {
      status: "needs_reconnect",
      statusReason: "The Instagram password was changed, which ended the connection.",
      encryptedToken: null,
    },
  });

it("connects an Instagram account from the Account page and shows its 60-day token", async () => {
  await merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=/app/account`);
  await expect
    .poll(() => app().getByText("Connect your Instagram account").isVisible(), { timeout: 15_000 })
    .toBe(true);

  await app().getByRole("button", { name: "Connect Instagram" }).click();
  await approveOnInstagram("sandbox.studio");

  await expect
    .poll(() => app().getByRole("status").filter({ hasText: "Connected @sandbox.studio" }).isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  expect(await app().getByRole("heading", { name: "@sandbox.studio" }).isVisible()).toBe(true);
  const expiry = formatDate(new Date(Date.now() + 60 * DAY));
  await expect
    .poll(() => app().getByText(`Current connection valid until ${expiry} (60 days left)`).isVisible())
    .toBe(true);
  await expect.poll(() => app().getByText("Active", { exact: true }).isVisible()).toBe(true);
  // The fact that matters comes first; a connection made a moment ago has not been "renewed" yet.
  expect(await app().getByText("Renews automatically", { exact: true }).isVisible()).toBe(true);
  expect(
    await app()
      .getByText(/last renewed/i)
      .count(),
  ).toBe(0);
});

it("reconnects and moves the expiry date", async () => {
  // The stored connection is made to look 20 days old, as if connected three weeks ago.
  const [account] = await merchant.sandbox.db.instagramAccount.findMany();
  const aged = { tokenIssuedAt: new Date(Date.now() - 20 * DAY), tokenExpiresAt: new Date(Date.now() + 40 * DAY) };
  await merchant.sandbox.db.instagramAccount.update({ where: { id: account!.id }, data: aged });
  await merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=/app/account`);
  await expect
    .poll(
      () =>
        app()
          .getByText(`Current connection valid until ${formatDate(aged.tokenExpiresAt)} (40 days left)`)
          .isVisible(),
      { timeout: 15_000 },
    )
    .toBe(true);

  await app().getByRole("button", { name: "Reconnect @sandbox.studio" }).click();
  await approveOnInstagram("sandbox.studio");

  const expiry = formatDate(new Date(Date.now() + 60 * DAY));
  await expect
    .poll(() => app().getByText(`Current connection valid until ${expiry} (60 days left)`).isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  expect(await merchant.sandbox.db.instagramAccount.count()).toBe(1);
  await merchant.page.screenshot({ path: path.join(ROOT, "tests/.artifacts/account-page.png") });
});

it("a cancelled Instagram login returns into the admin, to the Account page, with a banner that says so", async () => {
  const before = await merchant.sandbox.db.instagramAccount.findMany();
  await merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=/app/account`);
  await app().getByRole("button", { name: "Connect another account" }).click();
  await cancelOnInstagram();

  // In the admin (the sandbox's stand-in), on the Account page, not on a bare error page.
  expect(new URL(merchant.page.url()).searchParams.get("path")).toBe("/app/account?connect=denied");
  const banner = () => app().locator(".Polaris-Banner").filter({ hasText: "Instagram wasn't connected" });
  await expect.poll(() => banner().isVisible(), { timeout: 15_000 }).toBe(true);
  expect(
    await banner()
      .getByText(/The connection was cancelled on Instagram, so nothing was changed/)
      .isVisible(),
  ).toBe(true);
  expect(await app().getByRole("heading", { name: "@sandbox.studio" }).isVisible()).toBe(true);
  expect(await merchant.sandbox.db.instagramAccount.findMany()).toEqual(before);

  // Dismissing it clears it for good: the address no longer carries it.
  await banner()
    .getByRole("button", { name: /dismiss/i })
    .click();
  await expect.poll(() => banner().count()).toBe(0);
});

it("an account that needs reconnecting shows a banner on every page, and its Reconnect is the Account page's primary action", async () => {
  await breakConnection();
  const banner = () => app().getByText("@sandbox.studio needs to be reconnected");
  for (const path of ["/app", "/app/media", "/app/settings", "/app/account"]) {
    await merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=${path}`);
    await expect.poll(() => banner().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(
      await app()
        .getByText(/The Instagram password was changed/)
        .first()
        .isVisible(),
    ).toBe(true);
    // Inside the page, under its title (where Polaris puts page-level banners), not above it.
    const titleFirst = await app()
      .getByRole("heading", { level: 1 })
      .evaluate((title, text) => {
        const bannerText = [...document.querySelectorAll("*")].find(
          (node) => node.childElementCount === 0 && node.textContent === text,
        );
        return Boolean(bannerText && title.compareDocumentPosition(bannerText) & Node.DOCUMENT_POSITION_FOLLOWING);
      }, "@sandbox.studio needs to be reconnected");
    expect(titleFirst).toBe(true);
  }

  const primary = header().getByRole("button", { name: "Reconnect @sandbox.studio" });
  expect(await primary.isVisible()).toBe(true);
  expect(await primary.getAttribute("class")).toMatch(/variantPrimary/);
  const another = header().getByRole("button", { name: "Connect another account" });
  expect(await another.isVisible()).toBe(true);
  expect(await another.getAttribute("class")).not.toMatch(/variantPrimary/);

  // Fixed from the banner on the home page.
  await merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=/app`);
  await expect.poll(() => banner().isVisible(), { timeout: 15_000 }).toBe(true);
  await app().getByRole("button", { name: "Reconnect @sandbox.studio" }).click();
  await approveOnInstagram("sandbox.studio");
  await expect
    .poll(() => app().getByRole("status").filter({ hasText: "Connected @sandbox.studio" }).isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  expect(await banner().count()).toBe(0);
  expect(await app().getByText("Active", { exact: true }).isVisible()).toBe(true);

  // Healthy again: Connect another account is the primary action and Reconnect a plain button.
  await expect
    .poll(() => header().getByRole("button", { name: "Connect another account" }).getAttribute("class"))
    .toMatch(/variantPrimary/);
  expect(
    await header()
      .getByRole("button", { name: /^Reconnect/ })
      .count(),
  ).toBe(0);
  expect(await app().getByRole("button", { name: "Reconnect @sandbox.studio" }).getAttribute("class")).not.toMatch(
    /variantPrimary/,
  );
});

it("approving a different account while reconnecting changes nothing and says which account to choose", async () => {
  await breakConnection();
  const before = await merchant.sandbox.db.instagramAccount.findMany();
  await merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=/app/account`);
  await expect
    .poll(() => header().getByRole("button", { name: "Reconnect @sandbox.studio" }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  await header().getByRole("button", { name: "Reconnect @sandbox.studio" }).click();
  await approveOnInstagram("sandbox.creator");

  const banner = () => app().locator(".Polaris-Banner").filter({ hasText: "That was a different Instagram account" });
  await expect.poll(() => banner().isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await banner().textContent()).toContain(
    "You approved @sandbox.creator, but you were reconnecting @sandbox.studio. Nothing was changed. Press Reconnect again and choose @sandbox.studio on Instagram — if Instagram is signed in as @sandbox.creator, log out of Instagram first.",
  );
  expect(await merchant.sandbox.db.instagramAccount.findMany()).toEqual(before);
  expect(await app().getByRole("heading", { name: "@sandbox.creator" }).count()).toBe(0);
  await merchant.page.screenshot({ path: path.join(ROOT, "tests/.artifacts/account-different-account.png") });

  // Doing as it says fixes it.
  await header().getByRole("button", { name: "Reconnect @sandbox.studio" }).click();
  await approveOnInstagram("sandbox.studio");
  await expect
    .poll(() => app().getByRole("status").filter({ hasText: "Connected @sandbox.studio" }).isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  expect(await app().getByText("Active", { exact: true }).isVisible()).toBe(true);
  expect(await merchant.sandbox.db.instagramAccount.count()).toBe(1);
});

it("Disconnect's confirmation names what goes, each feed that changes and the theme's pages showing them", async () => {
  const { page, sandbox } = merchant;
  // A second account, and a feed "Both" showing both accounts; "Main" (the first account's) shows only it.
  await page.goto(`${sandbox.url}/sandbox?path=/app/account`);
  await header().getByRole("button", { name: "Connect another account" }).click();
  await approveOnInstagram("sandbox.creator");
  await expect
    .poll(() => app().getByRole("heading", { name: "@sandbox.creator" }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  await page.goto(`${sandbox.url}/sandbox?path=/app/media`); // gives the new account its source at once
  await expect
    .poll(() => app().getByRole("heading", { name: "@sandbox.creator", exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  const sources = await sandbox.db.mediaSource.findMany({ include: { account: { select: { username: true } } } });
  const sourceOf = (username: string) => sources.find((source) => source.account.username === username)!.id;
  const main = await sandbox.db.feed.findFirstOrThrow({ where: { name: "Main", deletedAt: null } });
  const both = await sandbox.db.feed.create({
    data: {
      shop: main.shop,
      name: "Both",
      createdAt: new Date(),
      sources: {
        create: [
          { sourceId: sourceOf("sandbox.creator"), position: 0 },
          { sourceId: sourceOf("sandbox.studio"), position: 1 },
        ],
      },
    },
  });
  // The theme has Main's block on the home page and Both's on product pages.
  await placeFeedBlocks(page.context(), sandbox.url, [
    { template: "index", feedId: main.id },
    { template: "product", feedId: both.id },
  ]);

  await page.goto(`${sandbox.url}/sandbox?path=/app/account`);
  await expect
    .poll(() => app().getByRole("button", { name: "Disconnect @sandbox.studio" }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  await app().getByRole("button", { name: "Disconnect @sandbox.studio" }).click();
  const dialog = app().getByRole("dialog");
  await expect.poll(() => dialog.getByText("Disconnect @sandbox.studio?").isVisible()).toBe(true);
  for (const line of [
    "@sandbox.studio's access token: Social Feed can no longer reach the account on Instagram.",
    "@sandbox.studio's posts in Social Feed, with the ones you hid or pinned.",
    "@sandbox.studio's sync history.",
    "Feed “Main” will show nothing (it has no other account).",
    "Feed “Both” keeps showing @sandbox.creator's posts.",
  ])
    expect(await dialog.getByText(line, { exact: true }).isVisible(), line).toBe(true);
  await expect
    .poll(() =>
      dialog
        .getByText("Blocks showing these feeds on your theme (Home page, Product pages) change at once.")
        .isVisible(),
    )
    .toBe(true);
  await page.screenshot({ path: path.join(ROOT, "tests/.artifacts/account-disconnect.png") });

  await dialog.getByRole("button", { name: "Disconnect", exact: true }).click();
  await expect
    .poll(() => app().getByRole("status").filter({ hasText: "Instagram account disconnected" }).isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  await expect.poll(() => app().getByRole("heading", { name: "@sandbox.studio", exact: true }).count()).toBe(0);
  // As it said: Main is left with no account (it shows nothing), Both with @sandbox.creator.
  const feeds = await sandbox.db.feed.findMany({
    where: { deletedAt: null },
    include: { sources: { include: { source: { include: { account: { select: { username: true } } } } } } },
    orderBy: { createdAt: "asc" },
  });
  expect(feeds.map((feed) => [feed.name, feed.sources.map(({ source }) => source.account.username)])).toEqual([
    ["Main", []],
    ["Both", ["sandbox.creator"]],
  ]);

  // The account left now feeds Both alone.
  await app().getByRole("button", { name: "Disconnect @sandbox.creator" }).click();
  await expect
    .poll(() => dialog.getByText("Feed “Both” will show nothing (it has no other account).").isVisible())
    .toBe(true);
  expect(await dialog.getByText("Feed “Main”", { exact: false }).count()).toBe(0);
  expect(
    await dialog
      .getByText("Blocks showing this feed on your theme (Home page, Product pages) change at once.")
      .isVisible(),
  ).toBe(true);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect.poll(() => dialog.count()).toBe(0);
});
