// A stand-in for a storefront's cart and Shopify's Ajax Cart API, for the sandbox's Storefront preview
// and the extension's browser tests: POST <root>cart/add.js (form fields or JSON: `id` and `quantity`, or
// `items`), GET <root>cart.js, POST <root>cart/add (a plain form post: back to the cart) and GET <root>cart
// (a bare cart page). Like Shopify it checks the variant against the shop's live products and answers
// what Shopify answers: the added line item, or an error in the Ajax API's shape,
// `{ status, message, description }` (404 for an unknown variant, 422 for a sold-out one). Each visitor's
// cart is found by its `cart` cookie, as on a storefront. Kept in memory: a stand-in, not a store.
// A stand-in checkout goes with it: the cart page's "Complete order" (POST <root>checkout) places the
// order at once (no address, no payment) and lands on its thank-you page
// (GET <root>checkouts/<order>/thank-you), where Shopify publishes the standard `checkout_completed`
// customer event with the order's total and currency: what a web pixel sees of an order.
// Framework-free (takes a parsed request, returns a response) so both the sandbox's express server and
// the tests' plain http server can serve it.
import { randomUUID } from "node:crypto";
import type { StandardEvent } from "./pixel-stand-in";
import type { LiquidProduct } from "./storefront-render";

export interface CartRequest {
  method: string;
  /** The path below the storefront's routes root, e.g. "cart/add.js". */
  path: string;
  /** The request's Cookie header. */
  cookie?: string;
  contentType?: string;
  body?: string;
  /** HTML for the <head> of the pages the cart serves, given the page's standard customer events (pixelHead). */
  pageHead?: (events: StandardEvent[]) => string;
}

export interface CartResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface CartLine {
  id: number;
  variant_id: number;
  product_id: number;
  key: string;
  quantity: number;
  title: string;
  product_title: string;
  variant_title: string | null;
  price: number;
  line_price: number;
  handle: string;
  url: string;
}

export interface StandInCart {
  /** The response for a cart request, or null when `request.path` is not one of the cart's. */
  handle(request: CartRequest): CartResponse | null;
  /** The number of items in the visitor's cart (for the header's count). */
  itemCount(cookie: string | undefined): number;
}

const CART_COOKIE = "cart";

const json = (status: number, body: unknown, headers: Record<string, string> = {}): CartResponse => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(body),
});

const cartError = (status: number, description: string) => json(status, { status, message: "Cart Error", description });

function tokenFrom(cookie: string | undefined): string | undefined {
  return (cookie ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${CART_COOKIE}=`))
    ?.slice(CART_COOKIE.length + 1);
}

/** The items a request adds: `id`/`quantity` fields, or `items: [{ id, quantity }]` (JSON or items[0][id]). */
function requestedItems(request: CartRequest): { id: number; quantity: number }[] {
  let fields: Record<string, unknown> = {};
  if ((request.contentType ?? "").includes("application/json")) {
    try {
      fields = JSON.parse(request.body || "{}") as Record<string, unknown>;
    } catch {
      return [];
    }
  } else {
    const params = new URLSearchParams(request.body ?? "");
    fields = Object.fromEntries(params);
    const items = [...params.keys()].flatMap((key) => {
      const match = /^items\[(\d+)\]\[id\]$/.exec(key);
      return match ? [{ id: params.get(key), quantity: params.get(`items[${match[1]}][quantity]`) ?? 1 }] : [];
    });
    if (items.length) fields.items = items;
  }
  const list = Array.isArray(fields.items) ? (fields.items as Record<string, unknown>[]) : [fields];
  return list.map((item) => ({ id: Number(item.id), quantity: item.quantity == null ? 1 : Number(item.quantity) }));
}

/** An order the stand-in checkout placed: enough for its thank-you page. */
interface StandInOrder {
  id: number;
  /** Cents. */
  total: number;
}

/**
 * A cart selling `products` (read at each request: live), its pages below the storefront's `root`, in the
 * shop's `currency` (ISO 4217).
 */
export function createStandInCart(products: () => LiquidProduct[], root = "/", currency = "USD"): StandInCart {
  const carts = new Map<string, CartLine[]>();
  const orders = new Map<number, StandInOrder>();
  const page = (request: CartRequest, title: string, body: string, events: StandardEvent[] = []) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${request.pageHead?.(events) ?? ""}</head><body>${body}</body></html>`;

  const cartJson = (token: string) => {
    const items = carts.get(token) ?? [];
    const total = items.reduce((sum, line) => sum + line.line_price, 0);
    return {
      token,
      note: null,
      attributes: {},
      item_count: items.reduce((sum, line) => sum + line.quantity, 0),
      items,
      total_price: total,
      items_subtotal_price: total,
      requires_shipping: items.length > 0,
    };
  };

  /** Adds the items to the cart, all or none; an error response when one can't be added. */
  const add = (token: string, wanted: { id: number; quantity: number }[]): CartLine[] | CartResponse => {
    if (!wanted.length || wanted.some((item) => !Number.isInteger(item.id) || !(item.quantity >= 1)))
      return json(400, {
        status: "bad_request",
        message: "Parameter Missing or Invalid",
        description: "Required parameter missing or invalid: items",
      });
    const live = products();
    const added: CartLine[] = [];
    for (const item of wanted) {
      const product = live.find((candidate) => candidate.variants.some((variant) => variant.id === item.id));
      const variant = product?.variants.find((candidate) => candidate.id === item.id);
      if (!product || !variant) return cartError(404, "Cannot find variant");
      if (!variant.available) return cartError(422, `The product '${product.title}' is already sold out.`);
      const variantTitle = product.has_only_default_variant ? null : variant.title;
      added.push({
        id: variant.id,
        variant_id: variant.id,
        product_id: product.id,
        key: `${variant.id}:${token.slice(0, 8)}`,
        quantity: item.quantity,
        title: variantTitle ? `${product.title} - ${variantTitle}` : product.title,
        product_title: product.title,
        variant_title: variantTitle,
        price: variant.price,
        line_price: variant.price * item.quantity,
        handle: product.handle,
        url: `${product.url}?variant=${variant.id}`,
      });
    }
    const lines = carts.get(token) ?? [];
    for (const line of added) {
      const existing = lines.find((candidate) => candidate.variant_id === line.variant_id);
      if (existing) {
        existing.quantity += line.quantity;
        existing.line_price = existing.price * existing.quantity;
      } else lines.push(line);
    }
    carts.set(token, lines);
    return added;
  };

  return {
    handle(request) {
      // A visitor's first cart request gives it a cart (the cookie); the cart is kept once something is added.
      const known = tokenFrom(request.cookie);
      const token = known ?? randomUUID().replaceAll("-", "");
      const cookie: Record<string, string> = known
        ? {}
        : { "set-cookie": `${CART_COOKIE}=${token}; Path=/; SameSite=Lax` };
      const route = `${request.method.toUpperCase()} ${request.path}`;
      if (route === "GET cart.js") return json(200, cartJson(token), cookie);
      if (route === "POST cart/add.js") {
        const wanted = requestedItems(request);
        const added = add(token, wanted);
        if (!Array.isArray(added)) return { ...added, headers: { ...added.headers, ...cookie } };
        const plural = wanted.length > 1 || (request.body ?? "").includes("items");
        return json(200, plural ? { items: added } : added[0], cookie);
      }
      if (route === "POST cart/add") {
        const added = add(token, requestedItems(request));
        if (!Array.isArray(added)) return { ...added, headers: { ...added.headers, ...cookie } };
        return { status: 302, headers: { location: `${root}cart`, ...cookie }, body: "" };
      }
      if (route === "GET cart") {
        const cart = cartJson(token);
        const lines = cart.items.map((line) => `<li>${line.quantity} × ${escapeHtml(line.title)}</li>`);
        const checkout = cart.items.length
          ? `<p>Total: ${(cart.total_price / 100).toFixed(2)} ${currency}</p><form method="post" action="${root}checkout"><button type="submit">Complete order</button></form>`
          : "<p>Your cart is empty.</p>";
        return html(page(request, "Your cart", `<h1>Your cart</h1><ul>${lines.join("")}</ul>${checkout}`), cookie);
      }
      if (route === "POST checkout") {
        const cart = cartJson(token);
        if (!cart.items.length) return { status: 303, headers: { location: `${root}cart`, ...cookie }, body: "" };
        const order = { id: 1001 + orders.size, total: cart.total_price };
        orders.set(order.id, order);
        carts.delete(token);
        return { status: 303, headers: { location: `${root}checkouts/${order.id}/thank-you`, ...cookie }, body: "" };
      }
      const thanks = /^GET checkouts\/(\d+)\/thank-you$/.exec(route);
      const order = thanks && orders.get(Number(thanks[1]));
      if (order) {
        const amount = order.total / 100;
        const completed: StandardEvent = [
          "checkout_completed",
          {
            checkout: {
              currencyCode: currency,
              totalPrice: { amount, currencyCode: currency },
              order: { id: String(order.id) },
            },
          },
        ];
        const body = `<h1>Thank you!</h1><p>Order #${order.id} is confirmed: ${amount.toFixed(2)} ${currency}.</p>`;
        return html(page(request, "Thank you", body, [completed]), cookie);
      }
      return null;
    },
    itemCount(cookie) {
      const token = tokenFrom(cookie);
      return token ? cartJson(token).item_count : 0;
    },
  };
}

const html = (body: string, headers: Record<string, string>): CartResponse => ({
  status: 200,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body,
});

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
