// findDueAccounts' filter and order written as SQL, so tests and the benchmark can read PostgreSQL's plan for it.
import pg from "pg";

export const DUE_INDEX = "InstagramAccount_status_nextCheckAt_idx";

/** EXPLAIN of the due-account query. `forceIndex` hides sequential scans, for tables too small to bother the planner. */
export async function dueQueryPlan(databaseUrl: string, at: Date, forceIndex = false): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (forceIndex) await client.query("SET enable_seqscan = off");
    const { rows } = await client.query<{ "QUERY PLAN": string }>(
      `EXPLAIN SELECT id FROM "InstagramAccount" WHERE status = 'active' AND "nextCheckAt" <= $1 ORDER BY "nextCheckAt" ASC LIMIT 200`,
      [at],
    );
    return rows.map((row) => row["QUERY PLAN"].trim());
  } finally {
    await client.end();
  }
}
