// A merchant in a real browser: opens the Account page inside the (sandbox) admin, connects Instagram
// on the consent page, comes back connected, then reconnects and sees the expiry move.
import { expect, it } from "vitest";
import { useMerchantBrowser } from "./support/merchant";
import { ROOT } from "../setup/paths";
import path from "node:path";

const DAY = 24 * 60 * 60 * 1000;
const merchant = useMerchantBrowser();
const { app, approveOnInstagram } = merchant;

const formatDate = (date: Date) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(date);


it("connects an Instagram account from the Account page and shows its 60-day token", async () => {
  await merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=/app/account`);
  await expect.poll(() => app().getByText("Connect your Instagram account").isVisible(), { timeout: 15_000 }).toBe(true);

  await app().getByRole("button", { name: "Connect Instagram" }).click();
  await approveOnInstagram("sandbox.studio");

  await expect.poll(() => app().getByRole("status").filter({ hasText: "Connected @sandbox.studio" }).isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await app().getByRole("heading", { name: "@sandbox.studio" }).isVisible()).toBe(true);
  const expiry = formatDate(new Date(Date.now() + 60 * DAY));
  await expect.poll(() => app().getByText(`Current connection valid until ${expiry} (60 days left)`).isVisible()).toBe(true);
  await expect.poll(() => app().getByText("Active", { exact: true }).isVisible()).toBe(true);
  // The fact that matters comes first; a connection made a moment ago has not been "renewed" yet.
  expect(await app().getByText("Renews automatically", { exact: true }).isVisible()).toBe(true);
  expect(await app().getByText(/last renewed/i).count()).toBe(0);
});

it("reconnects and moves the expiry date", async () => {
  // The stored connection is made to look 20 days old, as if connected three weeks ago.
  const [account] = await merchant.sandbox.db.instagramAccount.findMany();
  const aged = { tokenIssuedAt: new Date(Date.now() - 20 * DAY), tokenExpiresAt: new Date(Date.now() + 40 * DAY) };
  await merchant.sandbox.db.instagramAccount.update({ where: { id: account!.id }, data: aged });
  await merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=/app/account`);
  await expect.poll(() => app().getByText(`Current connection valid until ${formatDate(aged.tokenExpiresAt)} (40 days left)`).isVisible(), { timeout: 15_000 }).toBe(true);

  await app().getByRole("button", { name: "Reconnect @sandbox.studio" }).click();
  await approveOnInstagram("sandbox.studio");

  const expiry = formatDate(new Date(Date.now() + 60 * DAY));
  await expect.poll(() => app().getByText(`Current connection valid until ${expiry} (60 days left)`).isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await merchant.sandbox.db.instagramAccount.count()).toBe(1);
  await merchant.page.screenshot({ path: path.join(ROOT, "tests/.artifacts/account-page.png") });
});

it("an account that needs reconnecting shows a banner on every page; Reconnect there fixes it", async () => {
  await merchant.sandbox.db.instagramAccount.updateMany({
    data: { status: "needs_reconnect", statusReason: "The Instagram password was changed, which ended the connection.", encryptedToken: null },
  });
  const banner = () => app().getByText("@sandbox.studio needs to be reconnected");
  for (const path of ["/app", "/app/account"]) {
    await merchant.page.goto(`${merchant.sandbox.url}/sandbox?path=${path}`);
    await expect.poll(() => banner().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await app().getByText(/The Instagram password was changed/).first().isVisible()).toBe(true);
  }

  await app().getByRole("button", { name: "Reconnect", exact: true }).first().click();
  await approveOnInstagram("sandbox.studio");
  await expect.poll(() => app().getByRole("status").filter({ hasText: "Connected @sandbox.studio" }).isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await banner().count()).toBe(0);
  expect(await app().getByText("Active", { exact: true }).isVisible()).toBe(true);
});
