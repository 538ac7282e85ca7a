// Runs the built app as its own process (`npm start`'s code, app/cli/serve.ts), as a deploy would: for
// tests and benchmarks of several processes sharing one database.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { freePort } from "../../app/sandbox/embedded-postgres.server";
import { ROOT } from "../setup/paths";

export interface AppProcess {
  name: string;
  child: ChildProcess;
  port: number;
  output: string[];
  get(path: string): Promise<Response>;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | string>;
}

export async function startAppProcess(name: string, env: Record<string, string>): Promise<AppProcess> {
  if (!existsSync(path.join(ROOT, "build/server/index.js")))
    throw new Error("Run `npm run build` first (npm test does).");
  const port = await freePort();
  // `npm start`'s command: one Node process (signals reach the app itself, not a wrapper).
  const child = spawn(process.execPath, ["--import", "tsx", "app/cli/serve.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "test",
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET_KEY,
      SHOPIFY_APP_URL: APP_URL,
      SCOPES: process.env.SCOPES ?? "write_files,write_app_proxy,write_metaobject_definitions,write_metaobjects",
      INSTAGRAM_APP_ID: process.env.INSTAGRAM_APP_ID ?? "990602627938098",
      INSTAGRAM_APP_SECRET: process.env.INSTAGRAM_APP_SECRET ?? "test-instagram-app-secret",
      TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? Buffer.alloc(32, 7).toString("base64"),
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output.join("")}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join("").includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}):\n${output.join("")}`));
    });
  });
  return {
    name,
    child,
    port,
    output,
    exited,
    // A desktop browser's user agent: the Shopify library turns bots away.
    get: (urlPath) =>
      fetch(`http://127.0.0.1:${port}${urlPath}`, {
        headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36" },
      }),
  };
}
