// The sandbox's Simulate panel (see app/sandbox/simulate.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Link, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { StandalonePage } from "../components/StandalonePage";
import { simulate, simulatedAccounts } from "../sandbox/simulate.server";
import { SIMULATIONS, type Simulation } from "../sandbox/simulations";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Social Feed · Simulate (sandbox)" }];

const SimulateInput = z.object({
  accountId: z.string().trim().min(1).max(64),
  simulation: z.enum(Object.keys(SIMULATIONS) as [Simulation, ...Simulation[]]),
});

export const loader = async (_: LoaderFunctionArgs) => json({ accounts: await simulatedAccounts() });

export const action = async ({ request }: ActionFunctionArgs) => {
  const input = SimulateInput.safeParse(Object.fromEntries(await request.formData()));
  if (!input.success) return json({ ok: false as const, message: "Choose an account and what should happen." }, 400);
  const username = await simulate(input.data.accountId, input.data.simulation);
  if (!username) return json({ ok: false as const, message: "That account is no longer connected." }, 404);
  return json({ ok: true as const, message: `Done: “${SIMULATIONS[input.data.simulation]}” for @${username}.` });
};

export default function SimulatePanel() {
  const { accounts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <StandalonePage>
      <Page
        title="Simulate"
        subtitle="Make things happen on Instagram's side, then watch Social Feed react."
        backAction={{ content: "Sandbox admin", url: "/sandbox" }}
      >
        <BlockStack gap="400">
          {result && (
            <Banner tone={result.ok ? "success" : "critical"}>
              <BlockStack gap="100">
                <Text as="p">{result.message}</Text>
                {result.ok && (
                  <Text as="p">
                    Now open the <Link url="/sandbox?path=/app">admin</Link> (the banner and the account's state) and
                    the <Link url="/sandbox/outbox">outbox</Link> (the email).
                  </Text>
                )}
              </BlockStack>
            </Banner>
          )}
          {accounts.length === 0 ? (
            <Card>
              <Text as="p">
                No Instagram account is connected yet. <Link url="/sandbox?path=/app/account">Connect one</Link> first.
              </Text>
            </Card>
          ) : (
            accounts.map((account) => (
              <Card key={account.id}>
                <BlockStack gap="300">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h2" variant="headingMd">
                      @{account.username}
                    </Text>
                    <Badge tone={account.status === "active" ? "success" : "critical"}>
                      {account.status === "active" ? "Connected" : "Needs reconnect"}
                    </Badge>
                    {account.failing && <Badge tone="warning">Instagram failing</Badge>}
                  </InlineStack>
                  <InlineStack gap="200">
                    {(Object.entries(SIMULATIONS) as Array<[Simulation, string]>).map(([simulation, label]) => (
                      <Form method="post" key={simulation}>
                        <input type="hidden" name="accountId" value={account.id} />
                        <input type="hidden" name="simulation" value={simulation} />
                        <Button submit disabled={busy} accessibilityLabel={`${label} (@${account.username})`}>
                          {label}
                        </Button>
                      </Form>
                    ))}
                  </InlineStack>
                </BlockStack>
              </Card>
            ))
          )}
        </BlockStack>
      </Page>
    </StandalonePage>
  );
}
