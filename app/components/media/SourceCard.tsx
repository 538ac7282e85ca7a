// One media source: its account, post count, the feeds showing it, last and next sync, schedule, Sync now,
// and live progress.
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Select, Spinner, Text } from "@shopify/polaris";
import type { RunView } from "../../sync/run-records.server";
import type { SourceView } from "../../sync/sources.server";
import { SCHEDULE_OPTIONS } from "../../sync/media-types";
import { changesPhrase, namesPhrase, postsPhrase, progressPhrase } from "./format";
import { useDates } from "../dates";

export function SourceCard(props: {
  source: SourceView;
  run: RunView | undefined;
  selected: boolean;
  requesting: boolean;
  onSync: () => void;
  onSchedule: (minutes: string) => void;
  onSelect?: () => void;
}) {
  const { source, run } = props;
  const { formatDateTime } = useDates();
  const needsReconnect = source.accountStatus !== "active";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="300">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h2" variant="headingMd">
              @{source.username}
            </Text>
            {needsReconnect && <Badge tone="critical">Needs reconnect</Badge>}
          </InlineStack>
          <InlineStack gap="200" blockAlign="center">
            {props.onSelect && !props.selected && (
              <Button variant="plain" onClick={props.onSelect}>
                View posts
              </Button>
            )}
            {/* Secondary: a page has one primary action, and Sync now belongs to each source. */}
            <Button
              onClick={props.onSync}
              loading={props.requesting}
              disabled={needsReconnect || run !== undefined}
              accessibilityLabel={`Sync now @${source.username}`}
            >
              Sync now
            </Button>
          </InlineStack>
        </InlineStack>

        {needsReconnect && (
          <Banner tone="critical" action={{ content: "Go to Account", url: "/app/account" }}>
            <p>
              Instagram no longer accepts this account's connection, so its posts can't sync. Reconnect it on the
              Account page; the {postsPhrase(source.postCount)} already here stay as they are.
            </p>
          </Banner>
        )}

        {run && (
          <div role="status" aria-live="polite">
            <InlineStack gap="200" blockAlign="center">
              <Spinner size="small" accessibilityLabel="Syncing" />
              <Text as="span">{progressPhrase(run)}</Text>
            </InlineStack>
          </div>
        )}

        <InlineStack gap="600" wrap blockAlign="end">
          <BlockStack gap="100">
            <Text as="span" tone="subdued">
              Posts
            </Text>
            <Text as="span" fontWeight="semibold">
              {source.postCount.toLocaleString("en-US")}
            </Text>
          </BlockStack>
          <BlockStack gap="100">
            <Text as="span" tone="subdued">
              In feeds
            </Text>
            <Text as="span">{source.feedNames.length ? namesPhrase(source.feedNames) : "None"}</Text>
          </BlockStack>
          <BlockStack gap="100">
            <Text as="span" tone="subdued">
              Last sync
            </Text>
            <LastSync source={source} />
          </BlockStack>
          <BlockStack gap="100">
            <Text as="span" tone="subdued">
              Next scheduled sync
            </Text>
            <Text as="span">
              {needsReconnect || !source.nextSyncAt
                ? "After you reconnect"
                : source.nextSyncDue
                  ? "Within a minute"
                  : formatDateTime(source.nextSyncAt)}
            </Text>
          </BlockStack>
          <div style={{ minWidth: 200 }}>
            <Select
              label="Sync automatically"
              options={SCHEDULE_OPTIONS.map((option) => ({ label: option.label, value: String(option.minutes) }))}
              value={String(source.scheduleMinutes)}
              onChange={props.onSchedule}
              disabled={needsReconnect}
            />
          </div>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function LastSync({ source }: { source: SourceView }) {
  const { formatDateTime } = useDates();
  const last = source.lastRun;
  if (!last?.finishedAt) return <Text as="span">Never</Text>;
  return (
    <InlineStack gap="200" blockAlign="center">
      <Text as="span">{formatDateTime(last.finishedAt)}</Text>
      {last.status === "succeeded" ? (
        <Badge tone="success">{`Succeeded: ${changesPhrase(last)}`}</Badge>
      ) : (
        <Badge tone="critical">Failed</Badge>
      )}
    </InlineStack>
  );
}
