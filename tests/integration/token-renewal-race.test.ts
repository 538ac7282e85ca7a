// Two app processes sweeping the same database at the same moment: every due account is renewed
// exactly once, because each is claimed with a compare-and-set lease before Instagram is called.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { DAY, frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { ROOT } from "../setup/paths";

const run = promisify(execFile);
const instagram = useFakeInstagram();
const ACCOUNTS = 40;
let clock: ReturnType<typeof frozenClock>;

beforeAll(async () => {
  // Accounts connected six days ago (by Instagram's clock and ours), so all are due now.
  clock = frozenClock(new Date(Date.now() - 6 * DAY).toISOString());
  for (let i = 0; i < ACCOUNTS; i += 1) {
    instagram.fake.addAccount({ username: `race.${i}` });
    await connectAccount(instagram.fake, `race.${i}`);
  }
  clock.advance(6 * DAY);
  await db().instagramAccount.updateMany({ data: { nextCheckAt: new Date(Date.now() - 60_000) } });
});
afterAll(() => clock.restore());

function worker(id: string) {
  return run(path.join(ROOT, "node_modules/.bin/tsx"), ["tests/integration/workers/sweep-worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, WORKER_ID: id },
  });
}

it("renews each due account exactly once across two processes", async () => {
  const refreshesBefore = instagram.fake.calls.filter((call) => call.path.endsWith("refresh_access_token")).length;
  const outputs = await Promise.all([worker("process-a"), worker("process-b")]);
  const results = outputs.flatMap(({ stdout }) => JSON.parse(stdout.trim().split("\n").at(-1)!) as { accountId: string; outcome: string }[]);

  const renewed = results.filter((result) => result.outcome === "renewed").map((result) => result.accountId);
  expect(renewed).toHaveLength(ACCOUNTS);
  expect(new Set(renewed).size).toBe(ACCOUNTS);
  const refreshes = instagram.fake.calls.filter((call) => call.path.endsWith("refresh_access_token")).length - refreshesBefore;
  expect(refreshes).toBe(ACCOUNTS);
  const leftovers = await db().instagramAccount.count({ where: { OR: [{ leaseOwner: { not: null } }, { renewalFailures: { gt: 0 } }] } });
  expect(leftovers).toBe(0);
  // Both processes really raced (each claimed some accounts, or saw the other's lease).
  console.log(`race: ${outputs.map(({ stdout }, i) => `${["a", "b"][i]} renewed ${JSON.parse(stdout.trim().split("\n").at(-1)!).filter((r: { outcome: string }) => r.outcome === "renewed").length}`).join(", ")}`);
});
