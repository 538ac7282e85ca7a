// The built app, as `npm start` runs it (errors sanitized as in production), when an admin page fails
// for real: its database loses a table the admin layout reads (a botched migration). The merchant gets
// a Polaris page in plain words with a way back and a reference; the log has that reference on the
// failure's line, with the stack; the page has no message and no stack frame. Unknown addresses get
// "Page not found".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { adminGet, seedOfflineSession } from "../support/shopify";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
let app: AppProcess;

beforeAll(async () => {
  await seedOfflineSession();
  app = await startAppProcess("web", { DATABASE_URL: process.env.DATABASE_URL!, PROCESS_ROLE: "web" });
}, 90_000);

afterAll(async () => {
  app?.child.kill("SIGTERM");
  await app?.exited;
});

/** An embedded admin request (signed id_token in the query), sent to the app process. */
async function adminFetch(path: string): Promise<Response> {
  const signed = new URL((await adminGet(path)).url);
  return fetch(`http://127.0.0.1:${app.port}${signed.pathname}${signed.search}`, {
    headers: { "User-Agent": BROWSER },
  });
}

async function withoutTable<T>(table: string, run: () => Promise<T>): Promise<T> {
  await db().$executeRawUnsafe(`ALTER TABLE "${table}" RENAME TO "${table}_gone"`);
  try {
    return await run();
  } finally {
    await db().$executeRawUnsafe(`ALTER TABLE "${table}_gone" RENAME TO "${table}"`);
  }
}

const logText = () => app.output.join("");
const STACK_FRAME = /\bat [\w.<>$]+ \(|\bat (?:file|node):|\.(?:js|ts|mjs):\d+:\d+/;

function referenceIn(html: string): string {
  const found = /Reference: <code[^>]*>([0-9a-f]{16})<\/code>/.exec(html);
  if (!found) throw new Error(`no reference on the page:\n${html.slice(0, 2000)}`);
  return found[1];
}

/** The failure's log line for a reference and the stack frames that follow it. */
function logEntry(reference: string): string[] {
  const lines = logText().split("\n");
  const start = lines.findIndex((line) => line.startsWith(`request ${reference} failed: `));
  if (start < 0) throw new Error(`no log line for ${reference}:\n${logText().slice(-3000)}`);
  const frames: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("    at ")) break;
    frames.push(line);
  }
  return [lines[start], ...frames];
}

describe("an admin page whose loader fails", () => {
  it("shows the Polaris error page with the logged reference, a way back and no stack", async () => {
    const response = await withoutTable("InstagramAccount", () => adminFetch("/app/account"));
    expect(response.status).toBe(500);
    const html = await response.text();

    expect(html).toContain("Something went wrong on our side");
    expect(html).toContain("Reload the page or go back to Home");
    expect(html).toContain("Polaris-Page"); // Polaris, not Remix's bare default page
    expect(html).toMatch(/<a[^>]+href="\/app\?[^"]*shop=test-shop\.myshopify\.com[^"]*"[^>]*>.*?Go to Home/s);
    expect(html).toContain("<title>Social Feed · Something went wrong</title>");

    const reference = referenceIn(html);
    expect(response.headers.get("X-Request-Id")).toBe(reference);
    const [line, ...frames] = logEntry(reference);
    expect(line).toMatch(new RegExp(`^request ${reference} failed: PrismaClientKnownRequestError .*InstagramAccount`));
    expect(frames.length).toBeGreaterThan(0);

    // Nothing of the error reaches the page: not its message, not a frame of its stack.
    expect(html).not.toMatch(STACK_FRAME);
    expect(html).not.toMatch(/InstagramAccount|does not exist|Prisma/);
  });

  it("a client-side navigation's failed data request answers with its own logged reference", async () => {
    const response = await withoutTable("InstagramAccount", () => adminFetch("/app/account?_data=routes%2Fapp"));
    expect(response.status).toBe(500);
    expect(response.headers.get("X-Remix-Catch")).toBe("yes");
    const body = await response.text();
    const { reference } = JSON.parse(body) as { reference: string };
    expect(reference).toMatch(/^[0-9a-f]{16}$/);
    expect(response.headers.get("X-Request-Id")).toBe(reference);
    expect(logEntry(reference)[0]).toMatch(/failed: PrismaClientKnownRequestError /);
    expect(body).not.toMatch(STACK_FRAME);
    expect(body).not.toMatch(/InstagramAccount|does not exist/);
  });

  it("each failed request has its own reference", async () => {
    const [first, second] = await withoutTable("InstagramAccount", async () => [
      await adminFetch("/app"),
      await adminFetch("/app"),
    ]);
    expect(referenceIn(await first.text())).not.toBe(referenceIn(await second.text()));
  });

  it("the same page works again once the table is back, with no error page", async () => {
    const response = await adminFetch("/app/account");
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain("Something went wrong");
  });
});

describe("an address the app does not have", () => {
  it("under /app: Page not found, with a link to Home", async () => {
    const response = await adminFetch("/app/no-such-page");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Page not found");
    expect(html).toContain("<title>Social Feed · Page not found</title>");
    expect(html).toMatch(/<a[^>]+href="\/app\?[^"]*shop=test-shop\.myshopify\.com[^"]*"[^>]*>.*?Go to Home/s);
    expect(html).toContain("Polaris-Page");
    expect(html).not.toMatch(STACK_FRAME);
  });

  it("outside the admin: Page not found, pointing to the Shopify admin", async () => {
    const response = await app.get("/no-such-page");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Page not found");
    expect(html).toContain("Open Social Feed from the Apps section of your Shopify admin.");
    expect(html).not.toContain("Go to Home");
  });
});
