// What the merchant reads about product tags, in one place: the server's replies and the page's toasts and
// banners use these same words (shared by the server and the browser, so nothing here imports a server module).

/** The most products one post lists in the storefront's lightbox: a short list a visitor can scan. */
export const MAX_PRODUCTS_PER_POST = 10;

/** Why a change to a post's products can't go ahead; each has its HTTP status. */
export type TagProblem =
  "not_understood" | "no_access" | "post_not_found" | "product_not_found" | "too_many" | "admin_unavailable";

export const TAG_PROBLEMS: Record<TagProblem, { status: number; message: string }> = {
  not_understood: { status: 400, message: "That request wasn't understood. Reload the page and try again." },
  no_access: {
    status: 403,
    message:
      "Social Feed can't see your products yet. Press Tag products and allow access to products when Shopify asks; your posts keep showing without products until then.",
  },
  post_not_found: {
    status: 404,
    message: "That post is no longer here: it may have been removed from Instagram. Reload the page.",
  },
  product_not_found: {
    status: 400,
    message:
      "A product you picked isn't in your store any more (it may have just been deleted), so nothing was tagged. Pick the products again.",
  },
  too_many: { status: 400, message: `A post can show at most ${MAX_PRODUCTS_PER_POST} products. Remove one first.` },
  admin_unavailable: {
    status: 503,
    message: "Shopify didn't answer just now, so nothing was tagged. Try again in a minute.",
  },
};

/** Why Tag products asks for product access: said before Shopify's own permission screen. */
export const SCOPE_EXPLANATION =
  "To tag products on your posts, Social Feed needs to read your products (titles, images, prices and stock). It never changes them. Without it, your feeds keep working without products.";

export const SCOPE_DECLINED =
  "Products can't be tagged without access to them. You can allow it any time by pressing Tag products again.";

/** The toast after tagging: how many products on how many posts. */
export function taggedMessage(products: number, posts: number): string {
  const what = products === 1 ? "Product" : `${products} products`;
  return posts === 1 ? `${what} tagged` : `${what} tagged on ${posts} posts`;
}

export const UNTAGGED_MESSAGE = "Product removed from the post";

/** Said after tagging products that exist but can't show on the storefront yet. */
export function notShownMessage(titles: string[]): string {
  const names = titles.map((title) => `“${title}”`).join(", ");
  return `${names} ${titles.length === 1 ? "isn't" : "aren't"} shown on your storefront until ${
    titles.length === 1 ? "it's" : "they're"
  } active and available on the Online Store.`;
}
