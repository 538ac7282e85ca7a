// Once per test run: apply the real migrations (with Prisma's own CLI) to a template database that
// every test file then copies, so each file gets a fresh, fully migrated SQLite database in milliseconds.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { ARTIFACTS, ROOT, TEMPLATE_DATABASE } from "./paths";

export default function setup() {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy", "--config", "prisma/prisma.config.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DATABASE}` },
    stdio: "pipe",
  });
}
