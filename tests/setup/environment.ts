// Before each test file: the settings the app reads (the Shopify test helpers' app credentials, so
// their signed requests verify) and a private copy of the migrated database.
import { randomUUID } from "node:crypto";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { createDatabaseFromTemplate } from "./database";

const databaseUrl = await createDatabaseFromTemplate(
  process.env.TEST_ADMIN_DATABASE_URL!,
  process.env.TEST_TEMPLATE_DATABASE!,
  `${process.env.TEST_DATABASE_PREFIX}${randomUUID().replaceAll("-", "")}`,
);

Object.assign(process.env, {
  NODE_ENV: "test",
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: APP_URL,
  SCOPES: "write_files,write_app_proxy,write_metaobject_definitions,write_metaobjects",
  INSTAGRAM_APP_ID: "990602627938098",
  INSTAGRAM_APP_SECRET: "test-instagram-app-secret",
  INSTAGRAM_TIMEOUT_MS: "2000",
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: "5",
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
});
delete process.env.INSTAGRAM_BASE_URL;
delete process.env.SANDBOX;
