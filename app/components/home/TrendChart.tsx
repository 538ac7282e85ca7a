// A small trend chart with its text equivalent: the placeholder and the chart take the same space, and
// both carry the trend in words (role="img"), so the page doesn't shift when the chart arrives and a
// screen reader hears the same thing either way.
import { lazy, Suspense, useSyncExternalStore } from "react";

const SparkLine = lazy(() => import("./SparkLine"));

const HEIGHT = 48;
const subscribeToNothing = () => () => undefined;

export function TrendChart({ values, days, label }: { values: number[]; days: string[]; label: string }) {
  // Polaris Viz needs the browser (it measures its container): false on the server and while hydrating
  // (React reads the server snapshot then), true right after, so the chart renders once hydrated.
  const inBrowser = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  return (
    <div role="img" aria-label={label} style={{ height: HEIGHT, width: "100%" }}>
      {inBrowser && (
        <Suspense fallback={null}>
          <SparkLine values={values} days={days} />
        </Suspense>
      )}
    </div>
  );
}
