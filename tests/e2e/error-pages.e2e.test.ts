// The error pages in Chromium, inside the sandbox admin (which runs in development mode, where Remix
// would otherwise put an error's message and stack in the page): the reference survives hydration and
// is the one the server answered with, the page passes axe, and its links lead back into the app.
import axe from "axe-core";
import { expect, it } from "vitest";
import type { Frame, Response } from "playwright-core";
import { useMerchantBrowser } from "./support/merchant";

const merchant = useMerchantBrowser();
const { app } = merchant;
const STACK_FRAME = /\bat [\w.<>$]+ \(|\bat (?:file|node):|\.(?:js|ts|mjs|tsx):\d+:\d+/;

function appFrame(): Frame {
  return merchant.page.frames().find((candidate) => candidate.name() === "app-iframe")!;
}

/** Opens an admin path in the sandbox and returns the app frame's document response. */
async function openAdmin(path: string): Promise<Response> {
  const { page, sandbox } = merchant;
  const documentResponse = page.waitForResponse(
    (response) => new URL(response.url()).pathname === path && response.request().resourceType() === "document",
  );
  await page.goto(`${sandbox.url}/sandbox?path=${encodeURIComponent(path)}`);
  return documentResponse;
}

async function violations(frame: Frame): Promise<string[]> {
  await frame.evaluate(axe.source);
  const found = await frame.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe
      .run(document, { resultTypes: ["violations"] })
      .then((result) => result.violations),
  );
  return found.map((violation) => violation.id);
}

it(
  "an admin page whose database table is gone: plain words, the server's reference after hydration, no stack",
  { timeout: 60_000 },
  async () => {
    const { sandbox, page } = merchant;
    await sandbox.db.$executeRawUnsafe(`ALTER TABLE "InstagramAccount" RENAME TO "InstagramAccount_gone"`);
    merchant.allowBrowserErrors(/status of 500 \(Internal Server Error\)/);
    try {
      const response = await openAdmin("/app/account");
      expect(response.status()).toBe(500);
      const html = await response.text();
      expect(html).not.toMatch(STACK_FRAME);
      expect(html).not.toMatch(/InstagramAccount|does not exist/);

      await expect
        .poll(() => app().getByRole("heading", { name: "Something went wrong on our side" }).isVisible(), {
          timeout: 15_000,
        })
        .toBe(true);
      await page.waitForLoadState("networkidle");
      // Hydrated: the Reload button works only with the page's script running, and the reference is still there.
      await expect.poll(() => appFrame().evaluate(() => "__remixRouter" in window)).toBe(true);
      const shown = await app().locator("[data-request-reference]").textContent();
      expect(shown).toBe(response.headers()["x-request-id"]);
      expect(await app().getByRole("link", { name: "Go to Home" }).isVisible()).toBe(true);
      expect(await appFrame().title()).toBe("Social Feed · Something went wrong");
      expect(await violations(appFrame())).toEqual([]);
    } finally {
      await sandbox.db.$executeRawUnsafe(`ALTER TABLE "InstagramAccount_gone" RENAME TO "InstagramAccount"`);
    }
  },
);

it("an unknown admin address: Page not found, and Go to Home opens Home", { timeout: 60_000 }, async () => {
  merchant.allowBrowserErrors(/status of 404 \(Not Found\)/);
  const response = await openAdmin("/app/no-such-page");
  expect(response.status()).toBe(404);
  await expect
    .poll(() => app().getByRole("heading", { name: "Page not found" }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  expect(await violations(appFrame())).toEqual([]);
  await app().getByRole("link", { name: "Go to Home" }).click();
  await expect
    .poll(
      () =>
        app()
          .getByRole("heading", { name: /Instagram connections/ })
          .isVisible(),
      { timeout: 15_000 },
    )
    .toBe(true);
});
