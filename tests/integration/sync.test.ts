// Syncing a source's posts against the fake Instagram over HTTP, into a real SQLite database: every
// kind of post stored once, re-syncs that change nothing, deletions reconciled, failures that keep
// everything, rate limits that slow a sync down, a revoked token that stops it, links kept fresh.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { createInstagramClient, type InstagramClient } from "../../app/instagram/client.server";
import { queueDueSyncs } from "../../app/sync/schedule.server";
import { syncQueuedRuns } from "../support/sync";
import { refreshExpiringLinks } from "../../app/sync/link-refresh.server";
import { parseChildren } from "../../app/sync/instagram-media.server";
import { claimRun, requestSync, type SyncTrigger } from "../../app/sync/run-records.server";
import { ensureAccountSources } from "../../app/sync/sources.server";
import { syncSettings, type SyncSettings } from "../../app/sync/settings.server";
import { executeRun } from "../../app/sync/execute-run.server";
import { pruneSyncHistory } from "../../app/sync/history.server";
import type { FaultReply } from "../../app/sandbox/stand-ins/instagram/index";
import { XSS_CAPTION, EMOJI_CAPTION, longCaption } from "../../app/sandbox/stand-ins/instagram/captions";
import { DAY, MINUTE, frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { SHOP, seedOfflineSession } from "../support/shopify";

const instagram = useFakeInstagram();
let clock: ReturnType<typeof frozenClock>;
let waits: number[];
let accountNumber = 0;

const fast: Partial<SyncSettings> = {
  transientBackoffMs: 10,
  rateLimitBackoffMs: 100,
  sleep: async (ms) => void waits.push(ms),
};

beforeEach(async () => {
  clock = frozenClock();
  waits = [];
  await db().instagramAccount.deleteMany();
  await db().feed.deleteMany();
  await seedOfflineSession();
});
afterEach(() => clock.restore());

async function connectWithPosts(mediaCount: number) {
  accountNumber += 1;
  const username = `sync.${accountNumber}`;
  const fakeAccount = instagram.fake.addAccount({ username, mediaCount });
  const account = await connectAccount(instagram.fake, username);
  await ensureAccountSources(SHOP);
  const source = await db().mediaSource.findFirstOrThrow({ where: { accountId: account.id } });
  return { username, fakeAccount, account, source };
}

const mediaCalls = () => instagram.fake.calls.filter((call) => /\/me\/media$/.test(call.path)).length;
const items = (sourceId: string) => db().mediaItem.findMany({ where: { sourceId }, orderBy: { postedAt: "desc" } });

/** Requests a sync (as Sync now or the schedule does) and lets the job run it; returns the finished run. */
async function sync(sourceId: string, trigger: SyncTrigger = "manual", client?: InstagramClient) {
  const request = await requestSync(sourceId, trigger);
  if (!request.ok) throw new Error(request.message);
  await syncQueuedRuns({ settings: fast, client });
  return db().syncRun.findUniqueOrThrow({ where: { id: request.run.id } });
}

/** The real client, with a fault armed on the fake just before the `page`-th page request. */
function failingOnPage(page: number, reply: FaultReply, times = 1): InstagramClient {
  const client = createInstagramClient();
  let pages = 0;
  return {
    ...client,
    listMediaPage: (token, options) => {
      pages += 1;
      if (pages === page) instagram.fake.failNext({ path: /\/me\/media$/ }, reply, times);
      return client.listMediaPage(token, options);
    },
  };
}

const TRANSIENT: FaultReply = {
  status: 500,
  body: {
    error: { message: "An unexpected error has occurred.", type: "OAuthException", code: 2, is_transient: true },
  },
};
const rateLimited = (minutes?: number): FaultReply => ({
  status: 400,
  body: {
    error: { message: "(#4) Application request limit reached", type: "OAuthException", is_transient: true, code: 4 },
  },
  headers: minutes
    ? {
        "x-business-use-case-usage": JSON.stringify({
          "1784": [{ type: "instagram", call_count: 100, estimated_time_to_regain_access: minutes }],
        }),
      }
    : {},
});

describe("the first sync", () => {
  it("stores each of a few hundred mixed posts exactly once, every kind and caption as Instagram has it", async () => {
    const { fakeAccount, source } = await connectWithPosts(300);
    const callsBefore = mediaCalls();
    const run = await sync(source.id);

    expect(run).toMatchObject({
      trigger: "manual",
      mode: "full",
      status: "succeeded",
      pages: 3,
      fetched: 300,
      added: 300,
      updated: 0,
      removed: 0,
      skipped: 0,
      errorKind: null,
    });
    expect(run.startedAt!.getTime()).toBe(clock.nowMs());
    expect(run.finishedAt!.getTime()).toBe(clock.nowMs());
    expect(mediaCalls() - callsBefore).toBe(3); // 100 per page, the largest page Instagram allows
    const first = instagram.fake.calls.filter((call) => /\/me\/media$/.test(call.path)).at(-3)!;
    expect(first.query).toMatchObject({
      limit: "100",
      fields: expect.stringContaining("children{id,media_type,media_url,thumbnail_url}"),
    });

    const stored = await items(source.id);
    expect(stored.map((item) => item.instagramId)).toEqual(fakeAccount.media.map((media) => media.id));
    const byId = new Map(stored.map((item) => [item.instagramId, item]));
    for (const media of fakeAccount.media) {
      const item = byId.get(media.id)!;
      expect(item.mediaType).toBe(media.media_type);
      expect(item.productType).toBe(media.media_product_type);
      expect(item.caption).toBe(media.caption);
      expect(item.permalink).toBe(media.permalink);
      expect(item.postedAt.toISOString().slice(0, 19)).toBe(media.timestamp.slice(0, 19));
      expect(item.linksExpireAt!.getTime()).toBe(Math.floor(clock.nowMs() / 1000) * 1000 + 4 * DAY);
      if (media.media_type === "CAROUSEL_ALBUM") {
        const children = parseChildren(item.children)!;
        expect(children.map((child) => [child.id, child.mediaType])).toEqual(
          media.children!.map((child) => [child.id, child.media_type]),
        );
        for (const child of children)
          expect(child.mediaType === "VIDEO" ? child.thumbnailUrl : child.mediaUrl).toMatch(/\/cdn\/.+oe=/);
      } else {
        expect(item.children).toBeNull();
      }
      if (media.media_type === "VIDEO") expect(item.thumbnailUrl).toMatch(/_n\.jpg\?/);
      expect(item.mediaUrl === null).toBe(media.copyrightWithheld === true);
    }
    const kinds = new Set(stored.map((item) => `${item.mediaType}/${item.productType}`));
    expect(kinds).toEqual(new Set(["IMAGE/FEED", "CAROUSEL_ALBUM/FEED", "VIDEO/REELS", "VIDEO/FEED"]));
    const captions = stored.map((item) => item.caption);
    expect(captions).toContain(null);
    expect(captions).toContain(XSS_CAPTION);
    expect(captions).toContain(EMOJI_CAPTION);
    expect(captions).toContain(longCaption());
    expect(longCaption()).toHaveLength(2200);

    const after = await db().mediaSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(after.lastSyncedAt!.getTime()).toBe(clock.nowMs());
    expect(after.lastFullSyncAt!.getTime()).toBe(clock.nowMs());
    expect(after.nextSyncAt!.getTime()).toBe(clock.nowMs() + 60 * MINUTE);
  });

  it("a second sync changes nothing (no row is written)", async () => {
    const { source } = await connectWithPosts(150);
    await sync(source.id);
    const before = await items(source.id);
    clock.advance(10 * MINUTE);
    const again = await sync(source.id);
    expect(again).toMatchObject({ status: "succeeded", pages: 2, fetched: 150, added: 0, updated: 0, removed: 0 });
    expect(await items(source.id)).toEqual(before); // updatedAt and links included
  });

  it("a sync that changes posts asks for the feeds it feeds to be republished; one that changes nothing does not", async () => {
    const { source } = await connectWithPosts(5);
    // The source's account is the shop's first: it feeds "Main". A feed of other sources is not asked.
    const other = await db().feed.create({ data: { shop: SHOP, name: "Nothing of it", createdAt: new Date() } });
    await db().feed.updateMany({ where: { shop: SHOP }, data: { requestedAt: null } });
    await sync(source.id);
    const requested = async () =>
      (await db().feed.findMany({ where: { shop: SHOP }, orderBy: { createdAt: "asc" } })).map((feed) => [
        feed.name,
        feed.requestedAt?.getTime() ?? null,
      ]);
    expect(await requested()).toEqual([
      ["Main", clock.nowMs()],
      [other.name, null],
    ]);
    await db().feed.updateMany({ where: { shop: SHOP }, data: { requestedAt: null } });
    clock.advance(MINUTE);
    await sync(source.id);
    expect(await requested()).toEqual([
      ["Main", null],
      [other.name, null],
    ]);
  });

  it("an edited caption is an update, a new post an addition", async () => {
    const { fakeAccount, source } = await connectWithPosts(30);
    await sync(source.id);
    fakeAccount.media[4]!.caption = "Edited: now 20% off";
    fakeAccount.media.unshift({
      ...fakeAccount.media[0]!,
      id: "17999999999999991",
      timestamp: new Date(clock.nowMs()).toISOString().slice(0, 19) + "+0000",
    });
    const run = await sync(source.id);
    expect(run).toMatchObject({ added: 1, updated: 1, removed: 0 });
    expect(
      (await db().mediaItem.findFirstOrThrow({ where: { sourceId: source.id, instagramId: fakeAccount.media[5]!.id } }))
        .caption,
    ).toBe("Edited: now 20% off");
  });
});

describe("odd replies", () => {
  it("malformed posts and unknown kinds are skipped and counted; the rest is stored (ids sent as bare numbers kept exact)", async () => {
    const { source } = await connectWithPosts(1);
    const link = `${instagram.fake.origin}/cdn/v/t51.29350-15/1_n.jpg?oh=00_x&oe=${(Math.floor(clock.nowMs() / 1000) + 86_400).toString(16)}`;
    const page =
      `{"data":[` +
      `{"id":17918195224117851,"media_type":"IMAGE","media_url":"${link}","permalink":"https://www.instagram.com/p/a/","timestamp":"2026-11-20T10:00:00+0000"},` +
      `{"id":"17918195224117852","media_type":"HOLOGRAM","timestamp":"2026-11-19T10:00:00+0000"},` +
      `{"media_type":"IMAGE","media_url":"${link}"},` +
      `"not even an object",` +
      `{"id":"17918195224117853","media_type":"VIDEO","timestamp":"2026-11-18T10:00:00+0000"}` +
      `]}`;
    instagram.fake.failNext({ path: /\/me\/media$/ }, { status: 200, body: page });
    const run = await sync(source.id);
    expect(run).toMatchObject({ status: "succeeded", pages: 1, fetched: 5, added: 1, skipped: 4 });
    expect((await items(source.id)).map((item) => item.instagramId)).toEqual(["17918195224117851"]);
  });

  it("a reply that is not a page at all fails the run in plain words and keeps everything", async () => {
    const { source } = await connectWithPosts(5);
    await sync(source.id);
    instagram.fake.failNext({ path: /\/me\/media$/ }, { status: 200, body: { oops: true } }, 4);
    const run = await sync(source.id);
    expect(run).toMatchObject({
      status: "failed",
      errorKind: "transient",
      errorMessage: expect.stringContaining("Instagram sent a reply we could not understand."),
    });
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(5);
  });
});

describe("incremental and full syncs", () => {
  it("an incremental sync with nothing new makes exactly one call; new posts are fetched until known ones", async () => {
    const { fakeAccount, source } = await connectWithPosts(250);
    await sync(source.id);
    clock.advance(61 * MINUTE);

    let calls = mediaCalls();
    const quiet = await sync(source.id, "schedule");
    expect(quiet).toMatchObject({
      mode: "incremental",
      status: "succeeded",
      pages: 1,
      added: 0,
      updated: 0,
      removed: 0,
    });
    expect(mediaCalls() - calls).toBe(1);

    for (let i = 0; i < 120; i += 1) {
      fakeAccount.media.unshift({
        ...fakeAccount.media[120]!,
        id: String(17900000000000000n + BigInt(i)),
        caption: `new ${i}`,
      });
    }
    calls = mediaCalls();
    const busy = await sync(source.id, "schedule");
    expect(busy).toMatchObject({ mode: "incremental", pages: 3, added: 120, updated: 0 });
    expect(mediaCalls() - calls).toBe(3); // pages 1–2 hold new posts, page 3 only known ones
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(370);
  });

  it("a post deleted on Instagram stays through incremental syncs and disappears at the next full sync", async () => {
    const { fakeAccount, source } = await connectWithPosts(120);
    await sync(source.id);
    const [deleted] = fakeAccount.media.splice(110, 1);
    clock.advance(61 * MINUTE);
    expect(await sync(source.id, "schedule")).toMatchObject({ mode: "incremental", removed: 0 });
    expect(await db().mediaItem.count({ where: { sourceId: source.id, instagramId: deleted!.id } })).toBe(1);

    clock.advance(DAY); // a day after the last full sync, the schedule asks for a full one
    const full = await sync(source.id, "schedule");
    expect(full).toMatchObject({ mode: "full", status: "succeeded", removed: 1, added: 0 });
    expect(await db().mediaItem.count({ where: { sourceId: source.id, instagramId: deleted!.id } })).toBe(0);
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(119);
  });

  it("the schedule queues runs for due sources only, once, and never for accounts that need reconnecting", async () => {
    const { source } = await connectWithPosts(5);
    const other = await connectWithPosts(5);
    await sync(source.id);
    await sync(other.source.id);
    await db().instagramAccount.update({
      where: { id: other.account.id },
      data: { status: "needs_reconnect", encryptedToken: null },
    });
    const otherRuns = await db().syncRun.count({ where: { sourceId: other.source.id } });

    clock.advance(58 * MINUTE);
    expect((await queueDueSyncs()).queued).toBe(0);
    clock.advance(MINUTE); // due within the next sweep's minute: queued now, to start at its time
    expect((await queueDueSyncs()).queued).toBe(1);
    expect((await queueDueSyncs()).queued).toBe(0);
    const due = new Date(clock.nowMs() + MINUTE);
    expect((await db().mediaSource.findUniqueOrThrow({ where: { id: source.id } })).nextSyncAt).toEqual(
      new Date(due.getTime() + 60 * MINUTE),
    );
    const queued = await db().syncRun.findMany({ where: { status: "queued" } });
    expect(queued).toEqual([
      expect.objectContaining({ sourceId: source.id, trigger: "schedule", mode: "incremental" }),
    ]);
    await syncQueuedRuns({ settings: fast });
    expect(await db().syncRun.count({ where: { sourceId: other.source.id } })).toBe(otherRuns);
  });
});

describe("when things go wrong", () => {
  it("a failure mid-sync keeps every post, says what happened, and the next run completes", async () => {
    const { fakeAccount, source } = await connectWithPosts(250);
    const failed = await sync(source.id, "manual", failingOnPage(3, TRANSIENT, 4));
    expect(failed).toMatchObject({
      status: "failed",
      errorKind: "transient",
      pages: 2,
      fetched: 200,
      added: 200,
      removed: 0,
    });
    expect(failed.errorMessage).toBe(
      "Stopped after 2 pages (200 posts): Instagram had a temporary problem; we will try again. The posts already here are kept; the next sync carries on.",
    );
    expect(waits).toEqual([10, 20, 40]); // three retries with backoff before giving up
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(200);

    // A full pass that fails never removes anything, even posts Instagram no longer lists.
    fakeAccount.media.splice(0, 5);
    const failedAgain = await sync(
      source.id,
      "manual",
      failingOnPage(2, {
        status: 400,
        body: { error: { message: "(#100) Invalid parameter", type: "OAuthException", code: 100 } },
      }),
    );
    expect(failedAgain).toMatchObject({ status: "failed", errorKind: "bad_request", removed: 0 });
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(200);

    const sourceNow = await db().mediaSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(sourceNow.nextSyncAt!.getTime()).toBe(clock.nowMs() + 15 * MINUTE);
    expect(sourceNow.lastSyncedAt).toBeNull();
    clock.advance(15 * MINUTE);
    await syncQueuedRuns({ settings: fast });
    const [resumed] = await db().syncRun.findMany({
      where: { sourceId: source.id },
      orderBy: { queuedAt: "desc" },
      take: 1,
    });
    expect(resumed).toMatchObject({ trigger: "schedule", mode: "full", status: "succeeded", added: 50, removed: 5 });
    expect((await items(source.id)).map((item) => item.instagramId)).toEqual(
      fakeAccount.media.map((media) => media.id),
    );
  });

  it("rate-limit replies slow the sync down instead of failing it", async () => {
    const { source } = await connectWithPosts(150);
    const slowed = await sync(source.id, "manual", failingOnPage(2, rateLimited(), 2));
    expect(slowed).toMatchObject({ status: "succeeded", pages: 2, added: 150 });
    expect(waits).toEqual([100, 200]);

    waits = [];
    const told = await sync(source.id, "manual", failingOnPage(1, rateLimited(1)));
    expect(told.status).toBe("succeeded");
    expect(waits).toEqual([60_000]); // as long as Meta says (1 minute), when that fits in a run
  });

  it("a rate limit longer than a run may wait ends the run; the next one is scheduled after it", async () => {
    const { source } = await connectWithPosts(20);
    const run = await sync(source.id, "manual", failingOnPage(1, rateLimited(45)));
    expect(run).toMatchObject({ status: "failed", errorKind: "rate_limited", pages: 0 });
    expect(run.errorMessage).toBe(
      "Stopped before the first page: Instagram asked us to slow down; we will try again shortly. The posts already here are kept; the next sync carries on.",
    );
    expect(waits).toEqual([]);
    const after = await db().mediaSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(after.nextSyncAt!.getTime()).toBe(clock.nowMs() + 45 * MINUTE);
  });

  it("a revoked token (190) marks the account Needs reconnect and stops; its posts stay", async () => {
    const { username, account, source } = await connectWithPosts(150);
    await sync(source.id);
    instagram.fake.revoke(username, "password_changed");
    const calls = mediaCalls();
    const run = await sync(source.id);
    expect(run).toMatchObject({ status: "failed", errorKind: "invalid_token", pages: 0 });
    expect(run.errorMessage).toBe(
      `Stopped before the first page: The Instagram password was changed, which ended the connection. Reconnect @${username} on the Account page. The posts already here are kept.`,
    );
    expect(mediaCalls() - calls).toBe(1);
    expect(await db().instagramAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      status: "needs_reconnect",
      statusReason: "The Instagram password was changed, which ended the connection.",
      encryptedToken: null,
      nextCheckAt: null,
    });
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(150);

    // No more syncs until the merchant reconnects.
    clock.advance(2 * DAY);
    await syncQueuedRuns({ settings: fast });
    expect(mediaCalls() - calls).toBe(1);
    expect(await requestSync(source.id, "manual")).toEqual({
      ok: false,
      problem: "needs_reconnect",
      message: `@${username} needs to be reconnected before its posts can sync. Reconnect it on the Account page; its posts stay as they are until then.`,
    });

    await connectAccount(instagram.fake, username);
    expect(await sync(source.id)).toMatchObject({ status: "succeeded", added: 0, updated: 0 });
  });

  it("a sync holding a token that a reconnect replaced does not throw the new one away", async () => {
    const { username, account, source } = await connectWithPosts(10);
    instagram.fake.revoke(username, "password_changed");
    const stale = createInstagramClient();
    const client: InstagramClient = {
      ...stale,
      listMediaPage: async (token, options) => {
        await connectAccount(instagram.fake, username); // the merchant reconnects while the sync runs
        return stale.listMediaPage(token, options);
      },
    };
    const run = await sync(source.id, "manual", client);
    expect(run.errorMessage).toContain(`@${username}'s connection was renewed or reconnected meanwhile`);
    expect(await db().instagramAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      status: "active",
    });
  });
});

describe("one run at a time", () => {
  it("asking again while a run is queued or running returns that run", async () => {
    const { source } = await connectWithPosts(5);
    const first = await requestSync(source.id, "manual");
    const second = await requestSync(source.id, "manual");
    expect(first).toMatchObject({ ok: true, started: true });
    expect(second).toMatchObject({ ok: true, started: false, run: { id: first.ok && first.run.id, status: "queued" } });

    const claimed = await claimRun(first.ok ? first.run.id : "", "job-1:0");
    expect(claimed?.status).toBe("running");
    expect(await requestSync(source.id, "schedule")).toMatchObject({
      ok: true,
      started: false,
      run: { id: claimed!.id, status: "running" },
    });
    expect(await db().syncRun.count({ where: { sourceId: source.id } })).toBe(1);
  });

  it("a retried job takes its run over, and the attempt it replaced can no longer write to it", async () => {
    const { source } = await connectWithPosts(250);
    const request = await requestSync(source.id, "manual");
    const runId = request.ok ? request.run.id : "";
    const stale = await claimRun(runId, "job-1:0"); // this worker vanished (the queue retries its job)
    const current = await claimRun(runId, "job-1:1");
    expect(current).toMatchObject({ status: "running", attempt: "job-1:1" });

    expect(
      await executeRun(stale!, { attempt: "job-1:0", client: createInstagramClient(), settings: syncSettings(fast) }),
    ).toBe("lost");
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "running",
      attempt: "job-1:1",
      pages: 0,
    });
    expect(
      await executeRun(current!, { attempt: "job-1:1", client: createInstagramClient(), settings: syncSettings(fast) }),
    ).toBe("succeeded");
    // The stale attempt stored the page it had in hand (the same posts, upserted by id) and nothing after.
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "succeeded",
      fetched: 250,
      added: 150,
    });
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(250);
    expect(await claimRun(runId, "job-1:2")).toBeNull(); // a finished run is never run again
  });

  it("a run stopped by shutdown goes back to the queue with its posts kept, and the next attempt finishes it", async () => {
    const { source } = await connectWithPosts(250);
    const request = await requestSync(source.id, "manual");
    const runId = request.ok ? request.run.id : "";
    const stopping = new AbortController();
    const client = createInstagramClient();
    const stoppingAfterFirstPage: InstagramClient = {
      ...client,
      listMediaPage: async (token, options) => {
        const page = await client.listMediaPage(token, options);
        stopping.abort(); // SIGTERM arrives while the first page is in hand
        return page;
      },
    };
    const run = await claimRun(runId, "job-2:0");
    expect(
      await executeRun(run!, {
        attempt: "job-2:0",
        client: stoppingAfterFirstPage,
        settings: syncSettings(fast),
        signal: stopping.signal,
      }),
    ).toBe("handed_back");
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "queued",
      attempt: null,
    });
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(100);

    await syncQueuedRuns({ settings: fast });
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "succeeded",
      fetched: 250,
    });
    expect(await db().mediaItem.count({ where: { sourceId: source.id } })).toBe(250);
  });

  it("two requests at the same moment still make one run", async () => {
    const { source } = await connectWithPosts(5);
    const results = await Promise.all([
      requestSync(source.id, "manual"),
      requestSync(source.id, "manual"),
      requestSync(source.id, "schedule"),
    ]);
    const ids = new Set(results.map((result) => (result.ok ? result.run.id : "")));
    expect(ids.size).toBe(1);
    expect(await db().syncRun.count({ where: { sourceId: source.id } })).toBe(1);
  });
});

describe("expiring links", () => {
  it("replaces links within a day of their oe before they expire; the old ones die, the new ones work", async () => {
    const { source } = await connectWithPosts(8);
    await sync(source.id);
    const before = await items(source.id);
    clock.advance(3 * DAY + 12 * 60 * MINUTE); // 12 hours of life left
    expect(await refreshExpiringLinks()).toEqual({ refreshed: 8, failed: 0, missing: 0 });

    const after = await items(source.id);
    for (const [index, item] of after.entries()) {
      expect(item.linksExpireAt!.getTime()).toBe(Math.floor(clock.nowMs() / 1000) * 1000 + 4 * DAY);
      expect(item.contentHash).toBe(before[index]!.contentHash);
      const children = parseChildren(item.children);
      if (children)
        expect(children.map((child) => child.id)).toEqual(
          parseChildren(before[index]!.children)!.map((child) => child.id),
        );
    }
    const image = after.find((item) => item.mediaType === "IMAGE")!;
    const old = before.find((item) => item.id === image.id)!;
    clock.advance(13 * 60 * MINUTE); // past the old links' oe
    expect((await fetch(old.mediaUrl!)).status).toBe(403);
    expect(await (await fetch(old.mediaUrl!)).text()).toBe("URL signature expired");
    expect((await fetch(image.mediaUrl!)).status).toBe(200);

    expect(await refreshExpiringLinks()).toEqual({ refreshed: 0, failed: 0, missing: 0 }); // nothing due any more
  });

  it("a full sync renews links that would expire within 3 days, without counting them as updates", async () => {
    const { source } = await connectWithPosts(8);
    await sync(source.id);
    clock.advance(2 * DAY);
    const run = await sync(source.id);
    expect(run).toMatchObject({ updated: 0, added: 0 });
    for (const item of await items(source.id))
      expect(item.linksExpireAt!.getTime()).toBe(Math.floor(clock.nowMs() / 1000) * 1000 + 4 * DAY);
  });

  it("a post Instagram no longer knows asks for a full sync, which removes it", async () => {
    const { fakeAccount, source } = await connectWithPosts(8);
    await sync(source.id);
    const [gone] = fakeAccount.media.splice(2, 1);
    clock.advance(3 * DAY + 12 * 60 * MINUTE);
    expect(await refreshExpiringLinks()).toEqual({ refreshed: 7, failed: 0, missing: 1 });
    const queued = await db().syncRun.findFirstOrThrow({ where: { sourceId: source.id, status: "queued" } });
    expect(queued).toMatchObject({ trigger: "refresh", mode: "full" });
    await syncQueuedRuns({ settings: fast });
    expect(await db().mediaItem.count({ where: { sourceId: source.id, instagramId: gone!.id } })).toBe(0);
  });
});

describe("sync history", () => {
  it("runs that changed nothing are kept a day; runs that changed posts, and failures, a month; queued ones always", async () => {
    const { source } = await connectWithPosts(3);
    const at = clock.nowMs();
    const run = (finishedDaysAgo: number, status: "succeeded" | "failed" | "queued", added = 0) =>
      db().syncRun.create({
        data: {
          sourceId: source.id,
          trigger: "schedule",
          mode: "incremental",
          status,
          added,
          queuedAt: new Date(at - finishedDaysAgo * DAY),
          finishedAt: status === "queued" ? null : new Date(at - finishedDaysAgo * DAY),
        },
      });
    const quietFresh = await run(0.5, "succeeded");
    await run(2, "succeeded");
    const changed = await run(20, "succeeded", 4);
    const failed = await run(20, "failed");
    await run(31, "succeeded", 4);
    await run(31, "failed");
    const waiting = await run(40, "queued");

    expect(await pruneSyncHistory()).toBe(3);
    const kept = await db().syncRun.findMany({ where: { sourceId: source.id }, select: { id: true } });
    expect(kept.map((row) => row.id).sort()).toEqual([quietFresh.id, changed.id, failed.id, waiting.id].sort());
    expect(await pruneSyncHistory()).toBe(0);
  });
});

describe("a run whose job was lost", () => {
  it("the schedule sweep gives a run queued for a while its job again, so its source is not stuck", async () => {
    const { source } = await connectWithPosts(3);
    await db().mediaSource.update({ where: { id: source.id }, data: { nextSyncAt: new Date(clock.nowMs() + DAY) } });
    // As if the process that made the run died before sending its job.
    const run = await db().syncRun.create({
      data: {
        sourceId: source.id,
        trigger: "manual",
        mode: "full",
        status: "queued",
        queuedAt: new Date(clock.nowMs()),
      },
    });
    const jobs = () =>
      db().$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'media-sync' AND data->>'sourceId' = $1`,
        source.id,
      );
    expect((await jobs())[0]!.n).toBe(0);
    await queueDueSyncs();
    expect((await jobs())[0]!.n).toBe(0); // a run only just queued is left to its own job
    clock.advance(6 * MINUTE);
    await queueDueSyncs();
    expect((await jobs())[0]!.n).toBe(1);
    await queueDueSyncs();
    expect((await jobs())[0]!.n).toBe(1); // never a second one while it waits
    expect(await db().syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "queued" });
  });
});
