// Keeps every stored link alive: posts whose links expire within a day get fresh ones from
// GET /{media-id} (one call per post), except for accounts Meta asked us to leave alone for now.
// Daily full syncs renew most links in bulk beforehand (100 posts per call), so this mostly catches
// what they could not reach. A post Instagram no longer knows asks for a full sync of its source,
// which removes it.
import { now } from "../clock.server";
import { db } from "../db.server";
import { markNeedsReconnect } from "../accounts/needs-reconnect.server";
import { decryptToken, TokenDecryptionError, tokenBinding } from "../accounts/token-crypto.server";
import { throttledClient, throttledUntil } from "../accounts/throttle.server";
import type { InstagramClient } from "../instagram/client.server";
import { InstagramError } from "../instagram/errors";
import { childrenJson, linksOf, mapLinks, parseChildren } from "./instagram-media.server";
import { earliestExpiry } from "./link-expiry.server";
import { requestSync } from "./run-records.server";
import { LINK_REFRESH_AHEAD_MS } from "./settings.server";

export interface LinkRefreshReport {
  refreshed: number;
  failed: number;
  missing: number;
}

/** Graph's "Object with ID … does not exist" (code 100, subcode 33). */
const isMissing = (error: InstagramError) => error.details.code === 100 && error.details.subcode === 33;

export async function refreshExpiringLinks(
  options: { client?: InstagramClient; batchSize?: number } = {},
): Promise<LinkRefreshReport> {
  const report: LinkRefreshReport = { refreshed: 0, failed: 0, missing: 0 };
  const due = await db().mediaItem.findMany({
    where: {
      linksExpireAt: { lte: new Date(now().getTime() + LINK_REFRESH_AHEAD_MS) },
      source: { account: { status: "active" } },
    },
    orderBy: { linksExpireAt: "asc" },
    take: options.batchSize ?? 200,
    select: {
      id: true,
      instagramId: true,
      sourceId: true,
      children: true,
      linksExpireAt: true,
      source: { select: { accountId: true } },
    },
  });
  const byAccount = new Map<string, typeof due>();
  for (const item of due) byAccount.set(item.source.accountId, [...(byAccount.get(item.source.accountId) ?? []), item]);
  for (const [accountId, items] of byAccount) {
    const account = await db().instagramAccount.findUnique({ where: { id: accountId } });
    if (!account?.encryptedToken || account.status !== "active" || throttledUntil(account)) continue;
    const throttle = throttledClient(account.id);
    const client = options.client ?? throttle.client;
    let token: string;
    try {
      token = decryptToken(account.encryptedToken, tokenBinding(account));
    } catch (error) {
      if (!(error instanceof TokenDecryptionError)) throw error;
      report.failed += items.length; // the token sweep reports an unreadable token; nothing to do here
      continue;
    }
    const missingSources = new Set<string>();
    for (const item of items) {
      try {
        const links = mapLinks(await client.getMedia(token, item.instagramId));
        if (!links) {
          report.failed += 1;
          continue;
        }
        const children = links.children ?? parseChildren(item.children);
        const fresh = { ...links, children };
        // Compare-and-set on the old expiry: a sync that wrote newer links meanwhile wins.
        await db().mediaItem.updateMany({
          where: { id: item.id, linksExpireAt: item.linksExpireAt },
          data: {
            mediaUrl: fresh.mediaUrl,
            thumbnailUrl: fresh.thumbnailUrl,
            children: childrenJson(children),
            linksExpireAt: earliestExpiry(linksOf(fresh)),
          },
        });
        report.refreshed += 1;
      } catch (error) {
        if (!(error instanceof InstagramError)) throw error;
        if (error.kind === "invalid_token" || error.kind === "permission") {
          await markNeedsReconnect(account.id, error.message, account.encryptedToken);
          report.failed += 1;
          break;
        }
        if (error.kind === "rate_limited" || error.kind === "transient") {
          report.failed += 1;
          break; // this account waits for the next round
        }
        if (isMissing(error)) {
          report.missing += 1;
          missingSources.add(item.sourceId);
        } else {
          report.failed += 1;
        }
      }
    }
    await throttle.save();
    for (const sourceId of missingSources) await requestSync(sourceId, "refresh");
  }
  return report;
}
