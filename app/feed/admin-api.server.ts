// The Admin GraphQL calls publishing needs, each with a zod-validated reply. Every failure becomes a
// PublishError with a message an operator (and, in plain words, a merchant) can act on.
import { z } from "zod";
import { unauthenticated } from "../shopify.server";

export class PublishError extends Error {
  override name = "PublishError";
}

/** Shopify refused a field for want of a scope (read_products, before the merchant granted it). */
export class AccessDeniedError extends PublishError {
  override name = "AccessDeniedError";
}

/** The GraphQL errors the Shopify library attaches to the error it throws for a reply with `errors`. */
const LibraryGraphqlError = z.object({
  body: z.object({
    errors: z.object({
      graphQLErrors: z.array(z.object({ extensions: z.object({ code: z.string() }).loose().optional() }).loose()),
    }),
  }),
});

/** Whether the Shopify library's error is Shopify's ACCESS_DENIED (a scope the shop has not granted). */
export const isAccessDenied = (error: unknown) =>
  LibraryGraphqlError.safeParse(error).data?.body.errors.graphQLErrors.some(
    (graphqlError) => graphqlError.extensions?.code === "ACCESS_DENIED",
  ) ?? false;

export type AdminGraphql = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

export const UserErrors = z.array(z.object({ message: z.string(), code: z.string().nullish() }).loose());

/** GraphQL against the shop's Admin API with its offline session. */
export async function adminGraphqlFor(shop: string): Promise<AdminGraphql> {
  let admin: Awaited<ReturnType<typeof unauthenticated.admin>>["admin"];
  try {
    ({ admin } = await unauthenticated.admin(shop));
  } catch {
    // No offline session: the app was uninstalled (or never finished installing) in this shop.
    throw new PublishError("The app is not installed in this shop any more, so its storefront feed cannot be updated.");
  }
  return async (query, variables) => {
    let body: unknown;
    try {
      const response = await admin.graphql(query, { variables });
      body = await response.json();
    } catch (error) {
      if (isAccessDenied(error))
        throw new AccessDeniedError("Shopify denied the app access to data it needs (a permission not granted).");
      throw new PublishError("Shopify's Admin API could not be reached or refused the request.");
    }
    const parsed = z.object({ data: z.unknown(), errors: z.unknown().optional() }).safeParse(body);
    if (!parsed.success || parsed.data.errors || !parsed.data.data)
      throw new PublishError("Shopify's Admin API answered with an error.");
    return parsed.data.data;
  };
}

export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new PublishError(`Shopify's reply to ${what} was not understood.`);
  return parsed.data;
}

export function throwOnUserErrors(errors: z.infer<typeof UserErrors>, what: string) {
  if (errors.length)
    throw new PublishError(`Shopify refused ${what}: ${errors.map((error) => error.message).join("; ")}`);
}

export async function currentAppInstallationId(graphql: AdminGraphql): Promise<string> {
  const data = await graphql(
    `
      query AppInstallation {
        currentAppInstallation {
          id
        }
      }
    `,
    {},
  );
  return parseOrThrow(
    z.object({ currentAppInstallation: z.object({ id: z.string() }) }),
    data,
    "the app installation query",
  ).currentAppInstallation.id;
}

export interface AppMetafield {
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
}

/** Sets app-data metafields, all or none (Shopify's metafieldsSet is atomic); `what` names them in errors. */
export async function setAppMetafields(graphql: AdminGraphql, metafields: AppMetafield[], what: string) {
  const data = await graphql(
    `
      mutation SaveAppData($metafields: [MetafieldsSetInput!]!) {
        metafieldsSet(metafields: $metafields) {
          metafields {
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
    { metafields },
  );
  const reply = parseOrThrow(z.object({ metafieldsSet: z.object({ userErrors: UserErrors }) }), data, what);
  throwOnUserErrors(reply.metafieldsSet.userErrors, what);
}

const FileNode = z
  .object({
    id: z.string(),
    fileStatus: z.enum(["UPLOADED", "PROCESSING", "READY", "FAILED"]),
    image: z.object({ url: z.string(), width: z.number().int(), height: z.number().int() }).nullish(),
    fileErrors: z.array(z.object({ code: z.string(), message: z.string() }).loose()).optional(),
  })
  .loose();
export type FileNode = z.infer<typeof FileNode>;

export async function createImageFiles(
  graphql: AdminGraphql,
  files: Array<{ originalSource: string; alt: string }>,
): Promise<string[]> {
  const data = await graphql(
    `
      mutation CopyImages($files: [FileCreateInput!]!) {
        fileCreate(files: $files) {
          files {
            id
            fileStatus
          }
          userErrors {
            field
            message
            code
          }
        }
      }
    `,
    { files: files.map((file) => ({ ...file, contentType: "IMAGE" })) },
  );
  const reply = parseOrThrow(
    z.object({
      fileCreate: z.object({ files: z.array(z.object({ id: z.string() }).loose()).nullable(), userErrors: UserErrors }),
    }),
    data,
    "copying images",
  );
  throwOnUserErrors(reply.fileCreate.userErrors, "copying images");
  return (reply.fileCreate.files ?? []).map((file) => file.id);
}

export async function fileStatuses(graphql: AdminGraphql, ids: string[]): Promise<FileNode[]> {
  const data = await graphql(
    `
      query FileStatus($ids: [ID!]!) {
        nodes(ids: $ids) {
          ... on MediaImage {
            id
            fileStatus
            image {
              url
              width
              height
            }
            fileErrors {
              code
              message
            }
          }
        }
      }
    `,
    { ids },
  );
  return parseOrThrow(z.object({ nodes: z.array(FileNode.nullable()) }), data, "the file status query").nodes.filter(
    (node): node is FileNode => node !== null,
  );
}

export async function deleteFiles(graphql: AdminGraphql, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const data = await graphql(
    `
      mutation DeleteFiles($fileIds: [ID!]!) {
        fileDelete(fileIds: $fileIds) {
          deletedFileIds
          userErrors {
            field
            message
            code
          }
        }
      }
    `,
    { fileIds: ids },
  );
  const reply = parseOrThrow(z.object({ fileDelete: z.object({ userErrors: UserErrors }) }), data, "deleting files");
  // A file the merchant already deleted by hand is gone either way.
  throwOnUserErrors(
    reply.fileDelete.userErrors.filter((error) => error.code !== "FILE_DOES_NOT_EXIST"),
    "deleting files",
  );
}

/** Removes app-data metafields (a deleted feed's document); one already gone is not an error. */
export async function deleteAppMetafields(
  graphql: AdminGraphql,
  identifiers: Array<{ ownerId: string; namespace: string; key: string }>,
  what: string,
): Promise<void> {
  const data = await graphql(
    `
      mutation DeleteAppData($metafields: [MetafieldIdentifierInput!]!) {
        metafieldsDelete(metafields: $metafields) {
          deletedMetafields {
            key
          }
          userErrors {
            field
            message
          }
        }
      }
    `,
    { metafields: identifiers },
  );
  const reply = parseOrThrow(z.object({ metafieldsDelete: z.object({ userErrors: UserErrors }) }), data, what);
  throwOnUserErrors(reply.metafieldsDelete.userErrors, what);
}
