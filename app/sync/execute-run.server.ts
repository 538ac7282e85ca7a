// One sync run: pages through the account's posts (newest first, 100 at a time, following
// paging.next), stores each page and writes progress to the run row as it goes. A full run that
// reaches the end removes posts Instagram no longer lists; an incremental run stops at the first page
// it already knows. A failure keeps every stored post, is recorded in plain words, and the next run
// carries on. A token Instagram refuses marks the account Needs reconnect and stops.
import type { SyncRun } from "@prisma/client";
import { now } from "../clock.server";
import { db } from "../db.server";
import { requestPublish } from "../feed/publish-request.server";
import { markNeedsReconnect } from "../accounts/needs-reconnect.server";
import { decryptToken, TokenDecryptionError, tokenBinding } from "../accounts/token-crypto.server";
import type { InstagramClient, MediaPage } from "../instagram/client.server";
import { InstagramError } from "../instagram/errors";
import { RETRY_AFTER_FAILURE_MS, type SyncSettings } from "./settings.server";
import { requeueRun, type RunView } from "./run-records.server";
import { removeUnseen, storePage } from "./store.server";

export interface RunContext {
  /** The job attempt that claimed the run (claimRun); every write names it. */
  attempt: string;
  client: InstagramClient;
  settings: SyncSettings;
  /** Aborted when the process is shutting down: the run stops after the page in hand and is handed back. */
  signal?: AbortSignal;
}

/** "lost": another attempt took the run over. "handed_back": put back in the queue at shutdown. */
export type RunOutcome = "succeeded" | "failed" | "lost" | "handed_back";

type Progress = Pick<RunView, "pages" | "fetched" | "added" | "updated" | "removed" | "skipped">;

/** Another attempt took the run over (the queue gave up on ours): stop without writing anything more. */
class TakenOver extends Error {}
/** The process is stopping: the posts stored so far stay, and the run goes back to the queue. */
class Stopping extends Error {}

const KEPT = "The posts already here are kept";

/**
 * Failures that are the account's, not the sync's: its connection ended. They don't start a streak of
 * failing syncs (the account's own "needs reconnect" alert covers them), so a reconnect after days away
 * isn't followed by a "syncs failing" email before the next sync has had its chance.
 */
const ACCOUNT_PROBLEMS = new Set(["needs_reconnect", "invalid_token", "permission"]);

export async function executeRun(run: SyncRun, context: RunContext): Promise<RunOutcome> {
  const { attempt, settings } = context;
  const source = await db().mediaSource.findUnique({ where: { id: run.sourceId }, include: { account: true } });
  const progress: Progress = { pages: 0, fetched: 0, added: 0, updated: 0, removed: 0, skipped: 0 };
  if (!source) return "lost"; // deleted with its account meanwhile (the run went with it)
  const { account } = source;

  const ownRun = { id: run.id, attempt };
  const saveProgress = async () => {
    const { count } = await db().syncRun.updateMany({ where: ownRun, data: progress });
    if (count !== 1) throw new TakenOver();
    if (context.signal?.aborted) throw new Stopping();
  };
  const finish = async (outcome: {
    status: "succeeded" | "failed";
    errorKind?: string;
    errorMessage?: string;
    retryAfterMs?: number;
  }) => {
    const at = now();
    const schedule = source.scheduleMinutes * 60_000;
    const wait =
      outcome.status === "succeeded"
        ? schedule
        : Math.max(Math.min(schedule, RETRY_AFTER_FAILURE_MS), outcome.retryAfterMs ?? 0);
    // The run's end and the source's next time go together, or neither does.
    return db().$transaction(async (tx) => {
      const { count } = await tx.syncRun.updateMany({
        where: ownRun,
        data: {
          ...progress,
          status: outcome.status,
          finishedAt: at,
          errorKind: outcome.errorKind ?? null,
          errorMessage: outcome.errorMessage ?? null,
        },
      });
      if (count !== 1) return "lost" as const;
      await tx.mediaSource.update({
        where: { id: source.id },
        data: {
          nextSyncAt: new Date(at.getTime() + wait),
          ...(outcome.status === "succeeded"
            ? { lastSyncedAt: at, failingSince: null, ...(run.mode === "full" ? { lastFullSyncAt: at } : {}) }
            : {
                failingSince: ACCOUNT_PROBLEMS.has(outcome.errorKind ?? "")
                  ? source.failingSince
                  : (source.failingSince ?? at),
              }),
        },
      });
      return outcome.status;
    });
  };

  if (account.status !== "active" || !account.encryptedToken) {
    return finish({
      status: "failed",
      errorKind: "needs_reconnect",
      errorMessage: `@${account.username} needs to be reconnected on the Account page before its posts can sync. ${KEPT}.`,
    });
  }

  const refusedToken = account.encryptedToken;
  const seen = new Set<string>();
  const reading: Reading = { abandoned: false };
  try {
    const token = decryptToken(account.encryptedToken, tokenBinding(account));
    const read = (next: string | undefined) => readAhead(fetchPage(context, token, next, saveProgress, reading));
    let complete = false;
    let pending = read(undefined);
    for (;;) {
      const page: MediaPage = await pending;
      // A full run reads every page anyway, so the next one is fetched while this one is stored (Instagram's
      // answer and our writes overlap). An incremental run asks only once it knows it must go on.
      const ahead = run.mode === "full" && page.next ? read(page.next) : undefined;
      const stored = await storePage(source.id, page.items, settings.renewLinksWithinMs);
      progress.pages += 1;
      progress.fetched += page.items.length;
      progress.added += stored.added;
      progress.updated += stored.updated;
      progress.skipped += stored.skipped;
      for (const id of stored.seenIds) seen.add(id);
      await saveProgress();
      if (!page.next) {
        complete = true;
        break;
      }
      if (run.mode === "incremental" && stored.allKnown) break;
      pending = ahead ?? read(page.next);
    }
    // Only a pass that saw the whole list may remove anything, and never on an empty listing: a
    // glitch that lists nothing must not empty the merchant's feed.
    if (run.mode === "full" && complete && seen.size > 0) {
      await saveProgress();
      progress.removed = await removeUnseen(source.id, seen);
    }
    const outcome = await finish({ status: "succeeded" });
    // The storefront's feed is rebuilt only when what it could show changed.
    if (outcome === "succeeded" && progress.added + progress.updated + progress.removed > 0)
      await requestPublish(source.shop, { sourceId: source.id });
    return outcome;
  } catch (error) {
    reading.abandoned = true; // a page fetched ahead is dropped
    if (error instanceof TakenOver) return "lost";
    if (error instanceof Stopping) return (await requeueRun({ id: run.id, attempt })) ? "handed_back" : "lost";
    const where =
      progress.pages === 0
        ? "before the first page"
        : `after ${progress.pages} ${progress.pages === 1 ? "page" : "pages"} (${progress.fetched} posts)`;
    if (error instanceof InstagramError && (error.kind === "invalid_token" || error.kind === "permission")) {
      const marked = await markNeedsReconnect(account.id, error.message, refusedToken);
      const advice = marked
        ? `Reconnect @${account.username} on the Account page.`
        : `@${account.username}'s connection was renewed or reconnected meanwhile, so the next sync uses the new one.`;
      return finish({
        status: "failed",
        errorKind: error.kind,
        errorMessage: `Stopped ${where}: ${error.message} ${advice} ${KEPT}.`,
      });
    }
    if (error instanceof InstagramError || error instanceof TokenDecryptionError) {
      return finish({
        status: "failed",
        errorKind: error instanceof InstagramError ? error.kind : "token_unreadable",
        errorMessage: `Stopped ${where}: ${error.message} ${KEPT}; the next sync carries on.`,
        retryAfterMs: error instanceof InstagramError ? error.details.retryAfterMs : undefined,
      });
    }
    // A bug of ours: the log gets its kind only (never its message, which could carry a URL with a token).
    console.error(`media sync failed unexpectedly: ${error instanceof Error ? error.name : typeof error}`);
    return finish({
      status: "failed",
      errorKind: "internal",
      errorMessage: `Stopped ${where}: something went wrong on our side. ${KEPT}; the next sync tries again.`,
    });
  }
}

const RETRYABLE = new Set(["rate_limited", "transient"]);

/** Set once the run has stopped: a page still being fetched for it is not retried any more. */
interface Reading {
  abandoned: boolean;
}

/**
 * A page being fetched while the run does something else: its failure is met where it is awaited, and
 * must not count as unhandled meanwhile (or at all, when the run stopped first and drops it).
 */
function readAhead(page: Promise<MediaPage>): Promise<MediaPage> {
  page.catch(() => {});
  return page;
}

/** One page, retried with backoff on rate limits and passing trouble; waits longer than the run may wait end it. */
async function fetchPage(
  { client, settings }: RunContext,
  token: string,
  next: string | undefined,
  saveProgress: () => Promise<void>,
  reading: Reading,
): Promise<MediaPage> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await client.listMediaPage(token, { limit: settings.pageSize, next });
    } catch (error) {
      if (!(error instanceof InstagramError) || !RETRYABLE.has(error.kind) || attempt >= settings.attemptsPerPage)
        throw error;
      const base = error.kind === "rate_limited" ? settings.rateLimitBackoffMs : settings.transientBackoffMs;
      const wait = Math.max(
        Math.min(base * 2 ** (attempt - 1), settings.backoffMaxMs),
        error.details.retryAfterMs ?? 0,
      );
      if (wait > settings.maxWaitInRunMs || reading.abandoned) throw error;
      await saveProgress(); // still ours, and not shutting down: worth the wait
      await settings.sleep(wait);
      if (reading.abandoned) throw error;
    }
  }
}
