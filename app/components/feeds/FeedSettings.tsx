// The feed's name and the accounts whose posts it shows. The accounts' order is the order they were ticked
// in: the first one heads the storefront block (its name and picture).
import { BlockStack, Card, ChoiceList, Link, Text, TextField } from "@shopify/polaris";
import { FEED_NAME_MAX, type FeedFieldErrors, type FeedForm } from "../../feed/feed-form";
import { feedFieldId, type FeedField } from "./useFeedForm";

export interface SourceOption {
  id: string;
  username: string;
  accountStatus: "active" | "needs_reconnect";
}

export function FeedSettings(props: {
  form: FeedForm;
  errors: FeedFieldErrors;
  sources: SourceOption[];
  edit: <F extends FeedField>(field: F, value: FeedForm[F], pause?: number) => void;
  check: (field: FeedField) => void;
}) {
  const { form, errors, sources, edit, check } = props;
  return (
    <Card>
      <BlockStack gap="400">
        <TextField
          label="Name"
          helpText="The name you choose this feed by in the theme editor's Feed setting. Visitors don't see it."
          autoComplete="off"
          maxLength={FEED_NAME_MAX}
          showCharacterCount
          id={feedFieldId("name")}
          value={form.name}
          onChange={(value) => edit("name", value)}
          onBlur={() => check("name")}
          error={errors.name}
        />
        {sources.length === 0 ? (
          <BlockStack gap="100">
            <Text as="h2" variant="headingSm">
              Accounts
            </Text>
            <Text as="p" tone={errors.sourceIds ? "critical" : "subdued"}>
              No Instagram account is connected yet. <Link url="/app/account">Connect one on the Account page</Link>,
              then choose it here.
            </Text>
          </BlockStack>
        ) : (
          <ChoiceList
            title="Accounts"
            allowMultiple
            name={feedFieldId("sourceIds")}
            choices={sources.map((source) => ({
              label: `@${source.username}`,
              value: source.id,
              helpText:
                source.accountStatus === "needs_reconnect"
                  ? "Needs reconnecting: its new posts don't arrive until you reconnect it on the Account page."
                  : undefined,
            }))}
            selected={form.sourceIds}
            // Polaris adds a newly ticked account at the end: the order stays the order of ticking.
            onChange={(value) => edit("sourceIds", value, 0)}
            error={errors.sourceIds}
          />
        )}
        {sources.length > 1 && (
          <Text as="p" tone="subdued">
            Posts from every ticked account show together, newest first. The first account ticked heads the block.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
