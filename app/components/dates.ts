// Dates are formatted the same way on the server and in the browser (fixed locale and time zone),
// so hydration never disagrees with the server's HTML.
const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

export function daysPhrase(days: number): string {
  return days === 1 ? "1 day left" : `${days} days left`;
}
