import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { listAccounts, type AccountView } from "../accounts/accounts.server";
import { TokenStatusBadge } from "../components/TokenStatusBadge";
import { daysPhrase, useDates } from "../components/dates";
import { ThemeBlockStatus } from "../components/ThemeBlockStatus";
import { config } from "../config.server";
import { authenticate } from "../shopify.server";

export const meta: MetaFunction = () => [{ title: "Social Feed · Home" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json({ accounts: await listAccounts(session.shop), shop: session.shop, apiKey: config().SHOPIFY_API_KEY });
};

function RenewalLine({ account }: { account: AccountView }) {
  const { formatDate } = useDates();
  if (account.health === "needs_reconnect" || !account.nextRenewalAt) return null;
  return (
    <Text as="p" tone="subdued">
      Renews automatically — next renewal around {formatDate(account.nextRenewalAt)}.
      {account.lastRenewalResult ? ` Last attempt: ${account.lastRenewalResult.replace(/\.$/, "")}.` : ""}
    </Text>
  );
}

export default function Home() {
  const { accounts, shop, apiKey } = useLoaderData<typeof loader>();
  const { formatDate } = useDates();
  return (
    <Page title="Social Feed">
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Instagram connections
              </Text>
              {accounts.length === 0 && <Text as="p">No Instagram account is connected yet.</Text>}
              {accounts.map((account) => (
                <BlockStack key={account.id} gap="100">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="span" fontWeight="semibold">
                      @{account.username}
                    </Text>
                    <TokenStatusBadge health={account.health} />
                    {account.tokenExpiresAt && account.daysLeft !== null && account.health !== "needs_reconnect" && (
                      <Text as="span" tone="subdued">
                        valid until {formatDate(account.tokenExpiresAt)} ({daysPhrase(account.daysLeft)})
                      </Text>
                    )}
                  </InlineStack>
                  <RenewalLine account={account} />
                </BlockStack>
              ))}
              <InlineStack>
                <Button url="/app/account">{accounts.length ? "Manage accounts" : "Connect Instagram"}</Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <ThemeBlockStatus shop={shop} apiKey={apiKey} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
