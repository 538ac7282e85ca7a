// What the fake Admin API holds, per shop: shared by the modules that answer each part of the API.
import type { FakeProduct } from "./products";
import type { FakeWebPixel } from "./web-pixels";

export interface FakeFile {
  id: string;
  shop: string;
  alt: string;
  originalSource: string;
  status: "UPLOADED" | "PROCESSING" | "READY" | "FAILED";
  image?: { url: string; width: number; height: number };
  bytes?: Buffer;
  errors: Array<{ code: string; message: string }>;
  polls: number;
}

/** A metaobject entry as the fake holds it: its fields by key. */
export interface FakeMetaobject {
  id: string;
  shop: string;
  type: string;
  handle: string;
  fields: Record<string, string>;
}

export interface FakeDefinition {
  id: string;
  type: string;
  fields: Array<{ key: string; required: boolean }>;
  storefront: string;
}

/** What the Shop object answers (every shop the fake serves is alike, apart from its domain). */
export interface FakeShopDetails {
  name: string;
  contactEmail: string;
  ianaTimezone: string;
  currencyCode: string;
}

export const DEFAULT_SHOP_DETAILS: FakeShopDetails = {
  name: "Sandbox Shop",
  contactEmail: "owner@sandbox-shop.example",
  // Far from UTC, so that a time shown in UTC by mistake is visibly wrong.
  ianaTimezone: "Pacific/Auckland",
  currencyCode: "NZD",
};

export interface FakeAdminState {
  /** The fake's own address (its CDN serves the files it hosts). */
  origin: string;
  shopDetails: FakeShopDetails;
  metafields: Map<string, string>;
  files: Map<string, FakeFile>;
  definitions: Map<string, FakeDefinition>;
  metaobjects: Map<string, FakeMetaobject>;
  products: Map<string, FakeProduct>;
  /** Access scopes granted to the app, per shop (a shop not yet seen has the app's required scopes). */
  scopes: Map<string, Set<string>>;
  /** The app's web pixel per shop (Shopify allows one per app and shop). */
  webPixels: Map<string, FakeWebPixel>;
  pollsUntilReady: number;
  nextId(): number;
}

export function createState(shop: Partial<FakeShopDetails> = {}): FakeAdminState {
  let next = 30_000_000_000;
  return {
    origin: "",
    shopDetails: { ...DEFAULT_SHOP_DETAILS, ...shop },
    metafields: new Map(),
    files: new Map(),
    definitions: new Map(),
    metaobjects: new Map(),
    products: new Map(),
    scopes: new Map(),
    webPixels: new Map(),
    pollsUntilReady: 1,
    nextId: () => next++,
  };
}

/** Shopify's AppInstallation id for the app in a shop: stable, and different per shop. */
export const installationId = (shop: string) =>
  `gid://shopify/AppInstallation/${[...shop].reduce((sum, c) => sum + c.charCodeAt(0), 1000)}`;

/** The numeric part of a GID, "gid://shopify/Product/8123" → "8123". */
export const legacyId = (gid: string) => gid.split("/").at(-1) ?? "";

/** The fields every root resolver receives: the shop the request is for. */
export interface RequestContext {
  shop: string;
}
