import { afterAll, beforeAll } from "vitest";
import { resetConfigForTests } from "../../app/config.server";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../../app/sandbox/stand-ins/shopify-admin/index";

/** Starts the fake Admin API for this test file and sends the app's Admin API calls to it. */
export function useFakeShopifyAdmin(): { readonly fake: FakeShopifyAdmin } {
  const holder = {} as { fake: FakeShopifyAdmin };
  beforeAll(async () => {
    holder.fake = await startFakeShopifyAdmin();
    process.env.SHOPIFY_ADMIN_API_ORIGIN = holder.fake.origin;
    resetConfigForTests();
  });
  afterAll(async () => {
    await holder.fake?.close();
  });
  return holder;
}
