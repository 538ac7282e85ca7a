// Shoppable posts, end to end in a real browser: on Media Sources the merchant presses Tag products,
// allows product access (Shopify's consent, then its product picker) and picks a product; publishing
// runs in the background; the Storefront preview's tile shows the bag, its lightbox lists the product
// with its live price, and Add to cart puts it in the cart (the theme's count shows 1). The product page
// shows the tagged post in the "Instagram posts for this product" block, and another product's page
// shows none. With analytics turned on from the home page, the app's web pixel (run by the preview
// against a stand-in of Shopify's customer-events bus) counts the open, the add and the order that
// followed: the home page shows 1 post open, 1 add-to-cart and 1 assisted order with its revenue.
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useMerchantBrowser } from "./support/merchant";
import { placeFeedBlocks } from "./support/theme";

const merchant = useMerchantBrowser();
const { app } = merchant;
const STUDIO = "sandbox.studio";
const PRODUCT = "Linen Tote";

const storefrontUrl = (query = "") => `${merchant.sandbox.url}/sandbox/storefront${query}`;

/** Reloads a storefront page until `ready` finds what publishing should have put there. */
async function reloadUntil(storefront: Page, url: string, ready: () => Promise<boolean>) {
  await expect
    .poll(
      async () => {
        await storefront.goto(url);
        return ready();
      },
      { timeout: 30_000, interval: 500, message: `${url} never showed it` },
    )
    .toBe(true);
}

/** The figure the home page's analytics shows under a metric's heading. */
const figure = (label: string) =>
  app().getByRole("heading", { name: label, exact: true }).locator("xpath=following-sibling::p[1]").textContent();

it(
  "a product tagged in the admin is sold from the storefront's lightbox, shown on its product page, and counted on the home page",
  { timeout: 150_000 },
  async () => {
    const { page, sandbox } = merchant;
    await merchant.connect(STUDIO);
    await page.goto(`${sandbox.url}/sandbox?path=${encodeURIComponent("/app/media")}`);
    await app()
      .getByRole("button", { name: `Sync now @${STUDIO}` })
      .click();
    await merchant.synced(STUDIO).waitFor({ timeout: 30_000 });

    // Tag products on the newest post: the app explains, Shopify asks for access, then its picker opens.
    await app()
      .getByRole("button", { name: /^Tag products on / })
      .first()
      .click();
    await app()
      .getByRole("dialog", { name: "Allow Social Feed to see your products" })
      .getByRole("button", { name: "Continue" })
      .click();
    await app()
      .getByRole("dialog", { name: "Grant Social Feed access to more data?" })
      .getByRole("button", { name: "Grant access" })
      .click();
    const picker = app().getByRole("dialog", { name: "Select products" });
    await picker.getByRole("checkbox", { name: new RegExp(`^${PRODUCT} —`) }).check();
    await picker.getByRole("button", { name: "Select", exact: true }).click();
    await app().getByText(PRODUCT, { exact: true }).first().waitFor();
    const tag = await sandbox.db.productTag.findFirstOrThrow({ include: { item: true } });
    expect(tag.title).toBe(PRODUCT);
    expect(await sandbox.db.session.count({ where: { scope: { contains: "read_products" } } })).toBe(1);

    // Analytics on: the optional scopes (Shopify's consent), then the app connects its web pixel.
    await page.goto(`${sandbox.url}/sandbox?path=${encodeURIComponent("/app")}`);
    await app().getByRole("button", { name: "Turn on analytics" }).click();
    await app()
      .getByRole("dialog", { name: "Grant Social Feed access to more data?" })
      .getByRole("button", { name: "Grant access" })
      .click();
    await expect
      .poll(() => sandbox.db.analyticsPixel.count({ where: { webPixelId: { not: null } } }), { timeout: 15_000 })
      .toBe(1);

    // The Main feed on the home page: the tagged post's tile carries the bag once publishing has run.
    const main = await sandbox.db.feed.findFirstOrThrow({ where: { name: "Main", deletedAt: null } });
    await placeFeedBlocks(page.context(), sandbox.url, [{ template: "index", feedId: main.id }]);
    const storefront = await page.context().newPage();
    const tile = storefront.locator(`a.sf-tile[href="${tag.item.permalink}"]`);
    await reloadUntil(storefront, storefrontUrl(), () => tile.locator(".sf-badge--shop").isVisible());
    expect(await storefront.locator(".sf-badge--shop").count()).toBe(1);

    // Its lightbox lists the product with its price; Add to cart fills the cart: the header says 1.
    await tile.click();
    const card = storefront.locator("dialog .sf-prod:not([hidden])");
    await card.first().waitFor();
    expect(await card.locator(".sf-prod__title").allTextContents()).toEqual([PRODUCT]);
    expect(await card.locator(".sf-prod__price").textContent()).toContain("$39.00");
    await card.getByRole("button", { name: /Add to cart/ }).click();
    await expect.poll(() => storefront.locator("dialog [data-sf-cart]").textContent()).toContain("Added to cart");
    expect(await storefront.locator("dialog [data-sf-cart] a").getAttribute("href")).toBe("/sandbox/storefront/cart");
    await expect.poll(() => storefront.locator("[data-cart-count]").textContent()).toBe("1");

    // The product's page shows that post; another product's page shows no Instagram posts at all.
    const productPosts = storefront.locator(".sf--product a.sf-tile");
    await reloadUntil(storefront, storefrontUrl("/products/linen-tote"), async () => (await productPosts.count()) > 0);
    expect(await productPosts.evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toEqual([
      tag.item.permalink,
    ]);
    await storefront.goto(storefrontUrl("/products/cafe-au-lait-mug"));
    expect(await storefront.locator(".sf--product").count()).toBe(0);
    expect(await storefront.getByRole("heading", { name: "Café au Lait Mug" }).count()).toBeGreaterThan(0);

    // On to the cart (the View cart link the lightbox announced) and through the stand-in checkout. The
    // shopper stays on the thank-you page, whose pixel reports the order (a pixel ends with its page).
    await storefront.goto(storefrontUrl("/cart"));
    await storefront.getByRole("button", { name: "Complete order" }).click();
    await storefront.waitForURL(/\/thank-you$/);

    // The home page counts what the shopper did: one post opened, one add-to-cart, one assisted order.
    await expect
      .poll(
        async () => {
          await page.goto(`${sandbox.url}/sandbox?path=${encodeURIComponent("/app")}`);
          return [await figure("Post opens"), await figure("Add-to-carts"), await figure("Assisted orders")];
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toEqual(["1", "1", "1"]);
    expect(await figure("Revenue from assisted orders")).toContain("39.00");
    expect(Number(await figure("Feed views"))).toBeGreaterThanOrEqual(1);
  },
);
