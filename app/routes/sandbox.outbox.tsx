// The sandbox's outbox: the emails the app sent with no SMTP server configured (see app/email/).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { Badge, BlockStack, Card, EmptyState, InlineStack, Link, Page, Text } from "@shopify/polaris";
import { StandalonePage } from "../components/StandalonePage";
import { outbox } from "../sandbox/simulate.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Social Feed · Outbox (sandbox)" }];

export const loader = async (_: LoaderFunctionArgs) => json({ emails: await outbox() });

const URL_PATTERN = /(https?:\/\/\S+)/;

/** The plain-text body, with its links clickable (they lead back into the sandbox admin). */
function Body({ text }: { text: string }) {
  return (
    <BlockStack gap="200">
      {text.split("\n\n").map((paragraph, index) => (
        <Text as="p" key={index}>
          {paragraph.split(URL_PATTERN).map((part, i) =>
            URL_PATTERN.test(part) ? (
              <Link key={i} url={part}>
                {part}
              </Link>
            ) : (
              part
            ),
          )}
        </Text>
      ))}
    </BlockStack>
  );
}

export default function Outbox() {
  const { emails } = useLoaderData<typeof loader>();
  return (
    <StandalonePage>
      <Page
        title="Outbox"
        subtitle="Emails Social Feed sent. With no SMTP_URL set, they stay here instead of leaving the machine."
        backAction={{ content: "Sandbox admin", url: "/sandbox" }}
      >
        <BlockStack gap="400">
          {emails.length === 0 && (
            <Card>
              <EmptyState
                heading="No emails yet"
                image="/empty-account.svg"
                action={{ content: "Open the Simulate panel", url: "/sandbox/simulate" }}
              >
                <p>Alerts arrive here when a connection ends or keeps failing.</p>
              </EmptyState>
            </Card>
          )}
          {emails.map((email) => (
            <Card key={email.id}>
              <BlockStack gap="300">
                <InlineStack gap="200" blockAlign="center" align="space-between">
                  <Text as="h2" variant="headingMd">
                    {email.subject}
                  </Text>
                  <Badge
                    tone={email.status === "sent" ? "success" : email.status === "queued" ? "attention" : undefined}
                  >
                    {email.status === "sent" ? "Delivered" : email.status === "queued" ? "Waiting to send" : "Not sent"}
                  </Badge>
                </InlineStack>
                <Text as="p" tone="subdued">
                  To {email.to} · {email.written}
                </Text>
                <Body text={email.text} />
              </BlockStack>
            </Card>
          ))}
        </BlockStack>
      </Page>
    </StandalonePage>
  );
}
