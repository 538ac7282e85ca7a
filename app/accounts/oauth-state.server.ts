// The OAuth `state` ties Instagram's redirect back to the shop that started it. The raw value
// (256 random bits) only ever exists in the authorize URL; the database keeps its SHA-256, so a
// leaked database row cannot be replayed. Each state is single use and lives 10 minutes.
// A state started by Reconnect also names the account being reconnected, so the callback can refuse
// a different Instagram account instead of quietly adding it.
import { createHash, randomBytes } from "node:crypto";
import { now } from "../clock.server";
import { db } from "../db.server";

export const STATE_TTL_MS = 10 * 60 * 1000;
const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type StateProblem = "missing_state" | "unknown_state" | "expired_state" | "reused_state";

const hashState = (raw: string) => createHash("sha256").update(raw).digest("hex");

export interface ClaimedState {
  shop: string;
  reconnectAccountId: string | null;
}

/** Why a state cannot be used; `shop` is given whenever the state was found, so the merchant can be sent home. */
export interface StateRefusal {
  problem: StateProblem;
  shop?: string;
}

export async function createState(shop: string, reconnectAccountId: string | null = null): Promise<string> {
  const raw = randomBytes(32).toString("base64url");
  const createdAt = now();
  await db().oAuthState.create({
    data: {
      stateHash: hashState(raw),
      shop,
      reconnectAccountId,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + STATE_TTL_MS),
    },
  });
  // Old states are worthless; sweeping them here keeps the table small without a separate job.
  await db().oAuthState.deleteMany({ where: { expiresAt: { lt: new Date(createdAt.getTime() - STATE_TTL_MS) } } });
  return raw;
}

/** Marks the state used and returns its shop (and the account being reconnected), or says why it cannot be used. */
export async function consumeState(raw: string | undefined): Promise<ClaimedState | StateRefusal> {
  if (!raw) return { problem: "missing_state" };
  if (!STATE_PATTERN.test(raw)) return { problem: "unknown_state" };
  const stateHash = hashState(raw);
  const at = now();
  // Compare-and-set: of two concurrent callbacks with the same state, exactly one wins.
  const claimed = await db().oAuthState.updateMany({
    where: { stateHash, usedAt: null, expiresAt: { gt: at } },
    data: { usedAt: at },
  });
  const row = await db().oAuthState.findUnique({ where: { stateHash } });
  if (!row) return { problem: "unknown_state" };
  if (claimed.count === 1) return { shop: row.shop, reconnectAccountId: row.reconnectAccountId };
  return { problem: row.usedAt ? "reused_state" : "expired_state", shop: row.shop };
}
