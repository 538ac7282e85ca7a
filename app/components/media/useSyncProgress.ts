// Follows the sources' running syncs without reloading the page: polls their runs every 1.5 s while
// any is queued or running, and calls onFinished once for each run that ends.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { RunView } from "../../sync/run-records.server";

export const POLL_INTERVAL_MS = 1500;
const isActive = (run: RunView) => run.status === "queued" || run.status === "running";

/** What /app/media/progress answers: the runs asked about (by id), as they are now. */
interface Poll {
  requested: string[];
  runs: RunView[];
}

interface Progress {
  /** The run followed for each source, by source id. */
  runs: Record<string, RunView>;
  /** Every run seen ending, by id, in the order they ended: never followed again. */
  ended: ReadonlyMap<string, RunView>;
}

type ProgressEvent = { type: "watch"; runs: RunView[] } | { type: "polled"; poll: Poll };

function progress(state: Progress, event: ProgressEvent): Progress {
  if (event.type === "watch") {
    const follow = event.runs.filter((run) => !state.ended.has(run.id) && isActive(run));
    if (follow.length === 0) return state;
    return { ...state, runs: { ...state.runs, ...Object.fromEntries(follow.map((run) => [run.sourceId, run])) } };
  }
  const { poll } = event;
  const ended = new Map(state.ended);
  for (const run of poll.runs) if (!isActive(run) && !ended.has(run.id)) ended.set(run.id, run);
  const byId = new Map(poll.runs.map((run) => [run.id, run]));
  const requested = new Set(poll.requested);
  const runs = { ...state.runs };
  for (const [sourceId, run] of Object.entries(runs)) {
    if (!requested.has(run.id)) continue; // started after this poll was sent
    const fresh = byId.get(run.id);
    if (fresh && isActive(fresh)) runs[sourceId] = fresh;
    else delete runs[sourceId]; // ended, or gone with its account
  }
  return { runs, ended };
}

export function useSyncProgress(active: RunView[], onFinished: (run: RunView) => void) {
  const [state, dispatch] = useReducer(progress, active, (initial) => ({
    runs: Object.fromEntries(initial.map((run) => [run.sourceId, run])),
    ended: new Map<string, RunView>(),
  }));
  const poller = useFetcher<Poll>();

  const watch = useCallback((run: RunView) => dispatch({ type: "watch", runs: [run] }), []);

  // Runs the server reports as active (on load, or one the schedule started meanwhile), and each poll's
  // answer, are taken in as they arrive, while rendering (React's "adjusting state when a prop changes").
  const activeKey = active.map((run) => run.id).join(",");
  const [watchedKey, setWatchedKey] = useState(activeKey);
  if (activeKey !== watchedKey) {
    setWatchedKey(activeKey);
    dispatch({ type: "watch", runs: active });
  }
  const [polled, setPolled] = useState(poller.data);
  if (poller.data !== polled) {
    setPolled(poller.data);
    if (poller.data) dispatch({ type: "polled", poll: poller.data });
  }

  // Each run that ended, told once.
  const reported = useRef(new Set<string>());
  useEffect(() => {
    for (const run of state.ended.values()) {
      if (reported.current.has(run.id)) continue;
      reported.current.add(run.id);
      onFinished(run);
    }
  }, [state.ended, onFinished]);

  // A poll is sent only when the last one has been answered.
  const pollerIdle = useRef(true);
  const idle = poller.state === "idle";
  useEffect(() => {
    pollerIdle.current = idle;
  }, [idle]);

  const ids = Object.values(state.runs)
    .map((run) => run.id)
    .sort()
    .join(",");
  const load = poller.load; // the same function for the fetcher's life
  useEffect(() => {
    if (!ids) return;
    const query = ids
      .split(",")
      .map((id) => `run=${encodeURIComponent(id)}`)
      .join("&");
    const timer = setInterval(() => {
      if (pollerIdle.current) load(`/app/media/progress?${query}`);
    }, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [ids, load]);

  return { runs: state.runs, watch };
}
