// A merchant's browser on the sandbox admin, for one test file: the sandbox and Chromium start before
// its tests and stop after them. `app()` is the embedded app's iframe, as the admin shows it.
import { afterAll, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newLocalContext } from "./browser";
import { startSandbox, type RunningSandbox } from "./sandbox";

export function useMerchantBrowser() {
  const state = {} as { sandbox: RunningSandbox; browser: Browser; page: Page };
  beforeAll(async () => {
    [state.sandbox, state.browser] = await Promise.all([startSandbox(), launchBrowser()]);
    state.page = await (await newLocalContext(state.browser)).newPage();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.sandbox?.stop();
  });
  const merchant = {
    get sandbox() {
      return state.sandbox;
    },
    get browser() {
      return state.browser;
    },
    get page() {
      return state.page;
    },
    app: () => state.page.frameLocator('iframe[name="app-iframe"]'),
    /** On Instagram's consent page (the stand-in's): choose the account and Allow, then back in the admin. */
    async approveOnInstagram(username: string) {
      await state.page.waitForURL((url) => url.href.startsWith(`${state.sandbox.instagramOrigin}/oauth/authorize`));
      await state.page.getByLabel(`@${username}`).check();
      await state.page.getByRole("button", { name: "Allow" }).click();
      await state.page.waitForURL((url) => url.href.startsWith(`${state.sandbox.url}/sandbox`));
    },
    /** Account page › Connect Instagram › Allow. */
    async connect(username: string) {
      await state.page.goto(`${state.sandbox.url}/sandbox?path=/app/account`);
      await merchant.app().getByRole("button", { name: "Connect Instagram" }).click();
      await merchant.approveOnInstagram(username);
    },
  };
  return merchant;
}
