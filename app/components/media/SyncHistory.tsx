// The source's recent runs with their outcomes.
import { Badge, DataTable, Text } from "@shopify/polaris";
import type { RunView } from "../../sync/run-records.server";
import { MODE_LABEL, TRIGGER_LABEL, changesPhrase } from "./format";
import { useDates } from "../dates";

const STATUS: Record<string, { tone?: "success" | "critical" | "info"; label: string }> = {
  queued: { tone: "info", label: "Queued" },
  running: { tone: "info", label: "Running" },
  succeeded: { tone: "success", label: "Succeeded" },
  failed: { tone: "critical", label: "Failed" },
};

export function SyncHistory({ runs }: { runs: RunView[] }) {
  const { formatDateTime } = useDates();
  if (runs.length === 0) return <Text as="p">No syncs yet.</Text>;
  return (
    <DataTable
      columnContentTypes={["text", "text", "text", "text", "numeric", "numeric", "text"]}
      headings={["Started", "Started by", "Kind", "Result", "Pages", "Posts fetched", "Details"]}
      rows={runs.map((run) => [
        formatDateTime(run.startedAt ?? run.queuedAt),
        TRIGGER_LABEL[run.trigger] ?? run.trigger,
        MODE_LABEL[run.mode] ?? run.mode,
        <Badge key="status" tone={STATUS[run.status]?.tone}>
          {STATUS[run.status]?.label ?? run.status}
        </Badge>,
        run.pages,
        run.fetched,
        run.status === "failed"
          ? (run.errorMessage ?? "")
          : run.status === "succeeded"
            ? `${changesPhrase(run)}${run.skipped ? `; ${run.skipped} skipped (not a kind of post we can show)` : ""}`
            : "",
      ])}
      verticalAlign="middle"
      truncate={false}
    />
  );
}
