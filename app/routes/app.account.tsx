import { Fragment, useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Card, Divider, EmptyState, Layout, Modal, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { disconnectAccount, findAccountUsername, listAccounts, type AccountView } from "../accounts/accounts.server";
import { startConnection } from "../accounts/connect.server";
import { AccountRow } from "../components/AccountRow";
import { authenticate } from "../shopify.server";

export const meta: MetaFunction = () => [{ title: "Social Feed · Account" }];

const ActionInput = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("connect") }),
  z.object({ intent: z.literal("disconnect"), accountId: z.string().trim().min(1).max(64) }),
]);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const connectedId = new URL(request.url).searchParams.get("connected");
  const justConnected = connectedId ? await findAccountUsername(session.shop, connectedId) : undefined;
  return json({ accounts: await listAccounts(session.shop), justConnected: justConnected ?? null });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, redirect } = await authenticate.admin(request);
  const input = ActionInput.safeParse(Object.fromEntries(await request.formData()));
  if (!input.success) return json({ ok: false, message: "That request wasn't understood. Reload the page and try again." }, 400);

  if (input.data.intent === "connect") {
    // Instagram refuses to load inside the admin's iframe: leave it, as App Bridge does.
    throw redirect(await startConnection(session.shop), { target: "_top" });
  }
  const removed = await disconnectAccount(session.shop, input.data.accountId);
  if (!removed) return json({ ok: false, message: "That account is no longer connected." }, 404);
  return json({ ok: true, message: "Instagram account disconnected" });
};

export default function AccountPage() {
  const { accounts, justConnected } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const shopify = useAppBridge();
  const submit = useSubmit();
  const navigation = useNavigation();
  const [confirming, setConfirming] = useState<AccountView | null>(null);
  const connecting = navigation.state !== "idle" && navigation.formData?.get("intent") === "connect";

  useEffect(() => {
    if (justConnected) shopify.toast.show(`Connected @${justConnected}`);
  }, [justConnected, shopify]);
  useEffect(() => {
    if (result?.ok) shopify.toast.show(result.message);
  }, [result, shopify]);

  const connect = () => submit({ intent: "connect" }, { method: "post" });
  const disconnect = (account: AccountView) => {
    submit({ intent: "disconnect", accountId: account.id }, { method: "post" });
    setConfirming(null);
  };

  return (
    <Page
      title="Account"
      primaryAction={accounts.length ? { content: "Connect another account", onAction: connect, loading: connecting } : undefined}
    >
      <Layout>
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
                action={{ content: "Connect Instagram", onAction: connect, loading: connecting }}
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
                    <AccountRow account={account} busy={connecting} onReconnect={connect} onDisconnect={() => setConfirming(account)} />
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
        primaryAction={{ content: "Disconnect", destructive: true, onAction: () => confirming && disconnect(confirming) }}
        secondaryActions={[{ content: "Cancel", onAction: () => setConfirming(null) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <Text as="p">Social Feed will delete this account's access token and stop updating its posts.</Text>
            <Text as="p">You can connect it again at any time.</Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
