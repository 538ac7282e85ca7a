// The feed editor (/app/feeds/new and /app/feeds/:id): the settings on one side and, beside them, the
// posts the storefront block will show with them, updated as the merchant edits. Save posts the form to
// the route's action (intent=save); Delete feed asks first, warning when feed blocks are on the theme.
import { useState } from "react";
import { useActionData, useNavigation, useSubmit } from "@remix-run/react";
import { Banner, BlockStack, Form, Layout, Modal, Page, Text } from "@shopify/polaris";
import type { FeedFieldErrors } from "../../feed/feed-form";
import type { FeedProblem, PreviewPost } from "../../feed/feeds.server";
import type { Filters } from "../../sync/filters";
import { PageAttention } from "../AttentionBanner";
import { useThemeBlock } from "../theme-block";
import { feedFormOf, previewSearch, sameForm, saveFormData } from "./feed-draft";
import { FeedFilterFields } from "./FeedFilterFields";
import { FeedSettings, type SourceOption } from "./FeedSettings";
import { StorefrontPreview } from "./StorefrontPreview";
import { useFeedForm } from "./useFeedForm";
import { useFeedPreview } from "./useFeedPreview";

/** What the editor's action answers when it doesn't redirect (a save or delete that can't be done). */
export type FeedActionReply = {
  ok: false;
  /** A problem the fields can't show: shown in a banner. */
  problem?: FeedProblem;
  message?: string;
  fieldErrors?: FeedFieldErrors;
};

export interface EditorSettings {
  name: string;
  sourceIds: string[];
  filters: Filters;
}

export function FeedEditor(props: {
  /** The saved feed being edited; null for a new one. */
  feed: { id: string; name: string; version: string } | null;
  /** The settings the form starts from: the saved feed's, or a new feed's. */
  initial: EditorSettings;
  sources: SourceOption[];
  /** The preview of `initial`, from the loader. */
  preview: PreviewPost[];
}) {
  const { feed, initial, sources, preview } = props;
  const reply = useActionData<FeedActionReply>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const block = useThemeBlock();
  const latest = feedFormOf(initial);
  /** The saved version the form is based on, and its settings: Reload moves both to the latest. */
  const [base, setBase] = useState({ version: feed?.version ?? null, form: latest });
  const { form, errors, problems, edit, check, ready, reset } = useFeedForm(base.form, reply?.fieldErrors);
  const previewState = useFeedPreview(form, problems, { query: previewSearch(latest), posts: preview });
  const [dismissed, setDismissed] = useState<FeedActionReply | null>(null);
  const [confirming, setConfirming] = useState(false);

  const busyWith = navigation.state !== "idle" ? navigation.formData?.get("intent") : undefined;
  const dirty = feed === null || !sameForm(form, base.form);

  const save = () => {
    if (busyWith || !ready()) return;
    submit(saveFormData(form, base.version), { method: "post" });
  };
  const remove = () => submit({ intent: "delete" }, { method: "post" });
  // After a refused save the page's data is already the latest (Remix reloads it after every action).
  const reload = () => {
    setBase({ version: feed?.version ?? null, form: latest });
    reset(latest);
    setDismissed(reply ?? null);
  };

  const problem = reply && reply !== dismissed && reply.message ? reply : null;
  const problemAction =
    problem?.problem === "not_found"
      ? { content: "Back to feeds", url: "/app/feeds" }
      : problem?.problem === "stale" || problem?.problem === "foreign_source"
        ? { content: "Reload", onAction: reload }
        : undefined;
  const feedName = feed?.name ?? "";

  return (
    <Page
      title={feed ? feed.name : "Create feed"}
      backAction={{ content: "Feeds", url: "/app/feeds" }}
      primaryAction={{ content: "Save", onAction: save, loading: busyWith === "save", disabled: busyWith === "delete" }}
      secondaryActions={
        feed
          ? [{ content: "Delete feed", destructive: true, onAction: () => setConfirming(true), disabled: !!busyWith }]
          : undefined
      }
    >
      <Layout>
        <PageAttention />
        {problem && (
          <Layout.Section>
            <Banner tone="critical" action={problemAction}>
              <p>{problem.message}</p>
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section variant="oneHalf">
          <Form onSubmit={save}>
            <BlockStack gap="400">
              <FeedSettings form={form} errors={errors} sources={sources} edit={edit} check={check} />
              <FeedFilterFields form={form} errors={errors} edit={edit} check={check} />
            </BlockStack>
          </Form>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          {/* Stays in view while the merchant works down the settings beside it. */}
          <div style={{ position: "sticky", top: "var(--p-space-400)" }}>
            <StorefrontPreview state={previewState} dirty={dirty} />
          </div>
        </Layout.Section>
      </Layout>
      {feed && (
        <Modal
          open={confirming}
          onClose={() => setConfirming(false)}
          title={`Delete “${feedName}”?`}
          primaryAction={{
            content: "Delete feed",
            destructive: true,
            loading: busyWith === "delete",
            onAction: () => {
              remove();
              setConfirming(false);
            },
          }}
          secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(false) }]}
        >
          <Modal.Section>
            <BlockStack gap="300">
              {block.placement === "added" && (
                <Banner tone="warning">
                  <p>
                    Blocks showing “{feedName}” on your theme
                    {block.templates.length > 0 ? ` (feed blocks are on: ${block.templates.join(", ")})` : ""} will show
                    nothing until you choose another feed in them.
                  </p>
                </Banner>
              )}
              <Text as="p">
                The feed and its settings are deleted. Your posts stay in Social Feed, and your other feeds don't
                change.
              </Text>
            </BlockStack>
          </Modal.Section>
        </Modal>
      )}
    </Page>
  );
}
