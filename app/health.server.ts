// Liveness (/healthz: the process answers and reaches its database) and readiness (/readyz: it can do
// its work: database reachable, every migration applied, job queue running). Load balancers send
// traffic only to ready processes; orchestrators restart processes that are not alive.
import { db, isDatabaseReachable } from "./db.server";
import { isQueueRunning } from "./jobs/queue.server";
import { isMigrated } from "./migrations.server";

export type Readiness = { ready: true } | { ready: false; waitingFor: Array<"database" | "migrations" | "queue"> };

export async function readiness(): Promise<Readiness> {
  if (!(await isDatabaseReachable())) return { ready: false, waitingFor: ["database"] };
  const waitingFor: Array<"migrations" | "queue"> = [];
  if (!(await isMigrated((sql) => db().$queryRawUnsafe(sql)))) waitingFor.push("migrations");
  if (!(await isQueueRunning())) waitingFor.push("queue");
  return waitingFor.length ? { ready: false, waitingFor } : { ready: true };
}
