// findDueAccounts' filter and order written as SQL, so tests and the benchmark can read SQLite's plan for it.
import type Database from "better-sqlite3";

export const DUE_INDEX = "InstagramAccount_status_nextCheckAt_idx";

export function dueQueryPlan(sqlite: Database.Database, at: string): string[] {
  const rows = sqlite
    .prepare(
      `EXPLAIN QUERY PLAN SELECT id FROM InstagramAccount WHERE status = 'active' AND nextCheckAt <= ? AND (leaseExpiresAt IS NULL OR leaseExpiresAt < ?) ORDER BY nextCheckAt ASC LIMIT 200`,
    )
    .all(at, at) as { detail: string }[];
  return rows.map((row) => row.detail);
}
