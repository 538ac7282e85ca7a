// The shop's products: what tests and the sandbox put in (addProduct), and what the Admin API answers for
// them: Product and ProductVariant nodes, `product(id:)`, `products(first:, query:)` with Shopify's search
// syntax for free words and a few fields, and `productsCount`. All of it needs read_products.
import { connection, type ConnectionArgs } from "./connection";
import { accessDenied } from "./errors";
import { hasProductAccess } from "./scopes";
import { legacyId, type FakeAdminState, type RequestContext } from "./state";

export type ProductStatus = "ACTIVE" | "DRAFT" | "ARCHIVED";

export interface FakeVariant {
  id: string;
  title: string;
  sku: string | null;
  /** A decimal string in the shop's currency, as Shopify's Money scalar: "24.00". */
  price: string;
  compareAtPrice: string | null;
  availableForSale: boolean;
  inventoryQuantity: number;
  selectedOptions: Array<{ name: string; value: string }>;
}

export interface FakeProductImage {
  url: string;
  altText: string | null;
  width: number;
  height: number;
}

export interface FakeProduct {
  /** "gid://shopify/Product/<digits>" */
  id: string;
  shop: string;
  title: string;
  handle: string;
  status: ProductStatus;
  tags: string[];
  vendor: string;
  productType: string;
  descriptionHtml: string;
  /** Published on the Online Store sales channel (its page exists only when also ACTIVE). */
  publishedOnOnlineStore: boolean;
  /** Derived: the product page's URL, null unless ACTIVE and published on the Online Store. */
  onlineStoreUrl: string | null;
  options: Array<{ name: string; values: string[] }>;
  variants: FakeVariant[];
  image: FakeProductImage | null;
  /** Derived: the variants' inventory, summed. */
  totalInventory: number;
  createdAt: string;
}

export interface FakeVariantInput extends Partial<Omit<FakeVariant, "id" | "price" | "compareAtPrice">> {
  price?: string | number;
  compareAtPrice?: string | number | null;
}

export interface FakeProductInput {
  title: string;
  handle?: string;
  status?: ProductStatus;
  tags?: string[];
  vendor?: string;
  productType?: string;
  descriptionHtml?: string;
  /** Default true. */
  publishedOnOnlineStore?: boolean;
  /** Derived from the variants' selectedOptions when not given. */
  options?: Array<{ name: string; values: string[] }>;
  /** Default: one "Default Title" variant. A variant's availableForSale defaults to inventoryQuantity > 0. */
  variants?: FakeVariantInput[];
  /** `{}` or a partial image: the fake's CDN draws one (a tile coloured after the handle). Default none. */
  image?: Partial<FakeProductImage> | null;
}

const GENERATED_IMAGE_SIZE = 600;
const money = (value: string | number) => Number(value).toFixed(2);
const slug = (title: string) =>
  title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "product";

function uniqueHandle(state: FakeAdminState, shop: string, wanted: string, except?: string) {
  const taken = new Set(
    [...state.products.values()].filter((p) => p.shop === shop && p.id !== except).map((p) => p.handle),
  );
  let handle = wanted;
  for (let n = 1; taken.has(handle); n += 1) handle = `${wanted}-${n}`;
  return handle;
}

/** Recomputes what Shopify derives from the product's state. */
function derive(product: FakeProduct): FakeProduct {
  product.onlineStoreUrl =
    product.status === "ACTIVE" && product.publishedOnOnlineStore
      ? `https://${product.shop}/products/${product.handle}`
      : null;
  product.totalInventory = product.variants.reduce((sum, variant) => sum + variant.inventoryQuantity, 0);
  return product;
}

function variantFrom(state: FakeAdminState, input: FakeVariantInput): FakeVariant {
  const selectedOptions = input.selectedOptions ?? [{ name: "Title", value: input.title ?? "Default Title" }];
  const inventoryQuantity = input.inventoryQuantity ?? 10;
  return {
    id: `gid://shopify/ProductVariant/${state.nextId()}`,
    title: input.title ?? selectedOptions.map((option) => option.value).join(" / "),
    sku: input.sku ?? null,
    price: money(input.price ?? 25),
    compareAtPrice: input.compareAtPrice == null ? null : money(input.compareAtPrice),
    availableForSale: input.availableForSale ?? inventoryQuantity > 0,
    inventoryQuantity,
    selectedOptions,
  };
}

function optionsOf(variants: FakeVariant[]) {
  const options = new Map<string, string[]>();
  for (const { name, value } of variants.flatMap((variant) => variant.selectedOptions)) {
    const values = options.get(name) ?? [];
    if (!values.includes(value)) values.push(value);
    options.set(name, values);
  }
  return [...options].map(([name, values]) => ({ name, values }));
}

export function addProduct(state: FakeAdminState, shop: string, input: FakeProductInput): FakeProduct {
  const id = `gid://shopify/Product/${state.nextId()}`;
  const handle = uniqueHandle(state, shop, input.handle ?? slug(input.title));
  const variants = (input.variants?.length ? input.variants : [{}]).map((variant) => variantFrom(state, variant));
  const image =
    input.image === undefined || input.image === null
      ? null
      : {
          url: input.image.url ?? `${state.origin}/cdn/shop/products/${encodeURIComponent(shop)}/${legacyId(id)}.png`,
          altText: input.image.altText ?? null,
          width: input.image.width ?? GENERATED_IMAGE_SIZE,
          height: input.image.height ?? GENERATED_IMAGE_SIZE,
        };
  const product = derive({
    id,
    shop,
    title: input.title,
    handle,
    status: input.status ?? "ACTIVE",
    tags: input.tags ?? [],
    vendor: input.vendor ?? state.shopDetails.name,
    productType: input.productType ?? "",
    descriptionHtml: input.descriptionHtml ?? "",
    publishedOnOnlineStore: input.publishedOnOnlineStore ?? true,
    onlineStoreUrl: null,
    options: input.options ?? optionsOf(variants),
    variants,
    image,
    totalInventory: 0,
    createdAt: new Date().toISOString(),
  });
  state.products.set(id, product);
  return structuredClone(product);
}

/** Changes a product (status, publication, title, a variant's stock…); undefined when the shop has no such product. */
export function updateProduct(
  state: FakeAdminState,
  shop: string,
  id: string,
  changes: Partial<Omit<FakeProductInput, "variants" | "image">> & {
    variants?: Array<Partial<FakeVariant> & { id: string }>;
  },
): FakeProduct | undefined {
  const product = state.products.get(id);
  if (product?.shop !== shop) return undefined;
  const { variants, handle, ...rest } = changes;
  Object.assign(product, rest);
  if (handle) product.handle = uniqueHandle(state, shop, handle, id);
  for (const change of variants ?? []) {
    const variant = product.variants.find((candidate) => candidate.id === change.id);
    if (variant) Object.assign(variant, change);
  }
  return structuredClone(derive(product));
}

export const deleteProduct = (state: FakeAdminState, shop: string, id: string): boolean =>
  state.products.get(id)?.shop === shop && state.products.delete(id);

export const shopProducts = (state: FakeAdminState, shop: string): FakeProduct[] =>
  [...state.products.values()].filter((product) => product.shop === shop).map((product) => structuredClone(product));

/** The product (or variant) a GID names, if it is this shop's. */
export function findProductNode(state: FakeAdminState, shop: string, id: string) {
  for (const product of state.products.values()) {
    if (product.shop !== shop) continue;
    if (product.id === id) return productNode(state, product);
    const variant = product.variants.find((candidate) => candidate.id === id);
    if (variant) return variantNode(state, product, variant);
  }
  return undefined;
}

export const isProductGid = (id: string) => /^gid:\/\/shopify\/(Product|ProductVariant)\//.test(id);

const moneyV2 = (state: FakeAdminState, amount: string) => ({ amount, currencyCode: state.shopDetails.currencyCode });

function imageNode(image: FakeProductImage, id: string) {
  return {
    __typename: "Image",
    id: `gid://shopify/ImageSource/${legacyId(id)}`,
    url: image.url,
    src: image.url,
    originalSrc: image.url,
    transformedSrc: image.url,
    altText: image.altText,
    width: image.width,
    height: image.height,
  };
}

function mediaImageNode(product: FakeProduct) {
  if (!product.image) return null;
  const id = `gid://shopify/MediaImage/${legacyId(product.id)}1`;
  const image = imageNode(product.image, id);
  return {
    __typename: "MediaImage",
    id,
    alt: product.image.altText ?? "",
    mediaContentType: "IMAGE",
    status: "READY",
    fileStatus: "READY",
    image,
    preview: { status: "READY", image },
    mediaErrors: [],
    fileErrors: [],
  };
}

function variantNode(state: FakeAdminState, product: FakeProduct, variant: FakeVariant) {
  return {
    __typename: "ProductVariant",
    ...variant,
    legacyResourceId: legacyId(variant.id),
    displayName: `${product.title} - ${variant.title}`,
    price: variant.price,
    position: product.variants.indexOf(variant) + 1,
    sellableOnlineQuantity: variant.inventoryQuantity,
    inventoryPolicy: "DENY",
    taxable: true,
    barcode: null,
    image: null,
    inventoryItem: { id: `gid://shopify/InventoryItem/${legacyId(variant.id)}`, sku: variant.sku, tracked: true },
    createdAt: product.createdAt,
    updatedAt: product.createdAt,
    product: () => productNode(state, product),
  };
}

function productNode(state: FakeAdminState, product: FakeProduct) {
  const prices = product.variants.map((variant) => Number(variant.price));
  const media = mediaImageNode(product);
  return {
    __typename: "Product",
    ...product,
    legacyResourceId: legacyId(product.id),
    description: product.descriptionHtml.replace(/<[^>]*>/g, ""),
    onlineStorePreviewUrl: `https://${product.shop}/products/${product.handle}`,
    publishedAt: product.onlineStoreUrl ? product.createdAt : null,
    updatedAt: product.createdAt,
    tracksInventory: true,
    isGiftCard: false,
    requiresSellingPlan: false,
    templateSuffix: null,
    hasOnlyDefaultVariant: product.variants.length === 1 && product.variants[0]!.title === "Default Title",
    hasOutOfStockVariants: product.variants.some((variant) => variant.inventoryQuantity <= 0),
    totalVariants: product.variants.length,
    variantsCount: { count: product.variants.length, precision: "EXACT" },
    mediaCount: { count: media ? 1 : 0, precision: "EXACT" },
    options: ({ first }: { first?: number | null }) =>
      product.options.slice(0, first ?? undefined).map((option, index) => ({
        id: `gid://shopify/ProductOption/${legacyId(product.id)}${index + 1}`,
        name: option.name,
        position: index + 1,
        values: option.values,
        optionValues: option.values.map((name, valueIndex) => ({
          id: `gid://shopify/ProductOptionValue/${legacyId(product.id)}${index + 1}${valueIndex + 1}`,
          name,
          hasVariants: true,
        })),
      })),
    variants: (args: ConnectionArgs) =>
      connection(product.variants, args, (variant) => variantNode(state, product, variant)),
    featuredMedia: media,
    featuredImage: media?.image ?? null,
    media: (args: ConnectionArgs) => connection(media ? [media] : [], args, (node) => node),
    images: (args: ConnectionArgs) => connection(media ? [media.image] : [], args, (node) => node),
    priceRangeV2: {
      minVariantPrice: moneyV2(state, money(Math.min(...prices))),
      maxVariantPrice: moneyV2(state, money(Math.max(...prices))),
    },
  };
}

/** Shopify's search syntax, the parts the app uses: terms joined by OR; within a term, words must all match. */
function matches(product: FakeProduct, query: string): boolean {
  const words = query.match(/"[^"]*"|\S+/g) ?? [];
  const groups: string[][] = [[]];
  for (const word of words) {
    if (word === "OR") groups.push([]);
    else if (word !== "AND") groups.at(-1)!.push(word.replace(/^[("]+|[)"]+$/g, "").replace(/\*$/, ""));
  }
  const has = (values: Array<string | null>, word: string) =>
    values.some((value) => value?.toLowerCase().includes(word.toLowerCase()));
  const skus = product.variants.map((variant) => variant.sku);
  const fieldMatch = (field: string, value: string) => {
    if (field === "title") return has([product.title], value);
    if (field === "handle") return product.handle === value.toLowerCase();
    if (field === "tag") return product.tags.some((tag) => tag.toLowerCase() === value.toLowerCase());
    if (field === "sku") return has(skus, value);
    if (field === "status") return value.split(",").some((status) => status.toUpperCase() === product.status);
    if (field === "id") return legacyId(product.id) === value;
    return false;
  };
  return groups
    .filter((group) => group.length)
    .some((group) =>
      group.every((word) => {
        const field = /^(\w+):(.+)$/.exec(word);
        return field
          ? fieldMatch(field[1]!, field[2]!)
          : has([product.title, product.handle, ...product.tags, ...skus], word);
      }),
    );
}

function searched(state: FakeAdminState, shop: string, query: string | null | undefined, sortKey?: string | null) {
  const found = [...state.products.values()].filter(
    (product) => product.shop === shop && (!query?.trim() || matches(product, query)),
  );
  if (sortKey === "TITLE") found.sort((a, b) => a.title.localeCompare(b.title));
  return found;
}

export function productResolvers(state: FakeAdminState) {
  const requireAccess = (shop: string, field: string) => {
    if (!hasProductAccess(state, shop)) throw accessDenied(field);
  };
  return {
    product({ id }: { id: string }, { shop }: RequestContext) {
      requireAccess(shop, "product");
      const product = state.products.get(id);
      return product?.shop === shop ? productNode(state, product) : null;
    },

    products(args: ConnectionArgs & { query?: string | null; sortKey?: string | null }, { shop }: RequestContext) {
      requireAccess(shop, "products");
      return connection(searched(state, shop, args.query, args.sortKey), args, (product) =>
        productNode(state, product),
      );
    },

    productsCount({ query, limit }: { query?: string | null; limit?: number | null }, { shop }: RequestContext) {
      requireAccess(shop, "productsCount");
      const count = searched(state, shop, query).length;
      return limit != null && count > limit ? { count: limit, precision: "AT_LEAST" } : { count, precision: "EXACT" };
    },
  };
}
