// Meta reports how close an app is to its rate limit in headers whose shape has changed over time
// (call_count/total_time vs call_volume/cpu_time). Parse them defensively: a header we cannot read
// must never turn a good reply into a failure.
import { z } from "zod";

const AppUsage = z.record(z.string(), z.unknown());
const BusinessUseCaseUsage = z.record(
  z.string(),
  z.array(z.object({ estimated_time_to_regain_access: z.number().optional() }).loose()),
);

/** Highest usage percentage across every counter Meta sent, or undefined when none could be read. */
export function usagePercent(headers: Headers): number | undefined {
  const parsed = AppUsage.safeParse(safeJson(headers.get("x-app-usage")));
  if (!parsed.success) return undefined;
  const numbers = Object.values(parsed.data).filter((value): value is number => typeof value === "number");
  return numbers.length ? Math.max(...numbers) : undefined;
}

/** How long Meta says to wait before calling again, from X-Business-Use-Case-Usage (given in minutes). */
export function retryAfterMs(headers: Headers): number | undefined {
  const parsed = BusinessUseCaseUsage.safeParse(safeJson(headers.get("x-business-use-case-usage")));
  if (!parsed.success) return undefined;
  const minutes = Object.values(parsed.data)
    .flat()
    .map((entry) => entry.estimated_time_to_regain_access ?? 0);
  const longest = Math.max(0, ...minutes);
  return longest > 0 ? longest * 60_000 : undefined;
}

export interface Usage {
  /** Highest percentage of any limit used (X-App-Usage and X-Business-Use-Case-Usage counters). */
  percent?: number;
  /** How long Meta says to stop calling for this account. */
  regainAccessMs?: number;
}

/** Both headers, read together (for the throttle: app/instagram/throttle.server.ts). */
export function usageFrom(headers: Headers): Usage {
  const percents = [usagePercent(headers), businessUsagePercent(headers)].filter(
    (value): value is number => value !== undefined,
  );
  return { percent: percents.length ? Math.max(...percents) : undefined, regainAccessMs: retryAfterMs(headers) };
}

/** Highest of X-Business-Use-Case-Usage's call_count / total_cputime / total_time. */
function businessUsagePercent(headers: Headers): number | undefined {
  const parsed = BusinessUseCaseUsage.safeParse(safeJson(headers.get("x-business-use-case-usage")));
  if (!parsed.success) return undefined;
  const numbers = Object.values(parsed.data)
    .flat()
    .flatMap((entry: Record<string, unknown>) => [entry.call_count, entry.total_cputime, entry.total_time])
    .filter((value): value is number => typeof value === "number");
  return numbers.length ? Math.max(...numbers) : undefined;
}

function safeJson(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
