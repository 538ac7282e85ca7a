// An HTTP fake of the parts of Shopify's Admin GraphQL API the app uses. Every request is executed with
// graphql-js against Shopify's published schema (schema.ts), so a document Shopify would refuse is
// refused here too, in Shopify's words, and changes nothing. What it serves: shop, currentAppInstallation,
// app-data metafields (metafieldsSet with the 128 KB JSON limit, metafieldsDelete), app-owned metaobjects,
// Files (fileCreate: Shopify fetches the originalSource itself, then the file turns READY or FAILED;
// fileDelete), products (product, products with search, productsCount), nodes for both, and the app's web
// pixel (webPixelCreate, webPixelUpdate, webPixel: settings checked against the extension's). Product
// fields need read_products and the web pixel write_pixels and read_customer_events, which the app must be
// granted (the access scopes are kept per shop, and a change is sent to the app as the app/scopes_update
// webhook). It checks the access token, and inputs with userErrors, as Shopify does.
// The app reaches it through SHOPIFY_ADMIN_API_ORIGIN: POST /shops/<shop>/admin/api/<version>/graphql.json
import type { AddressInfo } from "node:net";
import type { RequestLog } from "./execute";
import type { ShopifyError } from "./errors";
import { readMetafield } from "./metafields";
import {
  addProduct,
  deleteProduct,
  shopProducts,
  updateProduct,
  type FakeProduct,
  type FakeProductInput,
} from "./products";
import { rootResolvers } from "./root";
import { adminSchema } from "./schema";
import { changeScopes, grantedScopes, type FakeAppTarget, type WebhookDelivery } from "./scopes";
import { listen } from "./server";
import { createState, type FakeFile, type FakeMetaobject, type FakeShopDetails } from "./state";

export { DEFAULT_SHOP_DETAILS } from "./state";
export type { FakeFile, FakeMetaobject, FakeShopDetails } from "./state";
export type { FakeProduct, FakeProductInput, FakeVariant, ProductStatus, FakeVariantInput } from "./products";
export type { FakeAppTarget, WebhookDelivery } from "./scopes";

export interface FakeShopifyAdmin {
  origin: string;
  /** Changes what later `shop` queries answer. */
  setShop(details: Partial<FakeShopDetails>): void;
  /** The value last set for an app-data metafield, parsed from JSON (undefined if never set). */
  metafield(shop: string, namespace: string, key: string): unknown;
  files(shop: string): FakeFile[];
  /** The shop's metaobject entries of a type, in creation order. */
  metaobjects(shop: string, type: string): FakeMetaobject[];
  /** Whether the shop has the metaobject definition, and how the storefront may read it. */
  definition(shop: string, type: string): { storefront: string } | undefined;
  /** Root fields of every accepted request ("metafieldsSet", "nodes", "products"…), in order. */
  calls: Array<{ shop: string; operation: string }>;
  /** Every distinct GraphQL document the app sent (accepted or not). */
  documents: Set<string>;
  /** Requests refused for not matching Shopify's schema (unknown field, wrong argument or variable type). */
  refused: Array<{ shop: string; document: string; errors: ShopifyError[] }>;
  /** Polls of a new file before it is READY (Shopify processes files asynchronously). */
  set(options: { pollsUntilReady?: number }): void;
  /** The next request calling this root field gets this reply instead (after the schema check). */
  failNext(operation: string, reply: { status: number; body: unknown }): void;

  /**
   * Adds a product to the shop; returns it with its GID ("gid://shopify/Product/<digits>") and its
   * variants' GIDs. Defaults: ACTIVE, on the Online Store, one "Default Title" variant at 25.00 with 10
   * in stock, no image (`image: {}` draws one on the fake's CDN).
   */
  addProduct(shop: string, product: FakeProductInput): FakeProduct;
  /** Changes a product (status, publication, tags, a variant's stock by variant id…); undefined if unknown. */
  updateProduct(shop: string, id: string, changes: Parameters<typeof updateProduct>[3]): FakeProduct | undefined;
  /** Deletes a product, as the merchant would in the admin; false if the shop had no such product. */
  deleteProduct(shop: string, id: string): boolean;
  /** The shop's products, in creation order (copies: change them with updateProduct). */
  products(shop: string): FakeProduct[];
  /** The access scopes the app has in the shop (by default its required SCOPES, without read_products). */
  scopes(shop: string): string[];
  /**
   * Grants scopes to the app in the shop, as the merchant's consent does; when the fake was started with
   * `app`, the app/scopes_update webhook is delivered (and answered) before the promise resolves. The
   * grant itself takes effect at once, so tests without a webhook target need not await it.
   */
  grantScopes(shop: string, scopes: string[]): Promise<void>;
  /** Revokes scopes (webhook as for grantScopes). */
  revokeScopes(shop: string, scopes: string[]): Promise<void>;
  /** The app's web pixel in the shop (webPixelCreate), its settings parsed; undefined if none. */
  webPixel(shop: string): { id: string; settings: Record<string, unknown> } | undefined;
  /** Webhooks the fake delivered to the app, with the app's answer. */
  webhooks: WebhookDelivery[];
  close(): Promise<void>;
}

export interface FakeShopifyAdminOptions {
  port?: number;
  shop?: Partial<FakeShopDetails>;
  /** Where the app is, to deliver webhooks to it (the sandbox, and tests of webhooks). */
  app?: FakeAppTarget;
  /** Serve /__sandbox/… for the sandbox's App Bridge stand-in (sandbox-controls.ts). Default false. */
  sandboxControls?: boolean;
}

export async function startFakeShopifyAdmin(options: FakeShopifyAdminOptions = {}): Promise<FakeShopifyAdmin> {
  adminSchema(); // built now, so the first request is not the one that waits half a second
  const state = createState(options.shop);
  const log: RequestLog = { calls: [], documents: new Set(), refused: [], faults: new Map() };
  const webhooks: WebhookDelivery[] = [];
  const server = await listen(
    {
      state,
      root: rootResolvers(state),
      log,
      app: options.app,
      deliveries: webhooks,
      sandboxControls: options.sandboxControls ?? false,
    },
    options.port ?? 0,
  );
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const change = async (shop: string, scopes: { grant?: string[]; revoke?: string[] }) => {
    await changeScopes(state, shop, scopes, options.app, webhooks);
  };

  return {
    origin: state.origin,
    metafield: (shop, namespace, key) => readMetafield(state, shop, namespace, key),
    setShop(details) {
      Object.assign(state.shopDetails, details);
    },
    documents: log.documents,
    calls: log.calls,
    refused: log.refused,
    files: (shop) => [...state.files.values()].filter((file) => file.shop === shop),
    metaobjects: (shop, type) =>
      [...state.metaobjects.values()].filter((entry) => entry.shop === shop && entry.type === type),
    definition(shop, type) {
      const found = state.definitions.get(`${shop}|${type}`);
      return found && { storefront: found.storefront };
    },
    set(next) {
      if (next.pollsUntilReady !== undefined) state.pollsUntilReady = next.pollsUntilReady;
    },
    failNext(operation, reply) {
      log.faults.set(operation, reply);
    },
    addProduct: (shop, product) => addProduct(state, shop, product),
    updateProduct: (shop, id, changes) => updateProduct(state, shop, id, changes),
    deleteProduct: (shop, id) => deleteProduct(state, shop, id),
    products: (shop) => shopProducts(state, shop),
    scopes: (shop) => [...grantedScopes(state, shop)],
    grantScopes: (shop, scopes) => change(shop, { grant: scopes }),
    revokeScopes: (shop, scopes) => change(shop, { revoke: scopes }),
    webPixel(shop) {
      const pixel = state.webPixels.get(shop);
      return pixel && { id: pixel.id, settings: { ...pixel.settings } };
    },
    webhooks,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
