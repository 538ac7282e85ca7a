// Webhook bodies that are not what Shopify sends, correctly signed or not: never a crash, and nothing
// erased on the strength of a body that is not what shop/redact must carry.
import { expect, it } from "vitest";
import { action as uninstalled } from "../../app/routes/webhooks.app.uninstalled";
import { action as shopRedact } from "../../app/routes/webhooks.shop.redact";
import { callRoute } from "../support/shopify";
import { shopifyWebhook } from "../support/webhooks";

it.each([
  ["signed text that is not JSON", () => shopifyWebhook("shop/redact", null, { rawBody: "not json at all" })],
  ["signed JSON that is not an object", () => shopifyWebhook("shop/redact", null, { rawBody: "[1,2,3]" })],
  ["signed unicode garbage", () => shopifyWebhook("shop/redact", null, { rawBody: "\u0000💥ñ" })],
  [
    "a 2 MB body with a wrong signature",
    () => shopifyWebhook("shop/redact", { shop_domain: "x".repeat(2_000_000) }, { secret: "wrong" }),
  ],
])("%s", async (_label, build) => {
  for (const route of [shopRedact, uninstalled]) {
    let response: Response | undefined;
    try {
      response = await callRoute(route, build());
    } catch (error) {
      expect.fail(`the route threw ${error instanceof Error ? error.name : "something"} instead of answering`);
    }
    expect(response!.status).toBeLessThan(500);
    // app/uninstalled acts on the signed shop header alone, so a signed odd body may still be a 200 there.
    if (route === shopRedact) expect(response!.status).toBeGreaterThanOrEqual(400);
  }
});
