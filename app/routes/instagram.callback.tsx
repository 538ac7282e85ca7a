// Instagram's OAuth redirect lands here, at the top level (outside the admin iframe).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AppProvider, Button, Card, Page, Text, BlockStack } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { z } from "zod";
import { completeConnection } from "../accounts/connect.server";
import { CONNECT_PROBLEM_TEXT } from "../accounts/connect-messages";
import { adminAppUrl } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Social Feed · Instagram" }, { name: "robots", content: "noindex" }];

const text = z.string().max(2048).optional().catch(undefined);
const CallbackQuery = z.object({ state: text, code: text, error: text });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const query = CallbackQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const outcome = await completeConnection(query);
  if (outcome.ok) {
    return redirect(adminAppUrl(outcome.shop, `/app/account?connected=${outcome.accountId}`));
  }
  const { title, body } = CONNECT_PROBLEM_TEXT[outcome.problem];
  const backUrl = outcome.shop ? adminAppUrl(outcome.shop, "/app/account") : null;
  return json({ title, body, backUrl }, { status: 400, headers: { "Cache-Control": "no-store" } });
};

export default function InstagramCallback() {
  const { title, body, backUrl } = useLoaderData<typeof loader>();
  return (
    <AppProvider i18n={en}>
      <Page narrowWidth>
        <Card>
          <BlockStack gap="400">
            <Text as="h1" variant="headingLg">
              {title}
            </Text>
            <Text as="p">{body}</Text>
            {backUrl ? (
              <Button variant="primary" url={backUrl}>
                Back to the Account page
              </Button>
            ) : (
              <Text as="p" tone="subdued">
                Open Social Feed from the Apps section of your Shopify admin.
              </Text>
            )}
          </BlockStack>
        </Card>
      </Page>
    </AppProvider>
  );
}
