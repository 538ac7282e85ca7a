// Once per test run: apply the real migrations (with Prisma's own CLI) to a template database that
// every test file then copies, so each file gets a fresh, fully migrated SQLite database in milliseconds.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths";

export default function setup() {
  const parent = path.join(ROOT, "tests/.artifacts");
  mkdirSync(parent, { recursive: true });
  const runDir = mkdtempSync(path.join(parent, "run-"));
  process.env.TEST_RUN_DIR = runDir; // inherited by the test workers, read by ./paths
  execFileSync("npx", ["prisma", "migrate", "deploy", "--config", "prisma/prisma.config.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${path.join(runDir, "template.sqlite")}` },
    stdio: "pipe",
  });
  return () => rmSync(runDir, { recursive: true, force: true });
}
