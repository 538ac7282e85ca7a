// The Account page: connect, reconnect and disconnect Instagram accounts, each with its token's health.
// Disconnect's confirmation names what disappears and which feeds (so which storefront pages) change.
import { Fragment, useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, Divider, EmptyState, Layout, Modal, Page } from "@shopify/polaris";
import { z } from "zod";
import { disconnectAccount, findAccountUsername, listAccounts, type AccountView } from "../accounts/accounts.server";
import { startConnection } from "../accounts/connect.server";
import { CONNECT_PROBLEMS, connectProblemText, INSTAGRAM_USERNAME } from "../accounts/connect-messages";
import { AccountRow, DisconnectConsequences, needsReconnecting } from "../components/AccountRow";
import { useThemeBlock } from "../components/theme-block";
import { feedsFedBy, type FeedChange } from "../feed/feeds.server";
import { authenticate } from "../shopify.server";
import { SYNC_MESSAGES } from "../sync/sync-messages";
import { PageAttention } from "../components/AttentionBanner";

export const meta: MetaFunction = () => [{ title: "Social Feed · Account" }];

const AccountId = z.string().trim().min(1).max(64);

const ActionInput = z.discriminatedUnion("intent", [
  // With accountId it is that account's Reconnect; without, a new connection.
  z.object({ intent: z.literal("connect"), accountId: AccountId.optional() }),
  z.object({ intent: z.literal("disconnect"), accountId: AccountId }),
]);

// How the Instagram callback says what happened (app/routes/instagram.callback.tsx). Anyone can type
// these into a URL, so anything unexpected is simply not shown.
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.optional().catch(undefined);
const PageQuery = z.object({
  connected: optional(AccountId),
  connect: optional(z.enum(CONNECT_PROBLEMS)),
  account: optional(AccountId),
  approved: optional(z.string().regex(INSTAGRAM_USERNAME)),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const query = PageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const accounts = await listAccounts(session.shop);
  const justConnected = query.connected ? await findAccountUsername(session.shop, query.connected) : undefined;
  const reconnecting = accounts.find((account) => account.id === query.account)?.username;
  const connectProblem = query.connect
    ? connectProblemText(query.connect, { approved: query.approved, reconnecting })
    : null;
  return json({
    accounts,
    feedChanges: await feedChanges(session.shop, accounts),
    justConnected: justConnected ?? null,
    connectProblem,
  });
};

/** Per account, the feeds its Disconnect changes. */
async function feedChanges(shop: string, accounts: AccountView[]): Promise<Record<string, FeedChange[]>> {
  const fedBy = await Promise.all(accounts.map((account) => feedsFedBy(shop, account.id)));
  return Object.fromEntries(accounts.map((account, index) => [account.id, fedBy[index]!]));
}

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const input = ActionInput.safeParse(Object.fromEntries(await request.formData()));
  if (!input.success) return json({ ok: false, message: SYNC_MESSAGES.notUnderstood }, 400);

  if (input.data.intent === "connect") {
    // Instagram refuses to load inside the admin's iframe: leave it, as App Bridge does.
    throw redirect(await startConnection(session.shop, { reconnectAccountId: input.data.accountId }), {
      target: "_top",
    });
  }
  const removed = await disconnectAccount(session.shop, input.data.accountId);
  if (!removed) return json({ ok: false, message: "That account is no longer connected." }, 404);
  return json({ ok: true, message: "Instagram account disconnected" });
};

export default function AccountPage() {
  const { accounts, feedChanges, justConnected, connectProblem } = useLoaderData<typeof loader>();
  const block = useThemeBlock();
  const result = useActionData<typeof action>();
  const shopify = useAppBridge();
  const submit = useSubmit();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const [confirming, setConfirming] = useState<AccountView | null>(null);
  // Which connection is starting: an account's id for its Reconnect, "new" for a new account.
  const pending =
    navigation.state !== "idle" && navigation.formData?.get("intent") === "connect"
      ? (navigation.formData.get("accountId") ?? "new")
      : null;
  // The first account only a reconnect can repair is the page's main job until it is done.
  const broken = accounts.find(needsReconnecting);

  useEffect(() => {
    if (justConnected) shopify.toast.show(`Connected @${justConnected}`);
  }, [justConnected, shopify]);
  useEffect(() => {
    if (result?.ok) shopify.toast.show(result.message);
  }, [result, shopify]);

  const connect = () => submit({ intent: "connect" }, { method: "post" });
  const reconnect = (account: AccountView) => submit({ intent: "connect", accountId: account.id }, { method: "post" });
  const connectAnother = { content: "Connect another account", onAction: connect, loading: pending === "new" };
  const disconnect = (account: AccountView) => {
    submit({ intent: "disconnect", accountId: account.id }, { method: "post" });
    setConfirming(null);
  };

  return (
    <Page
      title="Account"
      primaryAction={
        broken
          ? {
              content: `Reconnect @${broken.username}`,
              onAction: () => reconnect(broken),
              loading: pending === broken.id,
            }
          : accounts.length
            ? connectAnother
            : undefined
      }
      secondaryActions={broken ? [connectAnother] : undefined}
    >
      <Layout>
        <PageAttention />
        {connectProblem && (
          <Layout.Section>
            {/* Dismissing drops ?connect= from the address, so a reload doesn't bring the banner back. */}
            <Banner
              tone={connectProblem.tone}
              title={connectProblem.title}
              onDismiss={() => navigate("/app/account", { replace: true })}
            >
              <p>{connectProblem.body}</p>
            </Banner>
          </Layout.Section>
        )}
        {result && !result.ok && (
          <Layout.Section>
            <Banner tone="critical">{result.message}</Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          {accounts.length === 0 ? (
            <Card>
              <EmptyState
                heading="Connect your Instagram account"
                action={{ content: "Connect Instagram", onAction: connect, loading: pending === "new" }}
                image="/empty-account.svg"
              >
                <p>
                  Social Feed shows posts from an Instagram professional account (Business or Creator). You'll approve
                  access on Instagram, then come straight back here. The connection renews itself.
                </p>
              </EmptyState>
            </Card>
          ) : (
            <Card>
              <BlockStack gap="400">
                {accounts.map((account, index) => (
                  <Fragment key={account.id}>
                    {index > 0 && <Divider />}
                    <AccountRow
                      account={account}
                      busy={pending === account.id}
                      onReconnect={() => reconnect(account)}
                      onDisconnect={() => setConfirming(account)}
                    />
                  </Fragment>
                ))}
              </BlockStack>
            </Card>
          )}
        </Layout.Section>
      </Layout>
      <Modal
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={`Disconnect @${confirming?.username ?? ""}?`}
        primaryAction={{
          content: "Disconnect",
          destructive: true,
          onAction: () => confirming && disconnect(confirming),
        }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(null) }]}
      >
        <Modal.Section>
          {confirming && (
            <DisconnectConsequences
              username={confirming.username}
              feeds={feedChanges[confirming.id] ?? []}
              placed={block.placement === "unknown" ? null : block.placement === "added"}
              templates={block.templates}
            />
          )}
        </Modal.Section>
      </Modal>
    </Page>
  );
}
