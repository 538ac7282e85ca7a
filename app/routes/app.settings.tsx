import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Button, Card, Checkbox, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { z } from "zod";
import { alertSettingsFor, saveAlertSettings } from "../shop/alert-settings.server";
import { authenticate } from "../shopify.server";
import { PageAttention } from "../components/AttentionBanner";

export const meta: MetaFunction = () => [{ title: "Social Feed · Settings" }];

const SettingsForm = z.object({
  alertsEnabled: z.literal("on").optional().transform(Boolean),
  alertEmail: z
    .string()
    .trim()
    .max(254)
    .transform((value) => value || null)
    .pipe(z.email({ message: "Enter an email address like name@example.com, or leave it empty." }).nullable()),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json(await alertSettingsFor(session.shop));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const input = SettingsForm.safeParse(Object.fromEntries(await request.formData()));
  if (!input.success)
    return json({ ok: false as const, error: input.error.issues[0]?.message ?? "Check the address." }, 400);
  await saveAlertSettings(session.shop, input.data);
  return json({ ok: true as const });
};

export default function SettingsPage() {
  const saved = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const shopify = useAppBridge();
  const saving = useNavigation().state === "submitting";
  const [alertsEnabled, setAlertsEnabled] = useState(saved.alertsEnabled);
  const [alertEmail, setAlertEmail] = useState(saved.alertEmail ?? "");

  useEffect(() => {
    if (result?.ok) shopify.toast.show("Settings saved");
  }, [result, shopify]);

  const contact = saved.contactEmail
    ? `your store's contact email (${saved.contactEmail})`
    : "your store's contact email";
  return (
    <Page title="Settings" narrowWidth>
      <Layout>
        <PageAttention />
        <Layout.Section>
          <Form method="post">
            <Card>
              <BlockStack gap="400">
                <BlockStack gap="100">
                  <Text as="h2" variant="headingMd">
                    Email alerts
                  </Text>
                  <Text as="p" tone="subdued">
                    Social Feed emails you when Instagram ends a connection, when a connection can't be renewed for 3
                    days, or when new posts haven't arrived for 24 hours — once per problem, with a reminder after 3 and
                    10 days, and a short note when it's fixed.
                  </Text>
                </BlockStack>
                <Checkbox
                  label="Email me when my feed needs attention"
                  name="alertsEnabled"
                  checked={alertsEnabled}
                  onChange={setAlertsEnabled}
                />
                <TextField
                  label="Send alerts to"
                  name="alertEmail"
                  type="email"
                  autoComplete="email"
                  value={alertEmail}
                  onChange={setAlertEmail}
                  disabled={!alertsEnabled}
                  placeholder={saved.contactEmail ?? "name@example.com"}
                  helpText={`Leave empty to use ${contact}.`}
                  error={result && !result.ok ? result.error : undefined}
                />
                {!alertsEnabled && <input type="hidden" name="alertEmail" value={alertEmail} />}
                <InlineStack align="end">
                  <Button submit variant="primary" loading={saving}>
                    Save
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>
          </Form>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
