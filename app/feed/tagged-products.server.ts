// The products tagged on posts, as publishing sees them: which of them the storefront may show right now
// (the product exists, is ACTIVE and is on the Online Store), asked of Shopify once per publish pass.
// Without product access (read_products is an optional scope the merchant grants on first tagging) the
// answer is "none": posts publish without products and everything else carries on.
import { z } from "zod";
import { hasProductAccess } from "../products/product-access.server";
import { forgetDeletedProduct, tagsOfPosts } from "../products/tags.server";
import { AccessDeniedError, parseOrThrow, type AdminGraphql } from "./admin-api.server";
import { chunks } from "./rehost.server";

/** Shopify answers at most 250 ids per `nodes` query. */
const NODES_BATCH = 250;

/** "gid://shopify/Product/8123456789" → "8123456789", as Liquid's `product.id` prints it. */
export const numericProductId = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);
export const productGid = (numericId: string) => `gid://shopify/Product/${numericId}`;

const ProductNode = z.object({
  id: z.string(),
  status: z.string(),
  onlineStoreUrl: z.string().nullable(),
});

/** What one publish pass learned of the shop's products: each looked up once, whichever feed asks. */
export class LiveProducts {
  private readonly shown = new Map<string, boolean>();
  private access?: Promise<boolean>;

  constructor(
    readonly shop: string,
    private readonly graphql: AdminGraphql,
  ) {}

  /** Of these GIDs, those the storefront may show now; none without product access. */
  async shoppable(gids: string[]): Promise<Set<string>> {
    this.access ??= hasProductAccess(this.shop);
    if (!(await this.access)) return new Set();
    const unknown = [...new Set(gids)].filter((gid) => !this.shown.has(gid));
    try {
      for (const batch of chunks(unknown, NODES_BATCH)) await this.lookUp(batch);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      // The merchant took the scope back and Shopify's app/scopes_update has not reached us yet.
      this.access = Promise.resolve(false);
      return new Set();
    }
    return new Set(gids.filter((gid) => this.shown.get(gid)));
  }

  /** Each post's products the storefront may show, as numeric ids, in tagging order. */
  async onPosts(itemIds: string[]): Promise<Map<string, string[]>> {
    const tags = await tagsOfPosts(this.shop, itemIds);
    const gids = (itemId: string) => (tags[itemId] ?? []).map((tag) => tag.productId);
    const shoppable = await this.shoppable(itemIds.flatMap(gids));
    return new Map(
      itemIds.map((id) => [
        id,
        gids(id)
          .filter((gid) => shoppable.has(gid))
          .map(numericProductId),
      ]),
    );
  }

  private async lookUp(gids: string[]): Promise<void> {
    const reply = parseOrThrow(
      z.object({ nodes: z.array(z.unknown()) }),
      await this.graphql(
        `
          query TaggedProducts($ids: [ID!]!) {
            nodes(ids: $ids) {
              ... on Product {
                id
                status
                onlineStoreUrl
              }
            }
          }
        `,
        { ids: gids },
      ),
      "the tagged products query",
    );
    const gone: string[] = [];
    gids.forEach((gid, i) => {
      const node = reply.nodes[i];
      const product = ProductNode.safeParse(node);
      // A draft, an archived product or one not on the Online Store may come back: its tag stays.
      this.shown.set(gid, product.success && product.data.status === "ACTIVE" && product.data.onlineStoreUrl !== null);
      if (node === null) gone.push(gid);
    });
    // Shopify no longer knows it (deleted between tagging and publishing, its products/delete webhook
    // not arrived or lost): its tags go as the webhook's would, so the admin stops listing it on posts.
    // That asks for one more publish, which finds nothing changed.
    for (const gid of gone) await forgetDeletedProduct(this.shop, gid);
  }
}
