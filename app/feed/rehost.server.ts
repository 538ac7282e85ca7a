// Copies Instagram images into the shop's Files so the storefront only ever links to Shopify's CDN.
// A file made once for a media id is reused; files of posts that left the feed are deleted.
import { now } from "../clock.server";
import { db } from "../db.server";
import { createImageFiles, deleteFiles, fileStatuses, PublishError, type AdminGraphql } from "./admin-api.server";

export interface ImageToHost {
  sourceKey: string;
  sourceUrl: string;
  alt: string;
}

export interface HostedImage {
  url: string;
  width: number;
  height: number;
}

export interface HostingOptions {
  pollIntervalMs: number;
  maxWaitMs: number;
}

const CREATE_BATCH = 25;
const STATUS_BATCH = 50;

export function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** Every image hosted on Shopify, or a PublishError (then nothing should be published). */
export async function hostImages(
  shop: string,
  graphql: AdminGraphql,
  images: ImageToHost[],
  options: HostingOptions,
): Promise<Map<string, HostedImage>> {
  const existing = await db().hostedFile.findMany({
    where: { shop, sourceKey: { in: images.map((image) => image.sourceKey) } },
  });
  const byKey = new Map(existing.map((row) => [row.sourceKey, row]));
  const missing = images.filter((image) => {
    const row = byKey.get(image.sourceKey);
    return !row || row.status === "failed";
  });
  // A copy that failed before is made again (its link may have been refreshed since); the failed file goes.
  await deleteFiles(
    graphql,
    existing.filter((row) => row.status === "failed").map((row) => row.shopifyFileId),
  );

  for (const batch of chunks(missing, CREATE_BATCH)) {
    const ids = await createImageFiles(
      graphql,
      batch.map((image) => ({ originalSource: image.sourceUrl, alt: image.alt.slice(0, 512) })),
    );
    await Promise.all(
      batch.map((image, i) => {
        const row = {
          shopifyFileId: ids[i]!,
          status: "pending",
          url: null,
          width: null,
          height: null,
          error: null,
          createdAt: now(),
        };
        return db().hostedFile.upsert({
          where: { shop_sourceKey: { shop, sourceKey: image.sourceKey } },
          create: { shop, sourceKey: image.sourceKey, ...row },
          update: row,
        });
      }),
    );
  }
  await waitUntilProcessed(
    shop,
    graphql,
    images.map((image) => image.sourceKey),
    options,
  );

  const rows = await db().hostedFile.findMany({
    where: { shop, sourceKey: { in: images.map((image) => image.sourceKey) } },
  });
  const failed = rows.filter((row) => row.status !== "ready");
  if (failed.length) {
    throw new PublishError(
      `${failed.length} image(s) could not be copied to Shopify Files (${failed[0]!.error ?? "still processing"}); the previous feed stays published.`,
    );
  }
  return new Map(rows.map((row) => [row.sourceKey, { url: row.url!, width: row.width!, height: row.height! }]));
}

async function waitUntilProcessed(shop: string, graphql: AdminGraphql, keys: string[], options: HostingOptions) {
  const deadline = Date.now() + options.maxWaitMs;
  for (;;) {
    const pending = await db().hostedFile.findMany({ where: { shop, sourceKey: { in: keys }, status: "pending" } });
    if (pending.length === 0 || Date.now() > deadline) return;
    for (const batch of chunks(pending, STATUS_BATCH)) {
      const nodes = await fileStatuses(
        graphql,
        batch.map((row) => row.shopifyFileId),
      );
      for (const node of nodes) {
        if (node.fileStatus === "READY" && node.image) {
          await db().hostedFile.updateMany({
            where: { shop, shopifyFileId: node.id },
            data: { status: "ready", ...node.image },
          });
        } else if (node.fileStatus === "FAILED") {
          const error = node.fileErrors?.[0]?.message ?? "Shopify could not process the image";
          await db().hostedFile.updateMany({
            where: { shop, shopifyFileId: node.id },
            data: { status: "failed", error },
          });
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs));
  }
}

/** Deletes the shop's hosted files that no published post uses any more. */
export async function deleteUnusedFiles(shop: string, graphql: AdminGraphql, keep: Set<string>): Promise<number> {
  const unused = (await db().hostedFile.findMany({ where: { shop } })).filter((row) => !keep.has(row.sourceKey));
  for (const batch of chunks(unused, CREATE_BATCH)) {
    await deleteFiles(
      graphql,
      batch.map((row) => row.shopifyFileId),
    );
    await db().hostedFile.deleteMany({ where: { id: { in: batch.map((row) => row.id) } } });
  }
  return unused.length;
}
