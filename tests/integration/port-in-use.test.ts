// A port that another program holds: `npm start` and the sandbox say so in one line, naming the port
// and the setting that moves it, and exit 2 (no stack trace).
import { execFile } from "node:child_process";
import { createServer, type Server } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { freePort } from "../../app/sandbox/embedded-postgres.server";
import { ROOT } from "../setup/paths";

const run = promisify(execFile);
let taken: Server;
let port = 0;

beforeAll(async () => {
  port = await freePort();
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(port, resolve));
});
afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

const start = (script: string, env: NodeJS.ProcessEnv) =>
  run(process.execPath, ["--import", "tsx", script], { cwd: ROOT, env, timeout: 60_000 }).catch(
    (error: { code: number; stderr: string }) => error,
  );

it("npm start: one line naming PORT, exit 2", async () => {
  const env = {
    ...process.env,
    PORT: String(port),
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET_KEY,
    SHOPIFY_APP_URL: APP_URL,
    PROCESS_ROLE: "web",
  };
  const result = await start("app/cli/serve.ts", env);
  expect(result).toMatchObject({ code: 2 });
  expect(result.stderr.trim()).toBe(`Port ${port} is already in use. Stop what uses it, or set PORT to another port.`);
});

it("the sandbox: one line naming the stand-in's setting, exit 2", async () => {
  const app = await freePort();
  const env = {
    NODE_ENV: "development" as const,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(app),
    SANDBOX_INSTAGRAM_PORT: String(port),
    DATABASE_URL: process.env.DATABASE_URL,
  };
  const result = await start("app/cli/sandbox.ts", env);
  expect(result).toMatchObject({ code: 2 });
  expect(result.stderr).toContain(`Port ${port} is already in use. Stop what uses it, or set SANDBOX_INSTAGRAM_PORT`);
  expect(result.stderr).not.toMatch(/\n\s+at /);
});
