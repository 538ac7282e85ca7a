// Instagram's media links are signed and expire: `oe` is the expiry as hex Unix seconds
// (…&oe=650CEAF2), after which the CDN answers 403 "URL signature expired". Meta documents none of
// this (see the reference, §7), so a link we cannot read is treated as having no known expiry.

const EARLIEST = Date.UTC(2015, 0, 1); // older than any link Instagram could hand out today
const LATEST = Date.UTC(2100, 0, 1);

/** When the link stops working, or null when it carries no readable `oe`. */
export function linkExpiry(link: string | null | undefined): Date | null {
  if (!link) return null;
  let oe: string | null;
  try {
    oe = new URL(link).searchParams.get("oe");
  } catch {
    return null;
  }
  if (!oe || !/^[0-9a-f]{1,12}$/i.test(oe)) return null;
  const ms = parseInt(oe, 16) * 1000;
  return ms >= EARLIEST && ms <= LATEST ? new Date(ms) : null;
}

/** The earliest expiry among the links: a post is only as fresh as its first link to die. */
export function earliestExpiry(links: Array<string | null | undefined>): Date | null {
  let earliest: Date | null = null;
  for (const link of links) {
    const expiry = linkExpiry(link);
    if (expiry && (!earliest || expiry < earliest)) earliest = expiry;
  }
  return earliest;
}
