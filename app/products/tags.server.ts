// The products tagged on the shop's posts: tag (several products on a post, or one product on several
// posts), untag, and the tags a page of posts shows. A tag is all-or-nothing: every post must be the
// shop's and every product must exist in the shop (asked of the Admin API), or nothing changes. Each
// change asks for a publish, like a hide or a pin, so the storefront follows.
import { now } from "../clock.server";
import { db } from "../db.server";
import { requestPublish } from "../feed/publish-request.server";
import { withProductAccess } from "./product-access.server";
import { productsByIds } from "./product-admin.server";
import { MAX_PRODUCTS_PER_POST, type TagProblem } from "./product-messages";
import type { PostTagView } from "./tag-input";

export type TagResult =
  { ok: true; added: number; posts: number; products: number; notShown: string[] } | { ok: false; problem: TagProblem };

const distinct = <T>(values: T[]) => [...new Set(values)];

/** The shop's posts among `itemIds`, each with the products already on it; null if any is not the shop's. */
async function shopPosts(shop: string, itemIds: string[]) {
  const items = await db().mediaItem.findMany({
    where: { id: { in: itemIds }, source: { shop } },
    select: { id: true, productTags: { select: { productId: true } } },
  });
  return items.length === itemIds.length ? items : null;
}

export async function tagProducts(
  shop: string,
  request: { itemIds: string[]; productIds: string[] },
): Promise<TagResult> {
  const itemIds = distinct(request.itemIds);
  const productIds = distinct(request.productIds);
  const items = await shopPosts(shop, itemIds);
  if (!items) return { ok: false, problem: "post_not_found" };
  const overFull = items.some(
    (item) => distinct([...item.productTags.map((tag) => tag.productId), ...productIds]).length > MAX_PRODUCTS_PER_POST,
  );
  if (overFull) return { ok: false, problem: "too_many" };

  const products = await withProductAccess(shop, () => productsByIds(shop, productIds));
  if (!products.ok) return products;
  const found = products.value.filter((product) => product !== null);
  if (found.length !== productIds.length) return { ok: false, problem: "product_not_found" };

  // Tagging order is the storefront's order: a millisecond apart, products picked together keep the
  // picker's order (a tie on createdAt would leave it to chance).
  const at = now().getTime();
  const { count } = await db().productTag.createMany({
    data: items.flatMap((item) =>
      found.map((product, index) => ({
        shop,
        itemId: item.id,
        productId: product.id,
        title: product.title,
        createdAt: new Date(at + index),
      })),
    ),
    skipDuplicates: true, // a product already on a post stays where it was
  });
  if (count > 0) await requestPublish(shop);
  return {
    ok: true,
    added: count,
    posts: items.length,
    products: found.length,
    // Tagging them is fine (they may be published later); the storefront leaves them out until then.
    notShown: found
      .filter((product) => product.status !== "ACTIVE" || product.onlineStoreUrl === null)
      .map((product) => product.title),
  };
}

/** Removes a product from one post; untagging needs no product access. null when the post isn't the shop's. */
export async function untagProduct(
  shop: string,
  itemId: string,
  productId: string,
): Promise<{ removed: boolean } | null> {
  if (!(await shopPosts(shop, [itemId]))) return null;
  const { count } = await db().productTag.deleteMany({ where: { shop, itemId, productId } });
  if (count > 0) await requestPublish(shop);
  return { removed: count > 0 };
}

/** A deleted product (products/delete) leaves every post of the shop; repeats find nothing to do. */
export async function forgetDeletedProduct(shop: string, productId: string): Promise<number> {
  const { count } = await db().productTag.deleteMany({ where: { shop, productId } });
  if (count > 0) await requestPublish(shop);
  return count;
}

/** The tags of these posts (a page of the grid), each post's in tagging order. */
export async function tagsOfPosts(shop: string, itemIds: string[]): Promise<Record<string, PostTagView[]>> {
  const tags = await db().productTag.findMany({
    where: { shop, itemId: { in: itemIds } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { itemId: true, productId: true, title: true },
  });
  const byPost: Record<string, PostTagView[]> = {};
  for (const { itemId, ...tag } of tags) (byPost[itemId] ??= []).push(tag);
  return byPost;
}
