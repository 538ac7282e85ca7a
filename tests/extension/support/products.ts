// Products and product-page galleries for the storefront tests: products as the Admin API describes them
// (what the sandbox's stand-in holds), turned into Liquid's live product objects as a storefront sees them.
import type { GalleryDocument } from "../../../app/feed/gallery-document";
import type { FeedDocument } from "../../../app/feed/feed-document";
import { liquidProduct, type AdminProduct, type LiquidProduct } from "../../../app/sandbox/storefront-render";
import { makeAccount, makeFeed } from "../../fixtures/make-feed";

const CDN = "https://cdn.shopify.com/s/files/1/0123/4567/8901/files";

let nextVariant = 44_000_000_000;

function adminProduct(
  id: number,
  title: string,
  variants: { title: string; price: string; compareAtPrice?: string | null; available: boolean }[],
  overrides: Partial<AdminProduct> = {},
): AdminProduct {
  const handle = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return {
    id: `gid://shopify/Product/${id}`,
    title,
    handle,
    status: "ACTIVE",
    onlineStoreUrl: `https://acme.myshopify.com/products/${handle}`,
    image: { url: `${CDN}/product-${handle}.jpg?v=1764000000`, width: 800, height: 800, altText: title },
    options: [{ name: variants.length > 1 ? "Size" : "Title" }],
    variants: variants.map((variant) => ({
      id: `gid://shopify/ProductVariant/${nextVariant++}`,
      title: variant.title,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice ?? null,
      availableForSale: variant.available,
    })),
    ...overrides,
  };
}

/** A mug (one variant, on sale), a linen shirt (sizes, S sold out, prices vary) and a sold-out vase. */
export function makeShopProducts() {
  const mug = adminProduct(8123456701, "Speckled mug", [
    { title: "Default Title", price: "24.00", compareAtPrice: "30.00", available: true },
  ]);
  const shirt = adminProduct(8123456702, 'Linen shirt "Dune" <b>', [
    { title: "S", price: "89.00", available: false },
    { title: "M", price: "89.00", available: true },
    { title: "L", price: "95.00", available: true },
  ]);
  const vase = adminProduct(8123456703, "Tall vase", [{ title: "Default Title", price: "1234.50", available: false }]);
  const draft = adminProduct(8123456704, "Draft bowl", [{ title: "Default Title", price: "10.00", available: true }], {
    status: "DRAFT",
    onlineStoreUrl: null,
  });
  return { mug, shirt, vase, draft, all: [mug, shirt, vase, draft] };
}

export const numericId = (product: AdminProduct) => product.id.slice(product.id.lastIndexOf("/") + 1);

/** Liquid's objects for the products, as a list.product_reference metafield resolves them. */
export const live = (...products: AdminProduct[]): LiquidProduct[] => products.map((product) => liquidProduct(product));

/** A feed of `count` posts where post i is tagged with `tags[i]` (none beyond). */
export function taggedFeed(count: number, tags: AdminProduct[][]): FeedDocument {
  const feed = makeFeed(count);
  feed.posts = feed.posts.map((post, i) => ({ ...post, products: (tags[i] ?? []).map(numericId) }));
  return feed;
}

/** A gallery where each product shows the feed's posts named by index. */
export function makeGallery(feed: FeedDocument, byProduct: [AdminProduct, number[]][]): GalleryDocument {
  const posts: GalleryDocument["posts"] = {};
  for (const post of feed.posts)
    posts[post.id] = {
      account: post.account,
      alt: post.alt,
      permalink: post.permalink,
      image: post.image,
      type: post.type,
      reel: post.reel,
    };
  return {
    version: 1,
    updatedAt: "2026-12-03T20:00:00.000Z",
    accounts: [makeAccount("acme.studio")],
    posts,
    products: Object.fromEntries(
      byProduct.map(([product, indexes]) => [numericId(product), indexes.map((i) => feed.posts[i]!.id)]),
    ),
  };
}
