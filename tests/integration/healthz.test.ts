// /healthz is what the platform's load balancer and uptime checks read: 200 while the app can reach its
// database, 503 (and never a cached answer) when it cannot, so traffic is moved away and someone is paged.
// /readyz says whether the process can do its work: database reachable, migrated, job queue running.
// This file swaps the process-wide database client, so it stays on its own (each test file is its own process).
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "../../app/config.server";
import { startQueue, stopQueue } from "../../app/jobs/queue.server";
import { loader } from "../../app/routes/healthz";
import { loader as readyLoader } from "../../app/routes/readyz";
import { adminQuery, withDatabase } from "../setup/database";
import { callRoute, publicGet } from "../support/shopify";

const goodDatabaseUrl = process.env.DATABASE_URL!;
const adminUrl = process.env.TEST_ADMIN_DATABASE_URL!;

async function useDatabaseUrl(url: string) {
  await globalThis.socialFeedPrisma?.$disconnect().catch(() => undefined);
  globalThis.socialFeedPrisma = undefined;
  process.env.DATABASE_URL = url;
  resetConfigForTests();
}

async function probe(route: typeof loader) {
  const response = await callRoute(route, publicGet("/healthz"));
  return { status: response.status, cacheControl: response.headers.get("Cache-Control"), body: await response.json() };
}

beforeEach(() => useDatabaseUrl(goodDatabaseUrl));
afterEach(() => useDatabaseUrl(goodDatabaseUrl));
afterAll(() => stopQueue(1000));

describe("GET /healthz", () => {
  it("200 {status: ok} with the database reachable, never cached", async () => {
    expect(await probe(loader)).toEqual({ status: 200, cacheControl: "no-store", body: { status: "ok" } });
  });

  it("503 when nothing listens at the database's address, never cached", async () => {
    await useDatabaseUrl("postgresql://postgres@127.0.0.1:9/social_feed");
    expect(await probe(loader)).toEqual({
      status: 503,
      cacheControl: "no-store",
      body: { status: "database unreachable" },
    });
  });

  it("recovers to 200 once the database is back, without a restart", async () => {
    const name = `${process.env.TEST_DATABASE_PREFIX}${randomUUID().replaceAll("-", "")}`;
    await useDatabaseUrl(withDatabase(adminUrl, name));
    expect((await probe(loader)).status).toBe(503);
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    expect(await probe(loader)).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("the body reveals nothing about the database", async () => {
    await useDatabaseUrl("postgresql://secret-user:secret-password@127.0.0.1:9/secret-name");
    const { body } = await probe(loader);
    expect(JSON.stringify(body)).not.toMatch(/secret|postgres|ECONNREFUSED|Error/);
  });
});

describe("GET /readyz", () => {
  it("503 waiting for migrations on a database that has none", async () => {
    const name = `${process.env.TEST_DATABASE_PREFIX}${randomUUID().replaceAll("-", "")}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    await useDatabaseUrl(withDatabase(adminUrl, name));
    expect((await probe(readyLoader)).body).toEqual({ status: "not ready", waitingFor: ["migrations", "queue"] });
  });

  it("503 until the job queue runs, then 200", async () => {
    expect(await probe(readyLoader)).toEqual({
      status: 503,
      cacheControl: "no-store",
      body: { status: "not ready", waitingFor: ["queue"] },
    });
    await startQueue("send");
    expect(await probe(readyLoader)).toEqual({ status: 200, cacheControl: "no-store", body: { status: "ready" } });
  });

  it("503 waiting for the database when it cannot be reached", async () => {
    await useDatabaseUrl("postgresql://postgres@127.0.0.1:9/social_feed");
    expect((await probe(readyLoader)).body).toEqual({ status: "not ready", waitingFor: ["database"] });
  });
});
