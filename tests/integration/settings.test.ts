// The Settings page through its real route module: the shop's contact email comes from the Admin API
// (its stand-in, over HTTP), the merchant's choices are validated and kept, and alerts then follow them.
import { beforeAll, expect, it } from "vitest";
import { action, loader } from "../../app/routes/app.settings";
import { alertRecipient } from "../../app/shop/alert-settings.server";
import { DEFAULT_SHOP_DETAILS } from "../../app/sandbox/stand-ins/shopify-admin/index";
import { adminGet, adminPost, callRoute, SHOP, seedOfflineSession } from "../support/shopify";
import { useFakeShopifyAdmin } from "../support/shopify-admin";

const admin = useFakeShopifyAdmin();
beforeAll(() => seedOfflineSession());

const load = async () => (await callRoute(loader, adminGet("/app/settings"))).json();
const save = (form: Record<string, string>) => callRoute(action, adminPost("/app/settings", form));

it("shows the store's contact email from Shopify, alerts on, before the merchant chose anything", async () => {
  expect(await load()).toEqual({
    alertsEnabled: true,
    alertEmail: null,
    contactEmail: DEFAULT_SHOP_DETAILS.contactEmail,
  });
  expect(admin.fake.calls.filter((call) => call.operation === "shop")).toHaveLength(1);
  await load();
  // Kept for a day: pages don't ask Shopify each time.
  expect(admin.fake.calls.filter((call) => call.operation === "shop")).toHaveLength(1);
  expect(await alertRecipient(SHOP)).toBe(DEFAULT_SHOP_DETAILS.contactEmail);
});

it("refuses an address that isn't one, with a message that doesn't repeat the field's label, and keeps the old choice", async () => {
  const response = await save({ alertsEnabled: "on", alertEmail: "owner at example" });
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({
    ok: false,
    error: "Enter an email address like name@example.com, or leave it empty.",
  });
  expect((await load()).alertEmail).toBeNull();
});

it("keeps the merchant's own address, and alerts go there; an empty field means the store's contact email again", async () => {
  expect((await save({ alertsEnabled: "on", alertEmail: "  alerts@brand.example " })).status).toBe(200);
  expect(await load()).toMatchObject({ alertsEnabled: true, alertEmail: "alerts@brand.example" });
  expect(await alertRecipient(SHOP)).toBe("alerts@brand.example");

  await save({ alertsEnabled: "on", alertEmail: "" });
  expect(await alertRecipient(SHOP)).toBe(DEFAULT_SHOP_DETAILS.contactEmail);
});

it("alerts off: no recipient at all, whatever the address", async () => {
  await save({ alertEmail: "alerts@brand.example" });
  expect(await load()).toMatchObject({ alertsEnabled: false, alertEmail: "alerts@brand.example" });
  expect(await alertRecipient(SHOP)).toBeNull();
});
