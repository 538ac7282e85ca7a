// axe-core, the accessibility engine browsers' own audits use, run inside the admin's iframe on every
// admin page (before and after an account is connected and synced) and on the storefront preview of the
// block: no violations anywhere.
import axe from "axe-core";
import { expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { newLocalContext } from "./support/browser";
import { useMerchantBrowser } from "./support/merchant";
import { placeFeedBlocks } from "./support/theme";

const merchant = useMerchantBrowser();
const { app } = merchant;

interface Violation {
  id: string;
  nodes: Array<{ target: string[] }>;
}

/** axe's violations in a frame or page, each as "rule: first places". */
async function violations(target: Frame | Page): Promise<string[]> {
  await target.evaluate(axe.source);
  const found = await target.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe
      .run(document, { resultTypes: ["violations"] })
      .then((result) => result.violations as unknown as Violation[]),
  );
  return found.map(
    (violation) =>
      `${violation.id}: ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(" "))
        .join(", ")}`,
  );
}

async function auditAdminPage(path: string, ready: string | RegExp) {
  const { page, sandbox } = merchant;
  await page.goto(`${sandbox.url}/sandbox?path=${path}`);
  await expect
    .poll(() => app().getByRole("heading", { name: ready }).first().isVisible(), { timeout: 15_000 })
    .toBe(true);
  const frame = page.frames().find((candidate) => candidate.name() === "app-iframe")!;
  expect(await frame.title()).toMatch(/^Social Feed · /);
  return violations(frame);
}

it("every admin page, before anything is connected", { timeout: 60_000 }, async () => {
  expect(await auditAdminPage("/app", /Social Feed|Home/)).toEqual([]);
  expect(await auditAdminPage("/app/account", "Account")).toEqual([]);
  expect(await auditAdminPage("/app/media", "Media Sources")).toEqual([]);
  expect(await auditAdminPage("/app/settings", "Settings")).toEqual([]);
});

it(
  "every admin page with an account connected and its posts synced, and the storefront block",
  { timeout: 120_000 },
  async () => {
    const { page, sandbox, browser } = merchant;
    await merchant.connect("sandbox.studio");
    await page.goto(`${sandbox.url}/sandbox?path=/app/media`);
    await app().getByRole("button", { name: "Sync now @sandbox.studio" }).click();
    await expect.poll(() => merchant.synced("sandbox.studio").isVisible(), { timeout: 30_000 }).toBe(true);

    expect(await auditAdminPage("/app", /Social Feed|Home/)).toEqual([]);
    expect(await auditAdminPage("/app/account", "Account")).toEqual([]);
    expect(await auditAdminPage("/app/media", "Media Sources")).toEqual([]);

    await expect
      .poll(async () => (await sandbox.db.feed.findFirst({ where: { name: "Main" } }))?.postCount ?? 0, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    const main = await sandbox.db.feed.findFirstOrThrow({ where: { name: "Main" } });
    const context = await newLocalContext(browser);
    await placeFeedBlocks(context, sandbox.url, [{ template: "index", feedId: main.id }]);
    const storefront = await context.newPage();
    await storefront.goto(`${sandbox.url}/sandbox/storefront`);
    await expect.poll(() => storefront.locator(".sf-tile").count()).toBeGreaterThan(0);
    expect(await violations(storefront)).toEqual([]);
  },
);
