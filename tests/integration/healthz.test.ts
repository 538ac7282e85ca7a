// /healthz is what the platform's load balancer and uptime checks read: 200 while the app can reach its
// database, 503 (and never a cached answer) when it cannot, so traffic is moved away and someone is paged.
// This file swaps the process-wide database client, so it stays on its own (each test file is its own process).
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "../../app/config.server";
import { loader } from "../../app/routes/healthz";
import { ARTIFACTS, TEMPLATE_DATABASE } from "../setup/paths";
import { callRoute, publicGet } from "../support/shopify";

const goodDatabaseUrl = process.env.DATABASE_URL!;

async function useDatabaseUrl(url: string) {
  await globalThis.socialFeedPrisma?.$disconnect().catch(() => undefined);
  globalThis.socialFeedPrisma = undefined;
  process.env.DATABASE_URL = url;
  resetConfigForTests();
}

async function health() {
  const response = await callRoute(loader, publicGet("/healthz"));
  return { status: response.status, cacheControl: response.headers.get("Cache-Control"), body: await response.json() };
}

beforeEach(() => useDatabaseUrl(goodDatabaseUrl));
afterEach(() => useDatabaseUrl(goodDatabaseUrl));

describe("GET /healthz", () => {
  it("200 {status: ok} with the database reachable, never cached", async () => {
    expect(await health()).toEqual({ status: 200, cacheControl: "no-store", body: { status: "ok" } });
  });

  it("503 when the database cannot be opened, never cached", async () => {
    await useDatabaseUrl(`file:${path.join(ARTIFACTS, "no-such-directory", "missing", "db.sqlite")}`);
    expect(await health()).toEqual({ status: 503, cacheControl: "no-store", body: { status: "database unreachable" } });
  });

  it("503 when the database path is a directory", async () => {
    await useDatabaseUrl(`file:${ARTIFACTS}`);
    expect((await health()).status).toBe(503);
  });

  it("recovers to 200 once the database is back, without a restart", async () => {
    const directory = path.join(ARTIFACTS, `comes-back-${randomUUID()}`);
    await useDatabaseUrl(`file:${path.join(directory, "db.sqlite")}`);
    expect((await health()).status).toBe(503);
    mkdirSync(directory);
    copyFileSync(TEMPLATE_DATABASE, path.join(directory, "db.sqlite"));
    expect(await health()).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("the body reveals nothing about the database location", async () => {
    await useDatabaseUrl(`file:${path.join(ARTIFACTS, "no-such-directory", "secret-name.sqlite")}`);
    const { body } = await health();
    expect(JSON.stringify(body)).not.toMatch(/secret-name|sqlite|no-such-directory|Error/);
  });
});
