import { afterAll, beforeAll, expect } from "vitest";
import { resetConfigForTests } from "../../app/config.server";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../../app/sandbox/stand-ins/shopify-admin/index";

/**
 * Starts the fake Admin API for this test file and sends the app's Admin API calls to it. Afterwards,
 * every document the app sent must be valid against Shopify's published schema (the fake answers by
 * operation name, so this is what keeps it honest about fields and types).
 */
export function useFakeShopifyAdmin(): { readonly fake: FakeShopifyAdmin } {
  const holder = {} as { fake: FakeShopifyAdmin };
  beforeAll(async () => {
    holder.fake = await startFakeShopifyAdmin();
    process.env.SHOPIFY_ADMIN_API_ORIGIN = holder.fake.origin;
    resetConfigForTests();
  });
  afterAll(async () => {
    await holder.fake?.close();
    const { schemaProblems } = await import("./admin-schema");
    for (const document of holder.fake?.documents ?? [])
      expect({ document, problems: schemaProblems(document) }).toEqual({ document, problems: [] });
  });
  return holder;
}
