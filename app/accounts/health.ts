// A connected account's token health, as the merchant sees it. Shared by the server (which decides)
// and the UI (which shows it), so both always agree.

export type TokenHealth = "active" | "expires_soon" | "expired" | "needs_reconnect";

export const EXPIRES_SOON_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export function tokenHealth(account: { status: string; tokenExpiresAt: Date | null }, now: Date): TokenHealth {
  if (account.status === "needs_reconnect" || !account.tokenExpiresAt) return "needs_reconnect";
  const remaining = account.tokenExpiresAt.getTime() - now.getTime();
  if (remaining <= 0) return "expired";
  if (remaining < EXPIRES_SOON_DAYS * DAY_MS) return "expires_soon";
  return "active";
}

/** Days left, counting a started day as a day: a token renewed a second ago shows its full 60 days. */
export function daysLeft(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
}
