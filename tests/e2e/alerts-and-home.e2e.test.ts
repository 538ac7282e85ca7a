// The headline feature offline, in a real browser: the home page's setup guide walks a new shop through
// connecting, the first sync and the theme (placing the block and choosing its feed), and then lists each
// feed's state; then the Simulate panel changes the Instagram password, and
// the merchant finds the email in the sandbox's outbox and the banner in the admin, and one Reconnect
// clears both (with an "all good again" email).
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../setup/paths";
import { useMerchantBrowser } from "./support/merchant";

const merchant = useMerchantBrowser();
const { app } = merchant;
const home = () => merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=/app`);
/** Reloads the home page until it shows `text`: the first sync and publishing run in the background. */
const homeComesToShow = (text: string | RegExp, timeout: number) =>
  expect
    .poll(
      async () => {
        await home();
        return app()
          .getByText(text)
          .waitFor({ timeout: 5000 })
          .then(
            () => true,
            () => false,
          );
      },
      { timeout, interval: 2000 },
    )
    .toBe(true);
const guideStep = (title: string) =>
  app()
    .getByRole("listitem")
    .filter({ has: app().getByRole("heading", { name: title }) });

it("the setup guide shows each step's state and offers one action at a time, in order", async () => {
  await home();
  await expect.poll(() => app().getByText("0 of 3 steps done").isVisible(), { timeout: 15_000 }).toBe(true);
  // A shop with no account is offered "Connect Instagram", not "Add to theme".
  expect(await app().getByRole("button", { name: "Connect Instagram" }).isVisible()).toBe(true);
  expect(await app().getByRole("link", { name: "Add to theme" }).count()).toBe(0);

  await app().getByRole("button", { name: "Connect Instagram" }).click();
  await merchant.approveOnInstagram("sandbox.studio");
  // The first sync runs on its own within a minute of connecting.
  await homeComesToShow("2 of 3 steps done", 90_000);
  expect(await guideStep("Connect Instagram").getByText("Done", { exact: true }).count()).toBe(1);
  const themeStep = guideStep("Add the feed to your theme");
  expect(await themeStep.getAttribute("aria-current")).toBe("step");
  // The block shows nothing until its feed is chosen: the step says so before the merchant goes.
  expect(
    await themeStep.getByText("Choose which feed it shows in the block's “Feed” setting", { exact: false }).isVisible(),
  ).toBe(true);

  await app().getByRole("link", { name: "Add to theme" }).click();
  await merchant.page.waitForURL((url) => url.pathname === "/sandbox/theme-editor");
  // Opened from "Add to theme", the editor has a block on the home page, its feed not chosen yet.
  const feedSetting = merchant.page.getByRole("combobox", { name: "Feed" });
  await expect.poll(() => feedSetting.isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await merchant.page.getByRole("combobox", { name: "Template" }).inputValue()).toBe("index");
  await feedSetting.selectOption({ label: "Main" });
  await merchant.page.getByRole("button", { name: "Save" }).first().click();
  await merchant.page.getByRole("link", { name: "Back to Social Feed" }).click();

  // Every step done: the guide goes, and the health cards say what the storefront shows, and where.
  await expect
    .poll(() => app().getByText("The Instagram feed block is on your live theme: Home page.").isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);
  expect(await app().getByText("Setup guide").count()).toBe(0);
  expect(await app().getByText("Renews automatically. Nothing to do.").isVisible()).toBe(true);
  // Publishing runs in the background after the sync; the home page shows it once it is done. A new shop's
  // feed, "Main", shows its first account's 12 newest posts.
  await homeComesToShow(/^Shows 12 posts, last updated/, 60_000);
  expect(await app().getByRole("heading", { name: "Your storefront feeds" }).isVisible()).toBe(true);
  expect(await app().getByRole("heading", { name: "Main", exact: true, level: 3 }).isVisible()).toBe(true);
  const manage = app().getByRole("link", { name: "Manage feeds" });
  expect(new URL((await manage.getAttribute("href"))!, merchant.sandbox.url).pathname).toBe("/app/feeds");
}, 180_000);

it("a password changed on Instagram: the email in the outbox, the banner, and Reconnect clearing both", async () => {
  await merchant.page.goto(`${merchant.sandbox.url}/sandbox/simulate`);
  await merchant.page.getByRole("button", { name: "Change the Instagram password (@sandbox.studio)" }).click();
  await expect
    .poll(() => merchant.page.getByText("Done: “Change the Instagram password” for @sandbox.studio.").isVisible(), {
      timeout: 15_000,
    })
    .toBe(true);

  await merchant.page.getByRole("link", { name: "outbox" }).click();
  const subject = "Reconnect @sandbox.studio to keep your Instagram feed up to date";
  await expect
    .poll(
      async () => {
        await merchant.page.reload();
        return merchant.page.getByRole("heading", { name: subject }).isVisible();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  expect(await merchant.page.getByText("To owner@sandbox-shop.example").isVisible()).toBe(true);
  expect(
    await merchant.page
      .getByText(/Your storefront keeps showing the posts it already has/)
      .first()
      .isVisible(),
  ).toBe(true);
  await merchant.page.screenshot({ path: path.join(ROOT, "tests/.artifacts/sandbox-outbox.png") });

  // The email's link leads into the admin's Account page, where Reconnect is the page's primary action.
  await merchant.page
    .getByRole("link", { name: /\/sandbox\?path=%2Fapp%2Faccount/ })
    .first()
    .click();
  const banner = () => app().getByText("@sandbox.studio needs to be reconnected");
  await expect.poll(() => banner().isVisible(), { timeout: 15_000 }).toBe(true);
  expect(
    await app()
      .getByText(/password was changed/i)
      .first()
      .isVisible(),
  ).toBe(true);

  await app().getByRole("button", { name: "Reconnect @sandbox.studio" }).first().click();
  await merchant.approveOnInstagram("sandbox.studio");
  await expect.poll(() => app().getByText("Active", { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await banner().count()).toBe(0);

  // The next alert sweep (every minute) sends the "all good again" email.
  await merchant.page.goto(`${merchant.sandbox.url}/sandbox/outbox`);
  await expect
    .poll(
      async () => {
        await merchant.page.reload();
        return merchant.page.getByRole("heading", { name: "@sandbox.studio is connected again" }).isVisible();
      },
      { timeout: 90_000, interval: 2000 },
    )
    .toBe(true);
  await expect
    .poll(() => merchant.sandbox.db.emailMessage.count({ where: { status: "sent", transport: "outbox" } }), {
      timeout: 15_000,
    })
    .toBe(2);
}, 180_000);

it("renewals failing for 3 days: the home page says so, an email goes out, and another when Instagram answers again", async () => {
  const simulate = async (label: string) => {
    await merchant.page.goto(`${merchant.sandbox.url}/sandbox/simulate`);
    await merchant.page.getByRole("button", { name: `${label} (@sandbox.studio)` }).click();
    await expect
      .poll(() => merchant.page.getByText(`Done: “${label}” for @sandbox.studio.`).isVisible(), { timeout: 15_000 })
      .toBe(true);
  };
  const outboxShows = (subject: string) =>
    expect
      .poll(
        async () => {
          await merchant.page.goto(`${merchant.sandbox.url}/sandbox/outbox`);
          return merchant.page.getByRole("heading", { name: subject }).isVisible();
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toBe(true);

  await simulate("Make renewals fail for 3 days");
  await homeComesToShow(
    /^Renews automatically\. Instagram hasn't answered since .*; Social Feed keeps trying\.$/,
    15_000,
  );
  await outboxShows("Social Feed can't renew the connection to @sandbox.studio");

  await simulate("Make Instagram answer again");
  await homeComesToShow("Renews automatically. Nothing to do.", 15_000);
  await outboxShows("The connection to @sandbox.studio is renewing again");
}, 120_000);
