// The root fields the fake serves: the shop, the app's installation, nodes (files and products), and the
// fields of each part of the API (metafields, metaobjects, files, products, the web pixel).
import { accessDenied } from "./errors";
import type { RootResolvers } from "./execute";
import { fileResolvers, polledFile } from "./files";
import { metafieldResolvers } from "./metafields";
import { metaobjectResolvers } from "./metaobjects";
import { findProductNode, isProductGid, productResolvers } from "./products";
import { grantedScopes, hasProductAccess } from "./scopes";
import { webPixelResolvers } from "./web-pixels";
import { installationId, type FakeAdminState, type RequestContext } from "./state";

export function rootResolvers(state: FakeAdminState): RootResolvers {
  const node = (shop: string, id: string) =>
    (isProductGid(id) ? findProductNode(state, shop, id) : polledFile(state, shop, id)) ?? null;
  const requireProductAccess = (shop: string, ids: string[], field: string) => {
    if (ids.some(isProductGid) && !hasProductAccess(state, shop)) throw accessDenied(field);
  };

  return {
    shop: (_: unknown, { shop }: RequestContext) => ({
      id: installationId(shop).replace("AppInstallation", "Shop"),
      myshopifyDomain: shop,
      url: `https://${shop}`,
      email: state.shopDetails.contactEmail,
      ...state.shopDetails,
    }),

    currentAppInstallation: (_: unknown, { shop }: RequestContext) => ({
      id: installationId(shop),
      accessScopes: [...grantedScopes(state, shop)].map((handle) => ({ handle, description: handle })),
    }),

    nodes({ ids }: { ids: string[] }, { shop }: RequestContext) {
      requireProductAccess(shop, ids, "nodes");
      return ids.map((id) => node(shop, id));
    },

    node({ id }: { id: string }, { shop }: RequestContext) {
      requireProductAccess(shop, [id], "node");
      return node(shop, id);
    },

    ...metafieldResolvers(state),
    ...metaobjectResolvers(state),
    ...fileResolvers(state),
    ...productResolvers(state),
    ...webPixelResolvers(state),
  } as RootResolvers;
}
