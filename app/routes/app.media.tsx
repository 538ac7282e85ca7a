// Media Sources: each source's account, post count, syncs (with live progress), schedule, the feeds that
// show it, and its posts, each marked whether a feed shows it: hide and pin them (a post's hide or pin holds
// in every feed it is in), and tag products on them (the tag requests go to app.media.tags). Which posts a feed takes (its accounts, filters, post count) is the Feeds page's
// business, so this page only says which feeds show the source and links there. Thin: parse, call one
// domain function, render.
import { useCallback, useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  useFetcher,
  useLoaderData,
  useNavigate,
  useRevalidator,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  EmptyState,
  InlineStack,
  Layout,
  Page,
  Pagination,
  Text,
} from "@shopify/polaris";
import { z } from "zod";
import { PostGrid } from "../components/media/PostGrid";
import { SourceCard } from "../components/media/SourceCard";
import { SyncHistory } from "../components/media/SyncHistory";
import { finishedMessage, namesPhrase, shownPhrase } from "../components/media/format";
import { useSyncProgress } from "../components/media/useSyncProgress";
import { setHidden, setPinned, type PostChangeReply } from "../sync/curation.server";
import { mediaPage } from "../sync/media-page-data.server";
import { requestSync, type RunView } from "../sync/run-records.server";
import { SCHEDULE_CHOICES } from "../sync/settings.server";
import { POST_CHANGED, POST_UNDONE, SYNC_MESSAGES, SYNC_PROBLEM_TEXT } from "../sync/sync-messages";
import { setSchedule } from "../sync/sources.server";
import { authenticate } from "../shopify.server";
import { PageAttention } from "../components/AttentionBanner";

export const meta: MetaFunction = () => [{ title: "Social Feed · Media Sources" }];

const Id = z.string().trim().min(1).max(64);
const PageQuery = z.object({
  source: Id.nullable().catch(null),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const query = PageQuery.parse({ source: params.get("source"), page: params.get("page") ?? 1 });
  return json(await mediaPage(session.shop, { sourceId: query.source, page: query.page }));
};

const ActionInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sync"), sourceId: Id }),
  z.object({
    intent: z.literal("schedule"),
    sourceId: Id,
    minutes: z.coerce
      .number()
      .int()
      .refine((minutes) => SCHEDULE_CHOICES.includes(minutes)),
  }),
  // `undo` marks the toast's Undo; `pinnedAt` (Undo of an unpin) pins the post back at its earlier place.
  z.object({
    intent: z.enum(["hide", "show", "pin", "unpin"]),
    itemId: Id,
    undo: z.literal("1").optional(),
    pinnedAt: z.iso.datetime().optional(),
  }),
]);

/** The replies to this page's own forms (sync, schedule); a post's card reads PostChangeReply. */
type PageReply =
  | { ok: true; intent: string; message?: string; run?: RunView; alreadyRunning?: boolean }
  | { ok: false; intent: string; message: string };
type ActionResult = PageReply | PostChangeReply;

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const input = ActionInput.safeParse(Object.fromEntries(form));
  const reply = (result: ActionResult, status = 200) => json<ActionResult>(result, status);
  if (!input.success) return reply({ ok: false, intent: "unknown", message: SYNC_MESSAGES.notUnderstood }, 400);
  const { shop } = session;

  switch (input.data.intent) {
    case "sync": {
      const result = await requestSync(input.data.sourceId, "manual", { shop });
      if (!result.ok)
        return reply(
          { ok: false, intent: "sync", message: result.message },
          result.problem === "not_found" ? 404 : 409,
        );
      return reply({ ok: true, intent: "sync", run: result.run, alreadyRunning: !result.started });
    }
    case "schedule": {
      const saved = await setSchedule(shop, input.data.sourceId, input.data.minutes);
      if (!saved) return reply({ ok: false, intent: "schedule", message: SYNC_PROBLEM_TEXT.not_found }, 404);
      return reply({ ok: true, intent: "schedule", message: SYNC_MESSAGES.scheduleSaved });
    }
    default: {
      const { intent, itemId, undo, pinnedAt } = input.data;
      const pinned =
        intent === "pin" || intent === "unpin"
          ? await setPinned(shop, itemId, intent === "pin", pinnedAt ? new Date(pinnedAt) : undefined)
          : undefined;
      const changed = pinned === undefined ? await setHidden(shop, itemId, intent === "hide") : pinned !== null;
      if (!changed) return reply({ ok: false, intent, message: SYNC_MESSAGES.postGone }, 404);
      const undone = undo === "1";
      const pinnedBefore = pinned?.before?.toISOString() ?? null;
      return reply({
        ok: true,
        intent,
        undone,
        pinnedBefore,
        message: undone ? POST_UNDONE[intent] : POST_CHANGED[intent],
      });
    }
  }
};

/** Sync now must not reload the grid at once: the page follows the run, and reloads when it ends. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "sync" ? false : defaultShouldRevalidate;

export default function MediaSources() {
  const { sources, selectedId, posts, productTags, history } = useLoaderData<typeof loader>();
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const syncFetcher = useFetcher<PageReply>();
  const settingsFetcher = useFetcher<PageReply>();
  const selected = sources.find((source) => source.id === selectedId) ?? null;

  const onFinished = useCallback(
    (run: RunView) => {
      const username = sources.find((source) => source.id === run.sourceId)?.username ?? "account";
      const { message, isError } = finishedMessage(run, username);
      shopify.toast.show(message, { isError, duration: isError ? 8000 : 5000 });
      revalidator.revalidate();
    },
    [sources, shopify, revalidator],
  );
  const { runs, watch } = useSyncProgress(
    sources.flatMap((source) => (source.activeRun ? [source.activeRun] : [])),
    onFinished,
  );

  useEffect(() => {
    const result = syncFetcher.data;
    if (result?.ok && result.run) watch(result.run);
    else if (result && !result.ok) shopify.toast.show(result.message, { isError: true });
  }, [syncFetcher.data, watch, shopify]);
  useEffect(() => {
    const result = settingsFetcher.data;
    if (result?.ok && result.message) shopify.toast.show(result.message);
  }, [settingsFetcher.data, shopify]);

  const requestingFor = syncFetcher.state !== "idle" ? syncFetcher.formData?.get("sourceId") : undefined;
  const sync = (sourceId: string) => syncFetcher.submit({ intent: "sync", sourceId }, { method: "post" });
  const alreadyRunning =
    syncFetcher.data?.ok && syncFetcher.data.alreadyRunning && runs[syncFetcher.data.run?.sourceId ?? ""];
  const pageOf = (page: number) => navigate(`?source=${encodeURIComponent(selectedId ?? "")}&page=${page}`);

  if (sources.length === 0) {
    return (
      <Page title="Media Sources">
        <Card>
          <EmptyState
            heading="Connect Instagram to bring in your posts"
            action={{ content: "Go to Account", url: "/app/account" }}
            image="/empty-account.svg"
          >
            <p>
              Your feed's posts come from a connected Instagram professional account. Connect one on the Account page,
              then come back here to sync its posts.
            </p>
          </EmptyState>
        </Card>
      </Page>
    );
  }

  const settingsError = settingsFetcher.data && !settingsFetcher.data.ok ? settingsFetcher.data : null;
  const activeRun = selected ? runs[selected.id] : undefined;
  return (
    <Page title="Media Sources" subtitle="Where your feeds' posts come from">
      <Layout>
        <PageAttention />
        {alreadyRunning && (
          <Layout.Section>
            <Banner tone="info">{SYNC_MESSAGES.alreadyRunning}</Banner>
          </Layout.Section>
        )}
        {settingsError && (
          <Layout.Section>
            <Banner tone="critical">{settingsError.message}</Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <BlockStack gap="400">
            {sources.map((source) => (
              <SourceCard
                key={source.id}
                source={source}
                run={runs[source.id]}
                selected={source.id === selectedId}
                requesting={requestingFor === source.id}
                onSync={() => sync(source.id)}
                onSchedule={(minutes) =>
                  settingsFetcher.submit({ intent: "schedule", sourceId: source.id, minutes }, { method: "post" })
                }
                onSelect={sources.length > 1 ? () => navigate(`?source=${encodeURIComponent(source.id)}`) : undefined}
              />
            ))}
          </BlockStack>
        </Layout.Section>

        {selected && posts && (
          <>
            <Layout.Section>
              <Card>
                <BlockStack gap="400">
                  <InlineStack align="space-between" blockAlign="center" gap="200">
                    <Text as="h2" variant="headingMd">
                      Posts from @{selected.username}
                    </Text>
                    {posts.total > 0 && selected.feedNames.length > 0 && (
                      <Text as="p" tone="subdued">
                        {selected.feedNames.length === 1 ? "In feed" : "In feeds"} {namesPhrase(selected.feedNames)}:{" "}
                        {shownPhrase(posts.shownCount, posts.total)}
                      </Text>
                    )}
                  </InlineStack>
                  {selected.feedNames.length === 0 && (
                    <Banner tone="info" action={{ content: "Go to Feeds", url: "/app/feeds" }}>
                      <p>No feed shows @{selected.username}'s posts. Add the account to a feed on the Feeds page.</p>
                    </Banner>
                  )}
                  {posts.total === 0 ? (
                    <NoPosts
                      everSynced={selected.lastRun?.status === "succeeded"}
                      syncing={activeRun !== undefined}
                      onSync={() => sync(selected.id)}
                    />
                  ) : (
                    <>
                      {/* Said once, here, rather than on every card: a post's hide or pin isn't per feed. */}
                      <Text as="p" tone="subdued">
                        Hiding or pinning a post changes it in every feed it's in.
                        {selected.feedNames.length > 0 &&
                          ` Posts marked “Not in a feed” are left out by the filters or the number of posts of ${
                            selected.feedNames.length === 1 ? "the feed" : "each feed"
                          } showing this account; the Feeds page sets those.`}
                      </Text>
                      <Text as="p" tone="subdued">
                        Tag products on a post to sell from it: your storefront lists them with the post. To tag one
                        product on several posts, select the posts first.
                      </Text>
                      <PostGrid posts={posts.posts} productTags={productTags} />
                      {posts.pageCount > 1 && (
                        <InlineStack align="center">
                          <Pagination
                            hasPrevious={posts.page > 1}
                            hasNext={posts.page < posts.pageCount}
                            onPrevious={() => pageOf(posts.page - 1)}
                            onNext={() => pageOf(posts.page + 1)}
                            label={`Page ${posts.page} of ${posts.pageCount}`}
                          />
                        </InlineStack>
                      )}
                    </>
                  )}
                </BlockStack>
              </Card>
            </Layout.Section>
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Sync history
                  </Text>
                  <SyncHistory runs={history} />
                </BlockStack>
              </Card>
            </Layout.Section>
          </>
        )}
      </Layout>
    </Page>
  );
}

function NoPosts(props: { everSynced: boolean; syncing: boolean; onSync: () => void }) {
  const [heading, text] = props.syncing
    ? ["Your posts are on their way", "The sync is running; posts appear here as soon as it ends."]
    : props.everSynced
      ? [
          "No posts on this account yet",
          "Instagram lists no posts for this account. New posts appear here after the next sync.",
        ]
      : [
          "Bring in your Instagram posts",
          "Sync copies this account's posts here, so you can choose what your storefront shows. After that they stay up to date on their own.",
        ];
  return (
    <Box paddingBlock="800">
      <BlockStack gap="300" inlineAlign="center">
        <Text as="h3" variant="headingLg">
          {heading}
        </Text>
        <Text as="p" tone="subdued" alignment="center">
          {text}
        </Text>
        {!props.syncing && !props.everSynced && (
          <Button variant="primary" onClick={props.onSync}>
            Sync now
          </Button>
        )}
      </BlockStack>
    </Box>
  );
}
