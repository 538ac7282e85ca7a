// Shopify's published Admin GraphQL schema for the version the app asks for, as the introspection JSON
// that @shopify/dev-mcp ships, so the fake executes every request against the real thing offline: a field
// that does not exist, a wrong argument or input type is refused exactly where Shopify would refuse it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

/** The Admin API version the app is built against (app/shopify.server.ts asks for ApiVersion.October25). */
export const ADMIN_API_VERSION = "2025-10";

const schemas = new Map<string, GraphQLSchema>();

/** The schema of an Admin API version, built once per process (reading it takes about half a second). */
export function adminSchema(version = ADMIN_API_VERSION): GraphQLSchema {
  const cached = schemas.get(version);
  if (cached) return cached;
  const data = path.join(
    path.dirname(createRequire(import.meta.url).resolve("@shopify/dev-mcp/package.json")),
    "dist/data",
  );
  const introspection = JSON.parse(
    gunzipSync(readFileSync(path.join(data, `admin_${version}.json.gz`))).toString("utf8"),
  ) as { data?: IntrospectionQuery } & IntrospectionQuery;
  const schema = buildClientSchema(introspection.data ?? introspection);
  schemas.set(version, schema);
  return schema;
}
