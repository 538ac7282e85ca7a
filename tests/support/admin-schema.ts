// Shopify's published Admin GraphQL schema (the version the app asks for), as introspection JSON that
// @shopify/dev-mcp ships, so every query and mutation the app sends can be checked against the real
// thing offline: a field that does not exist, a wrong argument or input type fails the test.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, parse, validate, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { apiVersion } from "../../app/shopify.server";

let schema: GraphQLSchema | undefined;

function adminSchema(): GraphQLSchema {
  if (schema) return schema;
  const data = path.join(
    path.dirname(createRequire(import.meta.url).resolve("@shopify/dev-mcp/package.json")),
    "dist/data",
  );
  const introspection = JSON.parse(
    gunzipSync(readFileSync(path.join(data, `admin_${apiVersion}.json.gz`))).toString("utf8"),
  );
  schema = buildClientSchema((introspection.data ?? introspection) as IntrospectionQuery);
  return schema;
}

/** The problems Shopify would report for this document, in GraphQL's words (none: an empty list). */
export function schemaProblems(document: string): string[] {
  return validate(adminSchema(), parse(document)).map((error) => error.message);
}
