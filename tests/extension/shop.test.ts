// Shoppable posts on the storefront: the stand-in cart answering Shopify's Ajax Cart API over HTTP, the
// Instagram feed block's bag marks and product cards rendered with Liquid (live prices in the shop's money
// format, sold out, variants), and in real Chromium the lightbox's products, variant choice and Add to cart
// against the stand-in cart, announced in a live region and heard by the theme's cart count, by mouse and
// by keyboard alone; social-feed-shop.js loaded only once a post with products is opened.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { launchBrowser } from "../e2e/support/browser";
import { ROOT } from "../setup/paths";
import { EXTENSION_DIR, formatMoney, renderFeedBlock, storefrontPage } from "../../app/sandbox/storefront-render";
import { CDN_HOST, routeShopifyCdn, startStorefront, type Storefront } from "./support/storefront";
import { live, makeShopProducts, numericId, taggedFeed } from "./support/products";

vi.setConfig({ testTimeout: 60_000 });

const SCREENSHOTS = path.join(ROOT, "tests/.artifacts/extension");

const { mug, shirt, vase, draft } = makeShopProducts();
const shopProducts = live(mug, shirt, vase);
/** Post 0: mug and shirt; post 1: none; post 2: the sold-out vase; post 3: the shirt; post 4: a draft only. */
const feed = taggedFeed(6, [[mug, shirt], [], [vase], [shirt], [draft]]);
const variantId = (product: typeof mug, index = 0) =>
  Number(numericId({ ...product, id: product.variants[index]!.id }));

let store: Storefront;
beforeAll(async () => {
  store = await startStorefront({ products: shopProducts });
});
afterAll(async () => {
  await store?.close();
});

describe("the stand-in cart", () => {
  const post = (path: string, body: string, cookie = "", type = "application/x-www-form-urlencoded") =>
    fetch(`${store.origin}${path}`, { method: "POST", body, headers: { "content-type": type, cookie } });

  it("adds an available variant and counts it in /cart.js, per visitor (the cart cookie)", async () => {
    const added = await post("/cart/add.js", `id=${variantId(shirt, 1)}&quantity=2`);
    expect(added.status).toBe(200);
    const cookie = added.headers.get("set-cookie")!.split(";")[0]!;
    expect(await added.json()).toMatchObject({
      variant_id: variantId(shirt, 1),
      product_id: Number(numericId(shirt)),
      quantity: 2,
      price: 8900,
      title: 'Linen shirt "Dune" <b> - M',
    });
    await post(
      "/cart/add.js",
      JSON.stringify({ items: [{ id: variantId(mug), quantity: 1 }] }),
      cookie,
      "application/json",
    );
    const cart = await (await fetch(`${store.origin}/cart.js`, { headers: { cookie } })).json();
    expect(cart).toMatchObject({ item_count: 3, total_price: 2 * 8900 + 2400 });
    // Another visitor's cart is empty.
    expect(await (await fetch(`${store.origin}/cart.js`)).json()).toMatchObject({ item_count: 0, items: [] });
  });

  it("refuses a sold-out variant (422) and an unknown one (404) in Shopify's words, adding nothing", async () => {
    const soldOut = await post("/cart/add.js", `id=${variantId(shirt, 0)}&quantity=1`);
    expect(soldOut.status).toBe(422);
    expect(await soldOut.json()).toEqual({
      status: 422,
      message: "Cart Error",
      description: `The product 'Linen shirt "Dune" <b>' is already sold out.`,
    });
    const cookie = soldOut.headers.get("set-cookie")!.split(";")[0]!;
    const unknown = await post("/cart/add.js", `id=${variantId(draft)}`, cookie);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ status: 404, message: "Cart Error", description: "Cannot find variant" });
    expect((await post("/cart/add.js", "quantity=1", cookie)).status).toBe(400);
    expect(await (await fetch(`${store.origin}/cart.js`, { headers: { cookie } })).json()).toMatchObject({
      item_count: 0,
    });
  });
});

describe("money", () => {
  it("formats cents in the shop's money format", () => {
    expect(formatMoney(2400, "${{amount}}")).toBe("$24.00");
    expect(formatMoney(123450, "{{amount_with_comma_separator}} €")).toBe("1.234,50 €");
    expect(formatMoney(123450, "£{{ amount_no_decimals }}")).toBe("£1,235");
    expect(formatMoney(123450, "{{amount_with_apostrophe_separator}} CHF")).toBe("1'234.50 CHF");
  });
});

describe("the feed block with products, rendered with Liquid", () => {
  const render = (options: Parameters<typeof renderFeedBlock>[0] = {}) =>
    renderFeedBlock({
      feed,
      products: shopProducts,
      assetBaseUrl: "https://cdn.shopify.com/extensions/x/",
      ...options,
    });
  const tileTags = (html: string) =>
    [...html.matchAll(/<a class="sf-tile"([^>]*)>([\s\S]*?)<\/a>/g)].map((m) => ({
      products: /data-sf-products="([^"]*)"/.exec(m[1]!)?.[1] ?? null,
      bag: m[2]!.includes("sf-badge--shop"),
    }));
  const cards = (html: string) =>
    [...html.matchAll(/<li class="sf-prod" data-sf-product="(\d+)" hidden>([\s\S]*?)<\/li>/g)].map((m) => ({
      id: m[1],
      html: m[2]!,
    }));

  it("marks the tiles of posts with live products with a labelled bag, naming those products in the post's order", async () => {
    const html = await render();
    expect(tileTags(html)).toEqual([
      { products: `${numericId(mug)} ${numericId(shirt)}`, bag: true },
      { products: null, bag: false },
      { products: numericId(vase), bag: true },
      { products: numericId(shirt), bag: true },
      // Tagged only with a product that is not on the Online Store: Liquid's list doesn't hold it.
      { products: null, bag: false },
      { products: null, bag: false },
    ]);
    expect(html).toContain('<span class="sf-vh">Shop the products in this post</span>');
    expect(html).toContain('data-sf-shop-js="https://cdn.shopify.com/extensions/x/social-feed-shop.js"');
  });

  it("lists each live product once, with its price in the shop's money format, its variants and whether it is sold out", async () => {
    const html = await render();
    const [mugCard, shirtCard, vaseCard, ...rest] = cards(html);
    expect(rest).toEqual([]);
    expect([mugCard!.id, shirtCard!.id, vaseCard!.id]).toEqual([mug, shirt, vase].map(numericId));
    expect(mugCard!.html).toContain('<p class="sf-prod__price">$24.00 <s>$30.00</s></p>');
    expect(mugCard!.html).toContain(`<input type="hidden" name="id" value="${variantId(mug)}">`);
    expect(mugCard!.html).toContain('<form class="sf-prod__form" action="/cart/add" method="post"');
    expect(mugCard!.html).toContain('href="/products/speckled-mug"');
    // Variants: only available ones can be chosen, the first available one is chosen; prices differ, so each says its own.
    expect(shirtCard!.html).toContain('aria-label="Options for Linen shirt &#34;Dune&#34; &lt;b&gt;"');
    expect([...shirtCard!.html.matchAll(/<option [^>]*>[^<]*<\/option>/g)].map((m) => m[0])).toEqual([
      `<option value="${variantId(shirt, 0)}" disabled>S – $89.00 (sold out)</option>`,
      `<option value="${variantId(shirt, 1)}" selected>M – $89.00</option>`,
      `<option value="${variantId(shirt, 2)}">L – $95.00</option>`,
    ]);
    expect(shirtCard!.html).not.toContain("<b>");
    expect(vaseCard!.html).toContain('<p class="sf-prod__price">$1,234.50</p>');
    expect(vaseCard!.html).toContain('<p class="sf-prod__sold">Sold out</p>');
    expect(vaseCard!.html).not.toContain("<form");
    const euro = await render({ shop: { moneyFormat: "{{amount_with_comma_separator}} €" } });
    expect(cards(euro)[0]!.html).toContain('<p class="sf-prod__price">24,00 € <s>30,00 €</s></p>');
  });

  it("has every word of the cards in the locale file: only product titles, variants and prices are the shop's", async () => {
    const html = await render();
    const list = html.slice(html.indexOf('<div class="sf-shop"'), html.indexOf("</ul>", html.indexOf("sf-shop__list")));
    const localized = new Set(
      Object.values(
        JSON.parse(readFileSync(path.join(EXTENSION_DIR, "locales/en.default.json"), "utf8")).instagram_feed
          .shop as Record<string, string>,
      ),
    );
    const texts = [...list.replace(/<svg[\s\S]*?<\/svg>/g, "").matchAll(/>([^<]+)</g)]
      .map((m) => m[1]!.replace(/&#34;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").trim())
      .filter(Boolean);
    const shops = new Set([
      ...[mug, shirt, vase].map((product) => product.title),
      ...[mug, shirt, vase].map((product) => `: ${product.title}`),
      "$24.00",
      "$30.00",
      "$89.00",
      "$1,234.50",
      "M – $89.00",
      "L – $95.00",
    ]);
    for (const text of texts)
      expect(localized.has(text) || shops.has(text) || text === "S – $89.00 (sold out)", `not localized: ${text}`).toBe(
        true,
      );
    expect(texts).toEqual(expect.arrayContaining(["Products in this post", "Add to cart", "View product", "Sold out"]));
  });

  it("shows no bag and no product list without the products metafield, or when posts open on Instagram", async () => {
    for (const html of [await render({ products: undefined }), await render({ products: [] })]) {
      expect(tileTags(html).every((tile) => !tile.bag && tile.products === null)).toBe(true);
      expect(html).not.toContain("data-sf-shop");
    }
    const direct = await render({ settings: { click_action: "instagram" } });
    expect(tileTags(direct).every((tile) => !tile.bag && tile.products === null)).toBe(true);
    expect(direct).not.toContain("sf-prod");
  });
});

describe("in Chromium", () => {
  let browser: Browser;
  let url = "";
  const offsite: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    url = store.page(
      "/shop",
      storefrontPage({
        blocks: await renderFeedBlock({ feed, products: shopProducts, assetBaseUrl: store.assetBaseUrl }),
        assetBaseUrl: store.assetBaseUrl,
      }),
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(): Promise<{ page: Page; context: BrowserContext; scripts: string[]; events: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route(/^https?:\/\//, (route) =>
      new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort(),
    );
    await routeShopifyCdn(context, [feed], 80, shopProducts);
    const scripts: string[] = [];
    context.on("request", (request) => {
      const address = new URL(request.url());
      if (request.resourceType() === "script") scripts.push(address.pathname.split("/").pop()!);
      if (address.origin !== store.origin && address.hostname !== CDN_HOST) offsite.push(request.url());
    });
    await context.addInitScript(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      for (const name of ["cart:update", "cart:refresh", "cart:updated"])
        document.addEventListener(name, (event) =>
          heard.push(`${name} ${(event as CustomEvent<{ cart: { item_count: number } }>).detail.cart.item_count}`),
        );
    });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    return { page, context, scripts, events: [] };
  }

  const visibleCards = (page: Page) =>
    page
      .locator("dialog .sf-prod:not([hidden]) .sf-prod__title")
      .evaluateAll((titles) => titles.map((t) => t.textContent));
  const cartCount = (page: Page) =>
    page.locator("[data-cart-count]").evaluate((el: HTMLElement) => (el.hidden ? "" : el.textContent));
  const announced = (page: Page) => page.locator("dialog [data-sf-cart]").textContent();

  it("loads the shop code only once a post with products opens, lists its products, and adds the chosen variant to the cart", async () => {
    const { page, context, scripts } = await open();
    await page.locator(".sf-tile").nth(1).click(); // no products
    await expect.poll(() => page.locator("dialog.sf-lb").evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(await page.locator("dialog [data-sf-shop]").isVisible()).toBe(false);
    await page.waitForTimeout(200);
    expect(scripts).toEqual(["social-feed.js"]);

    await page.keyboard.press("ArrowLeft"); // post 1: the mug and the shirt
    await expect.poll(() => visibleCards(page)).toEqual(["Speckled mug", 'Linen shirt "Dune" <b>']);
    expect(scripts).toEqual(["social-feed.js", "social-feed-shop.js"]);
    expect(await page.locator("dialog .sf-prod:not([hidden]) .sf-prod__price").allTextContents()).toEqual([
      "$24.00 $30.00",
      "$89.00",
    ]);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight"); // post 3: the sold-out vase
    await expect.poll(() => visibleCards(page)).toEqual(["Tall vase"]);
    expect(await page.locator("dialog .sf-prod:not([hidden])").getByText("Sold out").isVisible()).toBe(true);
    expect(await page.locator("dialog .sf-prod:not([hidden]) button").count()).toBe(0);
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight"); // its other slides, then post 4
    await expect.poll(() => visibleCards(page)).toEqual(['Linen shirt "Dune" <b>']);
    await page.keyboard.press("ArrowRight"); // post 5: a draft's only
    await expect.poll(() => page.locator("dialog [data-sf-shop]").isVisible()).toBe(false);

    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowLeft"); // back to post 1 (post 3 has 3 slides)
    await expect.poll(() => visibleCards(page)).toEqual(["Speckled mug", 'Linen shirt "Dune" <b>']);
    const shirtCard = page.locator(`dialog [data-sf-product="${numericId(shirt)}"]`);
    expect(await shirtCard.locator("option[disabled]").textContent()).toBe("S – $89.00 (sold out)");
    await shirtCard.locator("select").selectOption({ label: "L – $95.00" });
    await shirtCard.getByRole("button", { name: /Add to cart/ }).click();
    await expect.poll(() => announced(page)).toBe('Added to cart: Linen shirt "Dune" <b>. View cart');
    expect(await page.locator("dialog [data-sf-cart] a").getAttribute("href")).toBe("/cart");
    expect(await page.locator("dialog [data-sf-cart]").getAttribute("role")).toBe("status");
    await expect.poll(() => cartCount(page)).toBe("1");
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([
      "cart:update 1",
      "cart:refresh 1",
      "cart:updated 1",
    ]);
    const cart = await page.evaluate(() => fetch("/cart.js").then((response) => response.json()));
    expect(
      cart.items.map((line: { variant_id: number; quantity: number }) => [line.variant_id, line.quantity]),
    ).toEqual([[variantId(shirt, 2), 1]]);
    // The cards' images arrive only now that they are shown (lazy, in the closed dialog until then).
    await expect
      .poll(() =>
        page
          .locator("dialog .sf-prod:not([hidden]) img")
          .evaluateAll((images) => (images as HTMLImageElement[]).every((img) => img.complete && img.naturalWidth > 0)),
      )
      .toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, "lightbox-products.png") });
    await page.keyboard.press("Escape");
    await page.screenshot({ path: path.join(SCREENSHOTS, "grid-products.png") });
    await context.close();
  });

  it("works by keyboard alone: tile, lightbox, Add to cart, the announcement, and focus back on the tile", async () => {
    const { page, context } = await open();
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return `${el.tagName.toLowerCase()} ${(el.textContent || el.getAttribute("aria-label") || "").trim()}`;
      });
    for (let i = 0; i < 30 && !(await focused()).startsWith("a"); i++) await page.keyboard.press("Tab");
    for (let i = 0; i < 30; i++) {
      const onFirstTile = await page.evaluate(() => document.activeElement === document.querySelector(".sf-tile"));
      if (onFirstTile) break;
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    await expect.poll(() => visibleCards(page)).toEqual(["Speckled mug", 'Linen shirt "Dune" <b>']);
    // Focus order inside the lightbox: close, the products (mug: add, view; shirt: options, add, view), Instagram, previous, next.
    const order: string[] = [];
    for (let i = 0; i < 9; i++) {
      order.push(await focused());
      await page.keyboard.press("Tab");
    }
    expect(order).toEqual([
      "button Close",
      "button Add to cart: Speckled mug",
      "a View product: Speckled mug",
      `select ${await page.locator(`[data-sf-product="${numericId(shirt)}"] select`).textContent()}`,
      'button Add to cart: Linen shirt "Dune" <b>',
      'a View product: Linen shirt "Dune" <b>',
      "a View on Instagram",
      "button Previous",
      "button Next",
    ]);
    expect(await focused()).toBe("button Close"); // focus stays in the dialog
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // the mug's Add to cart
    await expect.poll(() => announced(page)).toBe("Added to cart: Speckled mug. View cart");
    await expect.poll(() => cartCount(page)).toBe("1");
    expect(await focused()).toBe("button Add to cart: Speckled mug");
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => document.activeElement === document.querySelector(".sf-tile"))).toBe(true);
    await context.close();
  });

  it("says so when the product sold out after the page was rendered (Shopify's 422), and the count stays", async () => {
    const { page, context } = await open();
    await page.locator(".sf-tile").first().click();
    await expect.poll(() => visibleCards(page)).toEqual(["Speckled mug", 'Linen shirt "Dune" <b>']);
    const mugVariant = shopProducts[0]!.variants[0]!;
    mugVariant.available = false;
    try {
      await page.locator(`dialog [data-sf-product="${numericId(mug)}"] button`).click();
      await expect.poll(() => announced(page)).toBe("The product 'Speckled mug' is already sold out.");
      expect(await cartCount(page)).toBe("");
      expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
    } finally {
      mugVariant.available = true;
    }
    await context.close();
  });

  it("never requests anything but the storefront and Shopify's CDN", () => {
    expect(offsite).toEqual([]);
  });
});
