// Follows the sources' running syncs without reloading the page: polls their runs every 1.5 s while
// any is queued or running, and calls onFinished once for each run that ends.
import { useCallback, useEffect, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { RunView } from "../../sync/run-records.server";

export const POLL_INTERVAL_MS = 1500;
const isActive = (run: RunView) => run.status === "queued" || run.status === "running";

export function useSyncProgress(active: RunView[], onFinished: (run: RunView) => void) {
  const [runs, setRuns] = useState<Record<string, RunView>>(() => Object.fromEntries(active.map((run) => [run.sourceId, run])));
  const finished = useRef(new Set<string>());
  const poller = useFetcher<{ requested: string[]; runs: RunView[] }>();
  const pollerIdle = useRef(true);
  pollerIdle.current = poller.state === "idle";
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  const watch = useCallback((run: RunView) => {
    if (finished.current.has(run.id) || !isActive(run)) return;
    setRuns((current) => ({ ...current, [run.sourceId]: run }));
  }, []);

  // Runs the server reports as active (on load, or one the schedule started meanwhile).
  const activeKey = active.map((run) => run.id).join(",");
  useEffect(() => {
    active.forEach(watch);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeKey, watch]);

  const ids = Object.values(runs)
    .map((run) => run.id)
    .sort()
    .join(",");
  useEffect(() => {
    if (!ids) return;
    const query = ids
      .split(",")
      .map((id) => `run=${encodeURIComponent(id)}`)
      .join("&");
    const timer = setInterval(() => {
      if (pollerIdle.current) poller.load(`/app/media/progress?${query}`);
    }, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids]);

  useEffect(() => {
    const polled = poller.data?.runs;
    if (!polled) return;
    const ended = polled.filter((run) => !isActive(run) && !finished.current.has(run.id));
    for (const run of ended) finished.current.add(run.id);
    const byId = new Map(polled.map((run) => [run.id, run]));
    const requested = new Set(poller.data?.requested ?? []);
    setRuns((current) => {
      const next = { ...current };
      for (const [sourceId, run] of Object.entries(next)) {
        if (!requested.has(run.id)) continue; // started after this poll was sent
        const fresh = byId.get(run.id);
        if (fresh && isActive(fresh)) next[sourceId] = fresh;
        else delete next[sourceId]; // ended, or gone with its account
      }
      return next;
    });
    for (const run of ended) onFinishedRef.current(run);
  }, [poller.data]);

  return { runs, watch };
}
