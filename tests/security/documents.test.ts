// Whole HTML documents from the built app (npm test builds it first), as the admin's iframe and a
// browser receive them: Shopify's frame-ancestors policy, and hostile input rendered as text.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, expect, it } from "vitest";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { ROOT } from "../setup/paths";
import { adminGet, seedOfflineSession } from "../support/shopify";

const BUILD = path.join(ROOT, "build/server/index.js");
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  if (!existsSync(BUILD)) throw new Error("Run `npm run build` first (npm test does).");
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  handle = createRequestHandler(build, "production");
  await seedOfflineSession();
});

const browser = (request: Request) => {
  request.headers.set(
    "User-Agent",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
  );
  return request;
};

it("admin pages may only be framed by the shop's admin", async () => {
  const response = await handle(browser(await adminGet("/app/account")));
  expect(response.status).toBe(200);
  const policy = response.headers.get("Content-Security-Policy") ?? "";
  expect(policy).toContain("frame-ancestors https://test-shop.myshopify.com https://admin.shopify.com");
  expect(policy).not.toContain("'self'");
  expect(await response.text()).toContain("Connect your Instagram account");
});

it("the OAuth callback page renders hostile input as text, with no stack trace", async () => {
  const hostile = encodeURIComponent('"><script>alert(1)</script>');
  const response = await handle(
    browser(
      new Request(
        `https://my-test-app.myshopify.io/instagram/callback?error=${hostile}&state=${hostile}&code=${hostile}`,
      ),
    ),
  );
  expect(response.status).toBe(400);
  const html = await response.text();
  expect(html).toContain("Instagram wasn");
  expect(html).not.toContain("<script>alert(1)</script>");
  expect(html).not.toMatch(/at \w+ \(|Error:/);
});
