// A stand-in for Shopify's customer-events pipeline on a storefront page, so the sandbox's Storefront
// preview and the extension's browser tests run the app's real web pixel (extensions/social-feed-pixel)
// offline. Like Shopify's strict sandbox, the pixel runs in a Web Worker: it gets its settings, Shopify's
// `analytics.subscribe` and a `browser` whose calls (localStorage, sessionStorage, cookie, sendBeacon) run
// asynchronously in the top frame. The page side (pixelHead) is the bus: `window.Shopify.analytics.publish`
// delivers custom events to the pixel, and it publishes Shopify's standard events: page_viewed on every
// page, product_added_to_cart for each successful Ajax Cart API add (as Shopify does), and the events a
// page names (checkout_completed on the stand-in thank-you page). The worker starts after the page's load
// event; events published before are delivered then, in order.
// Development only: esbuild (a dependency of vite, already installed) bundles the pixel, as Shopify CLI does.
import path from "node:path";
import { build } from "esbuild";

export const PIXEL_DIR = path.resolve(import.meta.dirname, "../../extensions/social-feed-pixel");

/** The pixel's settings, as the app sets them with webPixelCreate. */
export interface PixelSettings {
  ingestUrl: string;
  shop: string;
  key: string;
}

/** A standard event Shopify publishes on the page: its name and its `data`. */
export type StandardEvent = [name: string, data: Record<string, unknown>];

export interface PixelPage {
  /** Where the worker's script (pixelWorkerScript) is served. */
  workerUrl: string;
  settings: PixelSettings;
  /** ISO 4217: the shop's currency (cart adds' line cost). */
  currency: string;
  /** Standard events of this page, published after page_viewed. */
  events?: StandardEvent[];
}

/** Shopify's side inside the worker: `shopify.extend` (what `register` calls) and the API it hands over. */
const WORKER_PRELUDE = `(() => {
  let nextCall = 0;
  let extension;
  const calls = new Map();
  const subscribers = new Map();
  const call = (method, args) =>
    new Promise((resolve, reject) => {
      calls.set(++nextCall, { resolve, reject });
      postMessage({ type: "call", id: nextCall, method, args });
    });
  const storage = (area) => ({
    getItem: (key) => call(area + ".getItem", [key]),
    setItem: (key, value) => call(area + ".setItem", [key, String(value)]),
    removeItem: (key) => call(area + ".removeItem", [key]),
    clear: () => call(area + ".clear", []),
    key: (index) => call(area + ".key", [index]),
    length: () => call(area + ".length", []),
  });
  const browser = {
    cookie: { get: (name) => call("cookie.get", [name]), set: (cookie, value) => call("cookie.set", [cookie, value]) },
    localStorage: storage("localStorage"),
    sessionStorage: storage("sessionStorage"),
    sendBeacon: (url, body) => call("sendBeacon", [url, body]),
  };
  const analytics = {
    subscribe(name, callback) {
      if (!subscribers.has(name)) subscribers.set(name, []);
      subscribers.get(name).push(callback);
      return () => true;
    },
  };
  self.shopify = { extend: (_point, extend) => (extension = extend) };
  self.onmessage = ({ data }) => {
    if (data.type === "reply") {
      const pending = calls.get(data.id);
      calls.delete(data.id);
      if (data.error) pending.reject(new Error(data.error));
      else pending.resolve(data.value);
    } else if (data.type === "init") {
      extension({ settings: data.settings, analytics, browser, init: data.init, customerPrivacy: { subscribe: () => () => true }, _pixelInfo: {} });
    } else if (data.type === "event") {
      const kind = data.event.type === "custom" ? "all_custom_events" : "all_standard_events";
      for (const name of [data.event.name, kind, "all_events"])
        for (const callback of subscribers.get(name) || []) callback(data.event);
    }
  };
})();
`;

/** The page's side: the bus, the worker's host, and Shopify's standard events. Reads its JSON config. */
const BUS_SCRIPT = `(() => {
  const config = JSON.parse(document.getElementById("shopify-pixel-stand-in").textContent);
  const queued = [];
  let worker;
  let seq = 0;
  const deliver = (event) => (worker ? worker.postMessage({ type: "event", event }) : queued.push(event));
  const event = (name, type, fields) => ({
    id: "stand-in-" + seq, clientId: "stand-in", name, type, seq: seq++, timestamp: new Date().toISOString(),
    context: { document: { location: { pathname: location.pathname } } }, ...fields,
  });
  const standard = (name, data) => deliver(event(name, "standard", { data }));
  window.Shopify = window.Shopify || {};
  Shopify.analytics = { publish: (name, customData) => (deliver(event(name, "custom", { customData: customData ?? null })), true) };
  standard("page_viewed", {});
  for (const [name, data] of config.events) standard(name, data);
  // Shopify reports every Ajax Cart API add as product_added_to_cart.
  const pageFetch = window.fetch;
  window.fetch = async (input, init) => {
    const response = await pageFetch(input, init);
    const url = new URL(typeof input === "string" ? input : input.url, location.href);
    if (response.ok && url.pathname.endsWith("/cart/add.js")) {
      const line = await response.clone().json().catch(() => null);
      if (line && line.variant_id)
        standard("product_added_to_cart", { cartLine: { quantity: line.quantity,
          cost: { totalAmount: { amount: line.line_price / 100, currencyCode: config.currency } },
          merchandise: { id: String(line.variant_id), product: { id: String(line.product_id), title: line.product_title } } } });
    }
    return response;
  };
  const run = {
    "cookie.get": (name) => (document.cookie.split("; ").find((c) => c.startsWith(name + "=")) || "").slice(name.length + 1),
    "cookie.set": (cookie, value) => (document.cookie = value === undefined ? cookie : cookie + "=" + value),
    sendBeacon: (url, body) => navigator.sendBeacon(url, body),
  };
  for (const area of ["localStorage", "sessionStorage"])
    for (const op of ["getItem", "setItem", "removeItem", "clear", "key"]) run[area + "." + op] = (...args) => window[area][op](...args);
  run["localStorage.length"] = () => localStorage.length;
  run["sessionStorage.length"] = () => sessionStorage.length;
  addEventListener("load", () => {
    worker = new Worker(config.workerUrl);
    worker.onmessage = ({ data }) => {
      if (data.type !== "call") return;
      try {
        worker.postMessage({ type: "reply", id: data.id, value: run[data.method](...data.args) });
      } catch (error) {
        worker.postMessage({ type: "reply", id: data.id, error: String(error) });
      }
    };
    worker.postMessage({ type: "init", settings: config.settings, init: { context: {}, data: {} } });
    queued.splice(0).forEach(deliver);
  });
})();`;

/** HTML for a storefront page's <head>: the analytics bus with the pixel, before any theme or app script. */
export function pixelHead(page: PixelPage): string {
  const config = JSON.stringify({ ...page, events: page.events ?? [] }).replace(/</g, "\\u003c");
  return `<script type="application/json" id="shopify-pixel-stand-in">${config}</script>\n<script>${BUS_SCRIPT}</script>`;
}

let bundled: Promise<string> | undefined;

/** The worker's script: Shopify's side (WORKER_PRELUDE) and the pixel, bundled once from its source. */
export function pixelWorkerScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [path.join(PIXEL_DIR, "src/index.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
  }).then((result) => WORKER_PRELUDE + result.outputFiles[0]!.text);
  return bundled;
}
