// Not part of the Admin API: what the sandbox's stand-ins for the Shopify admin ask of "Shopify" over
// HTTP (App Bridge's Scopes API and resource picker, the seed's products). Served only when the fake is
// started with `sandboxControls`.
import type { ServerResponse } from "node:http";
import { z } from "zod";
import { addProduct, shopProducts, type FakeProduct, type FakeProductInput } from "./products";
import { changeScopes, hasProductAccess, scopesDetail, type FakeAppTarget, type WebhookDelivery } from "./scopes";
import { send } from "./http";
import type { FakeAdminState } from "./state";

export const SANDBOX_CONTROL_PREFIX = "/__sandbox/";

const ScopesRequest = z.object({ scopes: z.array(z.string().min(1)).min(1) });

/** A product as App Bridge's resource picker returns it (its Product resource). */
export function pickerProduct(product: FakeProduct) {
  return {
    id: product.id,
    title: product.title,
    handle: product.handle,
    status: product.status,
    tags: product.tags,
    vendor: product.vendor,
    productType: product.productType,
    descriptionHtml: product.descriptionHtml,
    totalInventory: product.totalInventory,
    totalVariants: product.variants.length,
    tracksInventory: true,
    hasOnlyDefaultVariant: product.variants.length === 1 && product.variants[0]!.title === "Default Title",
    templateSuffix: null,
    createdAt: product.createdAt,
    updatedAt: product.createdAt,
    publishedAt: product.onlineStoreUrl ? product.createdAt : null,
    options: product.options.map((option, index) => ({
      id: `gid://shopify/ProductOption/${product.id.split("/").at(-1)}${index + 1}`,
      name: option.name,
      position: index + 1,
      values: option.values,
    })),
    images: product.image
      ? [
          {
            id: `gid://shopify/ProductImage/${product.id.split("/").at(-1)}`,
            altText: product.image.altText,
            originalSrc: product.image.url,
          },
        ]
      : [],
    variants: product.variants.map((variant, index) => ({
      id: variant.id,
      title: variant.title,
      displayName: `${product.title} - ${variant.title}`,
      sku: variant.sku,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      availableForSale: variant.availableForSale,
      inventoryQuantity: variant.inventoryQuantity,
      inventoryPolicy: "DENY",
      selectedOptions: variant.selectedOptions,
      position: index + 1,
      taxable: true,
      barcode: null,
      image: null,
      createdAt: product.createdAt,
      updatedAt: product.createdAt,
    })),
  };
}

export async function handleSandboxControl(
  context: { state: FakeAdminState; app?: FakeAppTarget; deliveries: WebhookDelivery[] },
  method: string,
  url: URL,
  body: unknown,
  res: ServerResponse,
): Promise<void> {
  const { state } = context;
  const match = /^\/__sandbox\/shops\/([^/]+)\/(scopes|products)$/.exec(url.pathname);
  if (!match) return send(res, 404, { error: "unknown sandbox control" });
  const shop = decodeURIComponent(match[1]!);
  if (match[2] === "scopes" && method === "GET") return send(res, 200, scopesDetail(state, shop));
  if (match[2] === "scopes" && method === "POST") {
    const request = ScopesRequest.safeParse(body);
    if (!request.success) return send(res, 400, { error: "scopes must be a list of scope names" });
    const declared = new Set([...scopesDetail(state, shop).required, ...scopesDetail(state, shop).optional]);
    const undeclared = request.data.scopes.filter((scope) => !declared.has(scope));
    if (undeclared.length)
      return send(res, 422, { error: `Scopes not declared in the app's configuration: ${undeclared.join(", ")}` });
    const detail = await changeScopes(state, shop, { grant: request.data.scopes }, context.app, context.deliveries);
    return send(res, 200, { result: "granted-all", detail });
  }
  if (match[2] === "products" && method === "GET") {
    // The picker shows only what the app may read, as Shopify's does.
    if (!hasProductAccess(state, shop)) return send(res, 403, { error: "The app has no read_products access." });
    return send(res, 200, shopProducts(state, shop).map(pickerProduct));
  }
  if (match[2] === "products" && method === "POST")
    return send(res, 201, addProduct(state, shop, body as FakeProductInput));
  return send(res, 405, { error: "method not allowed" });
}
