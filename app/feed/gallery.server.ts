// Publishing the product-page gallery: every visible tagged post of the shop's sources, newest first, at
// most GALLERY_POSTS_PER_PRODUCT per product the storefront may show (ACTIVE, on the Online Store), with
// its cover hosted on Shopify Files under the same key a feed uses (one file, whoever shows it). Like a
// feed: nothing is written when nothing changed, a failed copy keeps the previous gallery, and with no
// products left the metafield is deleted rather than left stale.
import type { InstagramAccount, MediaItem, ProductGallery } from "@prisma/client";
import { db } from "../db.server";
import { deleteAppMetafields, PublishError, setAppMetafields } from "./admin-api.server";
import { altFrom, avatarToHost, coverToHost, hostedCover, shownAccount } from "./build-feed.server";
import {
  GALLERY_MAX_BYTES,
  GALLERY_METAFIELD,
  GALLERY_POSTS_PER_PRODUCT,
  GALLERY_VERSION,
  GalleryDocument,
  type GalleryPost,
} from "./gallery-document";
import type { FeedPost } from "./feed-document";
import { contentHash, type PublishPass } from "./publish-pass.server";
import { hostImages, type HostedImage, type ImageToHost } from "./rehost.server";
import { numericProductId } from "./tagged-products.server";

type TaggedItem = MediaItem & { source: { account: InstagramAccount } };

export type GalleryOutcome =
  | { status: "published" | "unchanged"; postCount: number; bytes: number }
  | { status: "emptied" }
  | { status: "failed"; error: string };

/** What the gallery shows: its posts newest first, and each product's posts (Instagram ids) newest first. */
interface GallerySelection {
  posts: TaggedItem[];
  products: Map<string, string[]>;
}

async function select(pass: PublishPass): Promise<GallerySelection> {
  const tags = await db().productTag.findMany({
    where: { shop: pass.shop, item: { hidden: false, source: { shop: pass.shop } } },
    include: { item: { include: { source: { include: { account: true } } } } },
    orderBy: [{ item: { postedAt: "desc" } }, { item: { id: "asc" } }],
  });
  const shoppable = await pass.products.shoppable(tags.map((tag) => tag.productId));
  const posts = new Map<string, TaggedItem>();
  const products = new Map<string, string[]>();
  for (const { productId, item } of tags) {
    if (!shoppable.has(productId)) continue;
    const shown = products.get(numericProductId(productId)) ?? [];
    if (shown.length >= GALLERY_POSTS_PER_PRODUCT || shown.includes(item.instagramId)) continue;
    products.set(numericProductId(productId), [...shown, item.instagramId]);
    if (!posts.has(item.instagramId)) posts.set(item.instagramId, item);
  }
  return { posts: [...posts.values()], products };
}

function accountsOf(posts: TaggedItem[]): InstagramAccount[] {
  return [...new Map(posts.map((item) => [item.source.account.id, item.source.account])).values()];
}

function imagesToHost(selection: GallerySelection): ImageToHost[] {
  return [...accountsOf(selection.posts).flatMap(avatarToHost), ...selection.posts.flatMap(coverToHost)];
}

/** The document for these posts (newest first); posts without a hosted cover are left out. */
function render(selection: GallerySelection, hosted: Map<string, HostedImage>, updatedAt: Date): GalleryDocument {
  const posts = selection.posts.filter((item) => hostedCover(item, hosted));
  const accounts = accountsOf(posts);
  const entries: Array<[string, GalleryPost]> = posts.map((item) => [
    item.instagramId,
    {
      account: accounts.findIndex((account) => account.id === item.source.account.id),
      alt: altFrom(item.caption),
      permalink: item.permalink,
      image: hostedCover(item, hosted)!,
      type: item.mediaType as FeedPost["type"],
      reel: item.productType === "REELS",
    },
  ]);
  const shown = new Set(posts.map((item) => item.instagramId));
  const products = [...selection.products].flatMap(([id, postIds]) => {
    const kept = postIds.filter((postId) => shown.has(postId));
    return kept.length ? [[id, kept] as const] : [];
  });
  return GalleryDocument.parse({
    version: GALLERY_VERSION,
    updatedAt: updatedAt.toISOString(),
    accounts: accounts.map((account) => shownAccount(account, hosted)),
    posts: Object.fromEntries(entries),
    products: Object.fromEntries(products),
  });
}

/** Under GALLERY_MAX_BYTES: the oldest posts go first, from every product that showed them. */
function buildGallery(selection: GallerySelection, hosted: Map<string, HostedImage>, at: Date) {
  const posts = [...selection.posts];
  for (;;) {
    const document = render({ ...selection, posts }, hosted, at);
    const json = JSON.stringify(document);
    if (Buffer.byteLength(json) <= GALLERY_MAX_BYTES || posts.length === 0) return { document, json };
    posts.pop();
  }
}

/** Only the request this pass has seen is answered: one made while it runs stays for the next pass. */
const answered = (gallery: ProductGallery) => ({ shop: gallery.shop, requestedAt: gallery.requestedAt });

async function save(pass: PublishPass, gallery: ProductGallery, data: Partial<ProductGallery>) {
  await db().$transaction([
    db().productGallery.update({
      where: { shop: gallery.shop },
      data: { ...data, lastAttemptAt: pass.startedAt, lastError: null },
    }),
    db().productGallery.updateMany({ where: answered(gallery), data: { requestedAt: null } }),
  ]);
}

async function metafieldId(pass: PublishPass) {
  return { ownerId: await pass.ownerId(), namespace: GALLERY_METAFIELD.namespace, key: GALLERY_METAFIELD.key };
}

async function publish(pass: PublishPass, gallery: ProductGallery): Promise<GalleryOutcome> {
  const selection = await select(pass);
  if (selection.products.size === 0) {
    if (gallery.hash !== null)
      await deleteAppMetafields(pass.graphql, [await metafieldId(pass)], "emptying the product pages' gallery");
    await save(pass, gallery, { hash: null, bytes: 0, postCount: 0, imageKeys: "[]" });
    return { status: "emptied" };
  }
  const images = imagesToHost(selection);
  const hosted = await hostImages(pass.shop, pass.graphql, images, pass.options);
  const { document, json } = buildGallery(selection, hosted, pass.startedAt);
  const hash = contentHash(document);
  const result = { postCount: Object.keys(document.posts).length, bytes: Buffer.byteLength(json) };
  if (hash === gallery.hash) {
    await save(pass, gallery, {});
    return { status: "unchanged", ...result };
  }
  await setAppMetafields(
    pass.graphql,
    [{ ...(await metafieldId(pass)), type: GALLERY_METAFIELD.type, value: json }],
    "saving the product pages' gallery",
  );
  await save(pass, gallery, {
    hash,
    ...result,
    // Every image hosted for the selection, those of posts trimmed for size included, as a feed keeps
    // them: dropping them would delete files the next pass copies again.
    imageKeys: JSON.stringify([...new Set(images.map((image) => image.sourceKey))]),
    publishedAt: pass.startedAt,
  });
  return { status: "published", ...result };
}

/** Publishes the shop's gallery; a failure keeps the previous one on the storefront and is retried. */
export async function publishGallery(pass: PublishPass, gallery: ProductGallery): Promise<GalleryOutcome> {
  try {
    return await publish(pass, gallery);
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    return recordGalleryFailure(gallery.shop, pass.startedAt, error);
  }
}

export async function recordGalleryFailure(shop: string, at: Date, error: PublishError): Promise<GalleryOutcome> {
  await db().productGallery.updateMany({ where: { shop }, data: { lastAttemptAt: at, lastError: error.message } });
  return { status: "failed", error: error.message };
}
