// Dates are formatted the same way on the server and in the browser (fixed locale and time zone),
// so hydration never disagrees with the server's HTML.
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

export const formatDateTime = (iso: string) => `${DATE_TIME.format(new Date(iso))} UTC`;

export function daysPhrase(days: number): string {
  return days === 1 ? "1 day left" : `${days} days left`;
}
