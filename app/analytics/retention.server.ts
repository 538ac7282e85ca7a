// How long the figures are kept. The home page reads 30 days; a year and a month leaves room for
// comparing a month with the same month last year, and bounds what the table holds about each shop's
// shoppers (aggregates only, but still theirs) instead of keeping it for as long as the app is installed.
import { now } from "../clock.server";
import { db } from "../db.server";
import { utcDay } from "./ingest.server";

export const ANALYTICS_RETENTION_DAYS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes the figures of days older than the retention; the number of rows deleted. */
export async function pruneAnalytics(at: Date = now()): Promise<number> {
  const oldestKept = new Date(utcDay(new Date(at.getTime() - (ANALYTICS_RETENTION_DAYS - 1) * DAY_MS)));
  const { count } = await db().analyticsDaily.deleteMany({ where: { day: { lt: oldestKept } } });
  return count;
}
