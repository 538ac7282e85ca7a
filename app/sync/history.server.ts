// Sync history is what the merchant reads on the Media Sources page, and every source makes up to 96
// runs a day: kept for ever, it would outgrow everything else. Runs that changed nothing are kept a day
// (long enough to show the schedule working); runs that changed posts, and failures, a month.
import { now } from "../clock.server";
import { db } from "../db.server";
import { DAY } from "../time";

export const QUIET_RUNS_KEPT_MS = DAY;
export const RUNS_KEPT_MS = 30 * DAY;
const BATCH = 10_000;

/** Deletes finished runs past their keeping time, in batches; returns how many. */
export async function pruneSyncHistory(at: Date = now()): Promise<number> {
  let deleted = 0;
  for (;;) {
    const count = await db().$executeRaw`
      DELETE FROM "SyncRun" WHERE id IN (
        SELECT id FROM "SyncRun"
        WHERE status IN ('succeeded', 'failed') AND (
          "finishedAt" < ${new Date(at.getTime() - RUNS_KEPT_MS)}
          OR (status = 'succeeded' AND added + updated + removed = 0 AND "finishedAt" < ${new Date(at.getTime() - QUIET_RUNS_KEPT_MS)})
        )
        LIMIT ${BATCH})`;
    deleted += count;
    if (count < BATCH) return deleted;
  }
}
