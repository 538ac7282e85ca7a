// One Admin API request, as Shopify handles it: the document parsed and validated against the published
// schema (refused in Shopify's words, changing nothing), then executed with graphql-js against the
// fake's state. Root fields are the fake's resolvers; everything below them is plain data (graphql-js's
// default resolver reads properties, calls functions with the field's arguments, and resolves abstract
// types such as Node and File by each object's `__typename`).
import {
  defaultFieldResolver,
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type OperationDefinitionNode,
} from "graphql";
import { shopifyError, type ShopifyError } from "./errors";
import { adminSchema } from "./schema";
import type { RequestContext } from "./state";

export type RootResolvers = Record<string, (args: never, context: RequestContext) => unknown>;

export interface GraphqlRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface GraphqlReply {
  status: number;
  body: unknown;
}

export interface RequestLog {
  /** Root fields the app called, one entry per field per accepted request. */
  calls: Array<{ shop: string; operation: string }>;
  documents: Set<string>;
  /** Requests refused for not matching the schema: the document and what Shopify would say. */
  refused: Array<{ shop: string; document: string; errors: ShopifyError[] }>;
  /** The next call of a root field answers this instead (failNext). */
  faults: Map<string, GraphqlReply>;
}

const COST = {
  cost: {
    requestedQueryCost: 10,
    actualQueryCost: 10,
    throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 },
  },
};

function selectedOperation(document: DocumentNode, name: unknown): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return typeof name === "string" ? operations.find((operation) => operation.name?.value === name) : operations[0];
}

function rootFields(operation: OperationDefinitionNode | undefined): string[] {
  return (operation?.selectionSet.selections ?? []).flatMap((selection) =>
    selection.kind === Kind.FIELD && selection.name.value !== "__typename" ? [selection.name.value] : [],
  );
}

/** A root field the fake does not serve is an error the test sees, not a silent null. */
function fieldResolverFor(root: RootResolvers): GraphQLFieldResolver<unknown, RequestContext> {
  return (source, args, context, info) => {
    if (info.path.prev === undefined && !(info.fieldName in root))
      throw new GraphQLError(`The fake Admin API does not serve \`${info.fieldName}\`.`, {
        extensions: { code: "NOT_SERVED_BY_FAKE" },
      });
    return defaultFieldResolver(source, args, context, info);
  };
}

const refusal = (errors: ShopifyError[]): GraphqlReply => ({ status: 200, body: { errors } });

export async function executeRequest(
  root: RootResolvers,
  shop: string,
  request: GraphqlRequest,
  log: RequestLog,
): Promise<GraphqlReply> {
  const source = typeof request.query === "string" ? request.query : "";
  log.documents.add(source);
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    const errors = [shopifyError(error as GraphQLError)];
    log.refused.push({ shop, document: source, errors });
    return refusal(errors);
  }
  const invalid = validate(adminSchema(), document).map(shopifyError);
  if (invalid.length) {
    log.refused.push({ shop, document: source, errors: invalid });
    return refusal(invalid);
  }
  const fields = rootFields(selectedOperation(document, request.operationName));
  fields.forEach((operation) => log.calls.push({ shop, operation }));
  const faulty = fields.find((field) => log.faults.has(field));
  if (faulty) {
    const fault = log.faults.get(faulty)!;
    log.faults.delete(faulty);
    return fault;
  }
  const result = await execute({
    schema: adminSchema(),
    document,
    rootValue: root,
    contextValue: { shop } satisfies RequestContext,
    variableValues: (request.variables ?? {}) as Record<string, unknown>,
    operationName: typeof request.operationName === "string" ? request.operationName : undefined,
    fieldResolver: fieldResolverFor(root),
  });
  const errors = result.errors?.map(shopifyError);
  // Variables that do not match their types are refused before anything runs (no data at all).
  if (errors && !("data" in result)) log.refused.push({ shop, document: source, errors });
  return {
    status: 200,
    body: { ...(result.data && { data: result.data }), ...(errors && { errors }), extensions: COST },
  };
}
