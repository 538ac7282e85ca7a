// Polaris's setup-guide pattern: the steps to a feed on the storefront, each with its state and its one
// action. The first step not yet done is open and its action is the page's primary one, so a shop with
// no account is offered "Connect Instagram" first, never "Add to theme".
import type { ReactNode } from "react";
import { BlockStack, Box, Button, Card, Icon, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { CheckCircleIcon } from "@shopify/polaris-icons";

export interface SetupStep {
  id: string;
  title: string;
  done: boolean;
  description: ReactNode;
  action: { content: string; onClick?: () => void; url?: string; target?: "_top"; loading?: boolean };
}

/** A fixed 20 px mark, so the step's title starts at the same place whether it is done or not. */
function StepMark({ done }: { done: boolean }) {
  return (
    <span style={{ display: "inline-flex", flex: "none", width: 20, height: 20 }}>
      {done ? (
        <Icon source={CheckCircleIcon} tone="success" accessibilityLabel="Done" />
      ) : (
        <span
          role="img"
          aria-label="Not done yet"
          style={{
            width: 16,
            height: 16,
            margin: 2,
            borderRadius: "50%",
            border: "1.5px dashed var(--p-color-border-emphasis)",
          }}
        />
      )}
    </span>
  );
}

export function SetupGuide({ steps }: { steps: SetupStep[] }) {
  const doneCount = steps.filter((step) => step.done).length;
  if (doneCount === steps.length) return null;
  const current = steps.find((step) => !step.done)!;
  const { content, ...action } = current.action;
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Setup guide
          </Text>
          <Text as="p">Three steps put your Instagram posts on your store, and keep them fresh on their own.</Text>
          <InlineStack gap="300" blockAlign="center" wrap={false}>
            <Text as="span" tone="subdued">
              {doneCount} of {steps.length} steps done
            </Text>
            <div style={{ flex: 1 }}>
              <ProgressBar progress={(doneCount / steps.length) * 100} size="small" tone="primary" />
            </div>
          </InlineStack>
        </BlockStack>
        <ol aria-label="Setup steps" style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: 8 }}>
          {steps.map((step) => {
            const open = step.id === current.id;
            return (
              <li key={step.id} aria-current={open ? "step" : undefined}>
                <Box padding="200" borderRadius="200" background={open ? "bg-surface-secondary" : undefined}>
                  <InlineStack gap="300" wrap={false} blockAlign="start">
                    <StepMark done={step.done} />
                    <BlockStack gap="200">
                      <Text as="h3" variant="headingSm" tone={step.done ? "subdued" : undefined}>
                        {step.title}
                      </Text>
                      {open && (
                        <>
                          <Text as="p">{step.description}</Text>
                          <InlineStack>
                            <Button variant="primary" {...action}>
                              {content}
                            </Button>
                          </InlineStack>
                        </>
                      )}
                    </BlockStack>
                  </InlineStack>
                </Box>
              </li>
            );
          })}
        </ol>
      </BlockStack>
    </Card>
  );
}
