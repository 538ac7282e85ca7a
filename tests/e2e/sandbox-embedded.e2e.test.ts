// The README's first command on a machine with no database server: `npm run sandbox` with no
// DATABASE_URL starts its own PostgreSQL, migrates it, and is ready; its data survives a restart, and
// stopping the sandbox stops that server too.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { freePort } from "../../app/sandbox/embedded-postgres.server";
import { ROOT } from "../setup/paths";
import { waitForReady } from "./support/sandbox";

const parent = mkdtempSync(path.join(tmpdir(), "social-feed-sandbox-test-"));
chmodSync(parent, 0o755); // run as root, PostgreSQL runs as the postgres user, which must reach its folder
const dataDirectory = path.join(parent, "postgres");
afterAll(() => rmSync(parent, { recursive: true, force: true }));

async function runSandbox() {
  const [port, instagramPort, adminPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    NODE_ENV: "development" as const,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    SANDBOX_INSTAGRAM_PORT: String(instagramPort),
    SANDBOX_ADMIN_API_PORT: String(adminPort),
    SANDBOX_DATA_DIR: dataDirectory,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "app/cli/sandbox.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  await waitForReady(child, output);
  return {
    get: (urlPath: string) =>
      fetch(`http://localhost:${port}${urlPath}`, {
        headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36" },
      }),
    async stop() {
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      return exited;
    },
  };
}

it(
  "starts on its own PostgreSQL, ready; keeps its data across a restart; stops its server with it",
  { timeout: 180_000 },
  async () => {
    const first = await runSandbox();
    expect(await (await first.get("/readyz")).json()).toEqual({ status: "ready" });
    expect((await first.get("/sandbox")).status).toBe(200);
    expect(existsSync(path.join(dataDirectory, "PG_VERSION"))).toBe(true);
    expect(existsSync(path.join(dataDirectory, "postmaster.pid"))).toBe(true);
    expect(await first.stop()).toBe(0);
    expect(existsSync(path.join(dataDirectory, "postmaster.pid"))).toBe(false); // the server stopped with it

    const again = await runSandbox(); // the same data folder: no new cluster, migrations already applied
    expect(await (await again.get("/readyz")).json()).toEqual({ status: "ready" });
    expect(await again.stop()).toBe(0);
  },
);
