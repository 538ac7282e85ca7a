// The job queue's queues: what each holds, how many of a kind may run at once, and how a job that
// failed for an unexpected reason (a crash, a bug, a worker that vanished) is retried. Failures that
// are merchants' business (Instagram refused, Shopify was down) are recorded by the jobs themselves.
import type PgBoss from "pg-boss";

export const QUEUE = {
  /** Cron: fans out one tokenUpkeep job per account whose check or renewal is due. */
  tokenSweep: "token-upkeep",
  /** One account's renewal or check. One at a time per account. */
  tokenUpkeep: "token-upkeep-account",
  /** Cron: queues the scheduled syncs that are due. */
  syncSchedule: "media-sync-schedule",
  /** A media source's active SyncRun. One at a time per source. */
  sync: "media-sync",
  /** Sync jobs that exhausted their retries: their runs are marked failed in the merchant's history. */
  syncAbandoned: "media-sync-abandoned",
  /** Cron: fresh links for posts whose Instagram links are about to expire. */
  links: "media-links",
  /** One shop's storefront feed. One at a time per shop; a request made while it runs queues one more. */
  publish: "feed-publish",
  /** Cron: re-queues feeds whose publishing is still requested (failed, or its job was lost). */
  publishSweep: "feed-publish-sweep",
  /** Cron: deletes old sync history (app/sync/history.server.ts). */
  historyPrune: "sync-history-prune",
  /** Cron: deletes analytics figures past their retention (app/analytics/retention.server.ts). */
  analyticsPrune: "analytics-prune",
  /** Cron: opens, reminds and resolves alert incidents (app/alerts/), and re-queues mail still waiting. */
  alerts: "alerts-review",
  /** One email. Retried with growing delays while the SMTP server is away (app/email/). */
  email: "email-send",
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export interface QueueDefinition {
  name: QueueName;
  /** "stately": at most one job queued and one running per singleton key (per account, source or shop). */
  policy: PgBoss.QueuePolicy;
  retryLimit: number;
  retryDelay: number;
  /** Each retry waits twice as long as the one before. */
  retryBackoff?: boolean;
  deadLetter?: QueueName;
  /** Cron expression (UTC) for the sweeps. */
  cron?: string;
}

const sweep = (name: QueueName, cron: string): QueueDefinition => ({
  name,
  policy: "stately",
  retryLimit: 0,
  retryDelay: 0,
  cron,
});

export const QUEUES: QueueDefinition[] = [
  sweep(QUEUE.tokenSweep, "* * * * *"),
  { name: QUEUE.tokenUpkeep, policy: "stately", retryLimit: 3, retryDelay: 30 },
  sweep(QUEUE.syncSchedule, "* * * * *"),
  { name: QUEUE.syncAbandoned, policy: "standard", retryLimit: 5, retryDelay: 30 },
  // A sync handed back at shutdown or taken from a vanished worker is retried at once elsewhere.
  { name: QUEUE.sync, policy: "stately", retryLimit: 5, retryDelay: 1, deadLetter: QUEUE.syncAbandoned },
  sweep(QUEUE.links, "*/30 * * * *"),
  { name: QUEUE.publish, policy: "stately", retryLimit: 3, retryDelay: 60 },
  sweep(QUEUE.publishSweep, "*/5 * * * *"),
  sweep(QUEUE.historyPrune, "17 * * * *"),
  sweep(QUEUE.analyticsPrune, "41 3 * * *"),
  sweep(QUEUE.alerts, "* * * * *"),
  // 30 s, 1 min, 2 min … about 8 hours over 9 retries; after that the alerts sweep re-queues the message.
  { name: QUEUE.email, policy: "stately", retryLimit: 9, retryDelay: 30, retryBackoff: true },
];
