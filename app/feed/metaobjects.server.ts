// The theme editor's feed picker: an app-owned metaobject definition ($app:feed) whose entries are the
// shop's feeds. The block's "Feed" setting (type metaobject) lists them by name, and the chosen entry's
// `key` field names the app-data metafield holding that feed's document. The definition must exist and be
// readable on the storefront (PUBLIC_READ) before the setting works, so publishing makes sure of it first.
import { z } from "zod";
import { FEED_METAOBJECT_TYPE, feedHandle } from "./feed-document";
import { parseOrThrow, PublishError, throwOnUserErrors, UserErrors, type AdminGraphql } from "./admin-api.server";

export async function ensureFeedDefinition(graphql: AdminGraphql): Promise<void> {
  const found = parseOrThrow(
    z.object({ metaobjectDefinitionByType: z.object({ id: z.string() }).nullable() }),
    await graphql(
      `
        query FeedDefinition($type: String!) {
          metaobjectDefinitionByType(type: $type) {
            id
          }
        }
      `,
      { type: FEED_METAOBJECT_TYPE },
    ),
    "the feed definition query",
  );
  if (found.metaobjectDefinitionByType) return;
  const created = parseOrThrow(
    z.object({ metaobjectDefinitionCreate: z.object({ userErrors: UserErrors }) }),
    await graphql(
      `
        mutation CreateFeedDefinition($definition: MetaobjectDefinitionCreateInput!) {
          metaobjectDefinitionCreate(definition: $definition) {
            metaobjectDefinition {
              id
            }
            userErrors {
              field
              message
              code
            }
          }
        }
      `,
      {
        definition: {
          type: FEED_METAOBJECT_TYPE,
          name: "Instagram feed",
          description: "Feeds made in the Social Feed app. Choose one in the Instagram feed block's settings.",
          displayNameKey: "name",
          access: { admin: "MERCHANT_READ", storefront: "PUBLIC_READ" },
          fieldDefinitions: [
            { key: "name", name: "Name", type: "single_line_text_field", required: true },
            { key: "key", name: "Document key", type: "single_line_text_field", required: true },
          ],
        },
      },
    ),
    "creating the feed definition",
  );
  // Two processes creating it at once: the loser's "taken" means it exists, which is all we need.
  throwOnUserErrors(
    created.metaobjectDefinitionCreate.userErrors.filter((error) => error.code !== "TAKEN"),
    "creating the feed definition",
  );
}

/** Creates or renames the feed's entry; returns its id. */
export async function upsertFeedEntry(
  graphql: AdminGraphql,
  feed: { id: string; name: string; metafieldKey: string },
): Promise<string> {
  const reply = parseOrThrow(
    z.object({
      metaobjectUpsert: z.object({ metaobject: z.object({ id: z.string() }).nullable(), userErrors: UserErrors }),
    }),
    await graphql(
      `
        mutation SaveFeedEntry($handle: MetaobjectHandleInput!, $metaobject: MetaobjectUpsertInput!) {
          metaobjectUpsert(handle: $handle, metaobject: $metaobject) {
            metaobject {
              id
            }
            userErrors {
              field
              message
              code
            }
          }
        }
      `,
      {
        handle: { type: FEED_METAOBJECT_TYPE, handle: feedHandle(feed.id) },
        metaobject: {
          fields: [
            { key: "name", value: feed.name },
            { key: "key", value: feed.metafieldKey },
          ],
        },
      },
    ),
    "saving the feed's name",
  );
  throwOnUserErrors(reply.metaobjectUpsert.userErrors, "saving the feed's name");
  if (!reply.metaobjectUpsert.metaobject) throw new PublishError("Shopify saved no entry for the feed's name.");
  return reply.metaobjectUpsert.metaobject.id;
}

export async function deleteFeedEntry(graphql: AdminGraphql, id: string): Promise<void> {
  const reply = parseOrThrow(
    z.object({ metaobjectDelete: z.object({ userErrors: UserErrors }) }),
    await graphql(
      `
        mutation DeleteFeedEntry($id: ID!) {
          metaobjectDelete(id: $id) {
            deletedId
            userErrors {
              field
              message
              code
            }
          }
        }
      `,
      { id },
    ),
    "removing the feed from the theme editor",
  );
  // Already gone (deleted by hand, or by an earlier attempt): that was the point.
  throwOnUserErrors(
    reply.metaobjectDelete.userErrors.filter((error) => error.code !== "RECORD_NOT_FOUND"),
    "removing the feed from the theme editor",
  );
}
