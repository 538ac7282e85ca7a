// The Admin API calls for products, with the shop's offline session. A shop that hasn't granted
// read_products gets Shopify's ACCESS_DENIED error; that (and any other failure) becomes a typed
// ProductsApiError, so a route can answer the merchant in plain words.
import { z } from "zod";
import { AccessDeniedError, adminGraphqlFor } from "../feed/admin-api.server";

export class ProductsApiError extends Error {
  override name = "ProductsApiError";
  constructor(readonly problem: "no_access" | "admin_unavailable") {
    super(problem === "no_access" ? "The shop has not granted read_products." : "The Admin API failed.");
  }
}

async function productsGraphql<T extends z.ZodType>(
  shop: string,
  query: string,
  variables: Record<string, unknown>,
  reply: T,
): Promise<z.output<T>> {
  let data: unknown;
  try {
    data = await (await adminGraphqlFor(shop))(query, variables);
  } catch (error) {
    // An ungranted scope is the merchant's to grant; anything else (not installed, Shopify down) is not.
    throw new ProductsApiError(error instanceof AccessDeniedError ? "no_access" : "admin_unavailable");
  }
  const parsed = reply.safeParse(data);
  if (!parsed.success) throw new ProductsApiError("admin_unavailable");
  return parsed.data;
}

const ProductStatus = z.enum(["ACTIVE", "ARCHIVED", "DRAFT", "UNLISTED"]).or(z.string());

const TaggableProduct = z.object({
  id: z.string(),
  title: z.string(),
  status: ProductStatus,
  onlineStoreUrl: z.string().nullable(),
});
export type TaggableProduct = z.infer<typeof TaggableProduct>;

/**
 * The shop's products by GID, in the order asked. Shopify answers null for an id that is not a product of
 * this shop (made up, deleted, or another shop's): those are null here too. An empty object is a node of
 * another type (`... on Product` selects nothing from it).
 */
export async function productsByIds(shop: string, ids: string[]): Promise<Array<TaggableProduct | null>> {
  const data = await productsGraphql(
    shop,
    `
      query TaggableProducts($ids: [ID!]!) {
        nodes(ids: $ids) {
          ... on Product {
            id
            title
            status
            onlineStoreUrl
          }
        }
      }
    `,
    { ids },
    z.object({ nodes: z.array(z.unknown()) }),
  );
  return ids.map((id, index) => {
    const node = TaggableProduct.safeParse(data.nodes[index]);
    return node.success && node.data.id === id ? node.data : null;
  });
}

const SearchedProduct = z.object({
  id: z.string(),
  title: z.string(),
  handle: z.string(),
  tags: z.array(z.string()),
  status: ProductStatus,
  variants: z.object({ nodes: z.array(z.object({ sku: z.string().nullable() })) }),
});
export type SearchedProduct = z.infer<typeof SearchedProduct>;

/** Up to `first` products matching a Shopify search query (`products(query:)` syntax). */
export async function searchProducts(shop: string, query: string, first: number): Promise<SearchedProduct[]> {
  const data = await productsGraphql(
    shop,
    `
      query ProductSuggestions($first: Int!, $query: String!) {
        products(first: $first, query: $query) {
          nodes {
            id
            title
            handle
            tags
            status
            variants(first: 10) {
              nodes {
                sku
              }
            }
          }
        }
      }
    `,
    { first, query },
    z.object({ products: z.object({ nodes: z.array(SearchedProduct) }) }),
  );
  return data.products.nodes;
}
