// A merchant's browser on the sandbox admin, for one test file: the sandbox and Chromium start before
// its tests and stop after them. `app()` is the embedded app's iframe, as the admin shows it. A test
// fails when the browser reports an error it did not expect (an exception, a React hydration mismatch,
// a failed request): what the merchant's browser console would show.
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newLocalContext } from "./browser";
import { startSandbox, type RunningSandbox } from "./sandbox";

/**
 * How an embedded app leaves the admin's iframe (for Instagram's consent page): Shopify's library answers
 * the app's own request with 401 and the reauthorize header, which App Bridge follows. Chromium lists
 * every 401 as a failed request.
 */
const ALWAYS_ALLOWED = [/Failed to load resource: the server responded with a status of 401 .*[?&]_data=/];

export function useMerchantBrowser() {
  const state = {} as { sandbox: RunningSandbox; browser: Browser; page: Page };
  const browserErrors: string[] = [];
  let allowed: RegExp[] = [];
  beforeAll(async () => {
    [state.sandbox, state.browser] = await Promise.all([startSandbox(), launchBrowser()]);
    state.page = await (await newLocalContext(state.browser)).newPage();
    state.page.on("pageerror", (error) => browserErrors.push(`exception: ${error.message}`));
    state.page.on("console", (message) => {
      if (message.type() === "error")
        browserErrors.push(`console.error: ${message.text()} (${message.location().url})`);
    });
  });
  afterEach(() => {
    const unexpected = browserErrors.filter(
      (line) => !ALWAYS_ALLOWED.concat(allowed).some((pattern) => pattern.test(line)),
    );
    browserErrors.length = 0;
    allowed = [];
    expect(unexpected).toEqual([]);
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.sandbox?.stop();
  });
  const merchant = {
    /** Errors this test provokes on purpose (the current test only). */
    allowBrowserErrors(...patterns: RegExp[]) {
      allowed.push(...patterns);
    },
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
    /** The status line Media Sources shows once a source's sync has finished. */
    synced: (username: string) =>
      merchant
        .app()
        .getByRole("status")
        .filter({ hasText: new RegExp(`@${username.replace(/\./g, "\\.")} synced: `) }),
    /** Account page › Connect Instagram › Allow. */
    async connect(username: string) {
      await state.page.goto(`${state.sandbox.url}/sandbox?path=/app/account`);
      await merchant.app().getByRole("button", { name: "Connect Instagram" }).click();
      await merchant.approveOnInstagram(username);
    },
  };
  return merchant;
}
