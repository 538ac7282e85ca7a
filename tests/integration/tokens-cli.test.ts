// The operator command `npm run tokens`, run as an operator would, against the test database: it lists
// every account's token, and answers a missing setting or a bad argument with a plain message and exit 2.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { ROOT } from "../setup/paths";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { SHOP } from "../support/shopify";

const run = promisify(execFile);
const instagram = useFakeInstagram();
const tokens = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  run("npm", ["run", "--silent", "tokens", "--", ...args], { cwd: ROOT, env }).catch(
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

it("status lists every account with its health, expiry and next renewal, and never a token", async () => {
  instagram.fake.addAccount({ username: "cli.studio" });
  await connectAccount(instagram.fake, "cli.studio");
  const result = await tokens(["status"]);
  expect(result).toMatchObject({ stderr: "" });
  expect(result.stdout).toMatch(new RegExp(`${SHOP}\\s+@cli\\.studio\\s+active`));
  expect(result.stdout).toContain("renewal due");
  for (const token of instagram.fake.issuedTokens()) expect(result.stdout).not.toContain(token);
});

it("without the app's settings: the message naming them, no stack trace, exit 2", async () => {
  const result = await tokens(["status"], { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test" });
  expect(result).toMatchObject({ code: 2 });
  expect(result.stderr).toContain("DATABASE_URL:");
  expect(result.stderr).not.toMatch(/\n\s+at /);
});

it("an unknown option or command: a plain message, exit 2", async () => {
  const option = await tokens(["status", "--bogus"]);
  expect(option).toMatchObject({ code: 2 });
  expect(option.stderr).toMatch(/Unknown option '--bogus'/);
  expect(option.stderr).not.toMatch(/\n\s+at /);
  expect(await tokens(["explode"])).toMatchObject({
    code: 2,
    stderr: expect.stringContaining("usage: npm run tokens"),
  });
});
