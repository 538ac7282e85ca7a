// Runs the README's sandbox (the built app + the fake Instagram) as a child process, exactly as a
// newcomer would, on free ports and a private database.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { freePort } from "../../../app/sandbox/embedded-postgres.server";
import { createDatabaseFromTemplate } from "../../setup/database";
import { ROOT } from "../../setup/paths";

export interface RunningSandbox {
  url: string;
  instagramOrigin: string;
  /** The sandbox's own database, for arranging what a test needs and checking what it left. */
  db: PrismaClient;
  stop(): Promise<void>;
}

export function waitForReady(child: ChildProcess, output: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${output.join("")}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join("").includes("sandbox is ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited (${code}):\n${output.join("")}`));
    });
  });
}

export async function startSandbox(): Promise<RunningSandbox> {
  const [port, instagramPort, adminPort] = [await freePort(), await freePort(), await freePort()];
  const databaseUrl = await createDatabaseFromTemplate(
    process.env.TEST_ADMIN_DATABASE_URL!,
    process.env.TEST_TEMPLATE_DATABASE!,
    `${process.env.TEST_DATABASE_PREFIX}e2e${randomUUID().replaceAll("-", "")}`,
  );
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "development",
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    SANDBOX_INSTAGRAM_PORT: String(instagramPort),
    SANDBOX_ADMIN_API_PORT: String(adminPort),
    DATABASE_URL: databaseUrl,
  };
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["app/cli/sandbox.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  await waitForReady(child, output);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  return {
    url: `http://localhost:${port}`,
    instagramOrigin: `http://127.0.0.1:${instagramPort}`,
    db,
    async stop() {
      await db.$disconnect();
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
