import { afterAll, beforeAll, expect } from "vitest";
import { resetConfigForTests } from "../../app/config.server";
import {
  startFakeShopifyAdmin,
  type FakeShopifyAdmin,
  type FakeShopifyAdminOptions,
} from "../../app/sandbox/stand-ins/shopify-admin/index";

/**
 * Starts the fake Admin API for this test file and sends the app's Admin API calls to it. The fake
 * executes every request against Shopify's published schema and refuses what Shopify would refuse; a
 * refusal the app met is reported here too, so a test that only saw "the publish failed" names the cause.
 */
export function useFakeShopifyAdmin(options: FakeShopifyAdminOptions = {}): { readonly fake: FakeShopifyAdmin } {
  const holder = {} as { fake: FakeShopifyAdmin };
  beforeAll(async () => {
    holder.fake = await startFakeShopifyAdmin(options);
    process.env.SHOPIFY_ADMIN_API_ORIGIN = holder.fake.origin;
    resetConfigForTests();
  });
  afterAll(async () => {
    await holder.fake?.close();
    expect(holder.fake?.refused ?? []).toEqual([]);
  });
  return holder;
}
