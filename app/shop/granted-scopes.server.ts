// The access scopes the shop has granted the app, as its offline session records them (kept current by
// app/scopes_update). Optional scopes (products, the web pixel) are granted later than installation, so
// the features that need them ask here first.
import { db } from "../db.server";

/** A session's comma-separated scope string as a list. */
export const scopesOf = (scope: string | null | undefined): string[] =>
  (scope ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);

export async function grantedScopes(shop: string): Promise<string[]> {
  const session = await db().session.findFirst({ where: { shop, isOnline: false }, select: { scope: true } });
  return scopesOf(session?.scope);
}
