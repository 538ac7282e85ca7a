// What one publish pass shares between the shop's feeds and its product-page gallery: the Admin API,
// what it learned once (the app installation that owns the metafields, the picker's definition, which
// tagged products the storefront may show), and the rules both follow (content hash, retry delay).
import { createHash } from "node:crypto";
import { currentAppInstallationId, type AdminGraphql } from "./admin-api.server";
import { ensureFeedDefinition } from "./metaobjects.server";
import type { HostingOptions } from "./rehost.server";
import { LiveProducts } from "./tagged-products.server";

export interface PublishOptions extends HostingOptions {
  graphql?: AdminGraphql;
}

export const RETRY_AFTER_FAILURE_MS = 5 * 60_000;

/** Asked for, and not failed within the last few minutes (a failure is retried by the sweep, not at once). */
export const dueForPublishing = (at: Date) => ({
  requestedAt: { not: null },
  OR: [
    { lastError: null },
    { lastAttemptAt: null },
    { lastAttemptAt: { lt: new Date(at.getTime() - RETRY_AFTER_FAILURE_MS) } },
  ],
});

/** The hash of what a document shows: its publishing time aside, so nothing is rewritten when nothing changed. */
export const contentHash = (document: { updatedAt: string }) =>
  createHash("sha256")
    .update(JSON.stringify({ ...document, updatedAt: null }))
    .digest("hex");

export class PublishPass {
  private installationId?: Promise<string>;
  private definitionReady?: Promise<void>;
  readonly products: LiveProducts;

  constructor(
    readonly shop: string,
    readonly graphql: AdminGraphql,
    readonly startedAt: Date,
    readonly options: PublishOptions,
  ) {
    this.products = new LiveProducts(shop, graphql);
  }

  ownerId() {
    this.installationId ??= currentAppInstallationId(this.graphql);
    return this.installationId;
  }

  definition() {
    this.definitionReady ??= ensureFeedDefinition(this.graphql);
    return this.definitionReady;
  }
}
