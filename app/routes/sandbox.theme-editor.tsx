// The sandbox's stand-in for Shopify's theme editor, where "Add to theme" lands: the merchant places
// Instagram feed blocks on templates, chooses each block's feed by name (Shopify's metaobject picker for
// the block's "Feed" setting) and saves. The saved blocks (a cookie: sandbox/sandbox-theme.ts) are what
// App Bridge's app.extensions() stand-in reports and what the Storefront preview renders.
import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Link, Page, Select, Text } from "@shopify/polaris";
import { StandalonePage } from "../components/StandalonePage";
import { listFeeds } from "../feed/feeds.server";
import { requireSandbox } from "../sandbox/guard.server";
import { SANDBOX_SHOP, SANDBOX_STOREFRONT_PATH, SANDBOX_THEME_EDITOR_PATH } from "../sandbox/paths";
import {
  MAX_THEME_BLOCKS,
  THEME_TEMPLATES,
  ThemeBlocks,
  ThemeTemplateName,
  themeBlocksFromCookie,
  themeCookieHeader,
  type ThemeBlock,
} from "../sandbox/sandbox-theme";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Social Feed · Theme editor (sandbox)" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  requireSandbox();
  const params = new URL(request.url).searchParams;
  // The picker lists the shop's live feeds (their $app:feed entries), by name.
  const feeds = (await listFeeds(SANDBOX_SHOP)).map(({ id, name }) => ({ id, name }));
  const live = new Set(feeds.map((feed) => feed.id));
  // A block whose feed was deleted has a blank setting, as in Shopify.
  const saved = themeBlocksFromCookie(request.headers.get("Cookie")).map((block) => ({
    ...block,
    feedId: block.feedId && live.has(block.feedId) ? block.feedId : null,
  }));
  // Opened from "Add to theme", the editor adds a block on that template, no feed chosen yet, not saved.
  const adding = params.get("addAppBlockId") ? ThemeTemplateName.catch("index").parse(params.get("template")) : null;
  const blocks: ThemeBlock[] =
    adding && saved.length < MAX_THEME_BLOCKS ? [...saved, { template: adding, feedId: null }] : saved;
  return json({ feeds, blocks, saved: params.get("saved") === "1" });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  requireSandbox();
  let blocks: unknown;
  try {
    blocks = JSON.parse(String((await request.formData()).get("blocks") ?? ""));
  } catch {
    blocks = null;
  }
  const parsed = ThemeBlocks.safeParse(blocks);
  if (!parsed.success)
    return json({ message: `The theme wasn't saved: a theme holds at most ${MAX_THEME_BLOCKS} feed blocks.` }, 400);
  // Back to the editor without "Add to theme"'s parameters, so the saved theme is what it shows.
  return redirect(`${SANDBOX_THEME_EDITOR_PATH}?saved=1`, {
    headers: { "Set-Cookie": themeCookieHeader(parsed.data) },
  });
};

type EditedBlock = ThemeBlock & { key: number };

const withKeys = (blocks: ThemeBlock[]): EditedBlock[] => blocks.map((block, key) => ({ ...block, key }));
const templateOptions = THEME_TEMPLATES.map(({ template, label }) => ({ value: template, label }));

export default function SandboxThemeEditor() {
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const submit = useSubmit();
  const saving = useNavigation().state !== "idle";
  // The merchant's unsaved changes; when the server's blocks change (saved, or "Add to theme" again),
  // the editor starts again from them.
  const loadedKey = JSON.stringify(loaded.blocks);
  const [blocks, setBlocks] = useState(() => withKeys(loaded.blocks));
  const [blocksFor, setBlocksFor] = useState(loadedKey);
  if (blocksFor !== loadedKey) {
    setBlocksFor(loadedKey);
    setBlocks(withKeys(loaded.blocks));
  }
  const feedOptions = [
    { value: "", label: "Choose a feed" },
    ...loaded.feeds.map((feed) => ({ value: feed.id, label: feed.name })),
  ];
  const change = (key: number, update: Partial<ThemeBlock>) =>
    setBlocks(blocks.map((block) => (block.key === key ? { ...block, ...update } : block)));
  const addBlock = () =>
    setBlocks([
      ...blocks,
      { key: Math.max(-1, ...blocks.map((block) => block.key)) + 1, template: "index", feedId: null },
    ]);
  const save = () =>
    submit(
      { blocks: JSON.stringify(blocks.map(({ template, feedId }) => ({ template, feedId }))) },
      { method: "post" },
    );

  return (
    <StandalonePage>
      <Page
        title="Theme editor"
        subtitle="The sandbox's stand-in for Shopify's theme editor."
        primaryAction={{ content: "Save", onAction: save, loading: saving }}
        backAction={{ content: "Sandbox admin", url: "/sandbox" }}
      >
        <BlockStack gap="400">
          {loaded.saved && !failed && (
            <Banner tone="success">
              <Text as="p">
                Saved. <Link url="/sandbox?path=/app">Back to Social Feed</Link> or open the{" "}
                <Link url={SANDBOX_STOREFRONT_PATH}>storefront preview</Link>.
              </Text>
            </Banner>
          )}
          {failed && (
            <Banner tone="critical">
              <Text as="p">{failed.message}</Text>
            </Banner>
          )}
          {blocks.length === 0 && (
            <Card>
              <Text as="p">
                Your theme has no Instagram feed block. Press Add block to place one, choose its feed, then Save.
              </Text>
            </Card>
          )}
          {blocks.map((block, index) => {
            const title = `Instagram feed block ${index + 1}`;
            const titleId = `block-${block.key}-title`;
            return (
              <Card key={block.key}>
                <div role="group" aria-labelledby={titleId}>
                  <BlockStack gap="300">
                    <InlineStack align="space-between" blockAlign="center">
                      <Text as="h2" variant="headingMd" id={titleId}>
                        {title}
                      </Text>
                      <Button
                        variant="plain"
                        tone="critical"
                        accessibilityLabel={`Remove ${title}`}
                        onClick={() => setBlocks(blocks.filter((entry) => entry.key !== block.key))}
                      >
                        Remove
                      </Button>
                    </InlineStack>
                    <FormLayout>
                      <FormLayout.Group>
                        <Select
                          label="Template"
                          options={templateOptions}
                          value={block.template}
                          onChange={(template) => change(block.key, { template: ThemeTemplateName.parse(template) })}
                        />
                        <Select
                          label="Feed"
                          options={feedOptions}
                          value={block.feedId ?? ""}
                          onChange={(feedId) => change(block.key, { feedId: feedId || null })}
                          helpText={
                            loaded.feeds.length === 0
                              ? "No feeds yet: connect Instagram in Social Feed, and its Main feed appears here."
                              : "Feeds are made on Social Feed's Feeds page."
                          }
                        />
                      </FormLayout.Group>
                    </FormLayout>
                  </BlockStack>
                </div>
              </Card>
            );
          })}
          <InlineStack>
            <Button onClick={addBlock} disabled={blocks.length >= MAX_THEME_BLOCKS}>
              Add block
            </Button>
          </InlineStack>
        </BlockStack>
      </Page>
    </StandalonePage>
  );
}
