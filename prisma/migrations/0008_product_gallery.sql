-- Shoppable posts: the product-page gallery (one app-data metafield per shop, social_feed.product_posts)
-- and its publishing state, like a feed's: what was published, which hosted files it uses, whether a
-- change waits, and the last error.
CREATE TABLE "ProductGallery" (
    "shop" TEXT NOT NULL,
    "hash" TEXT,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "postCount" INTEGER NOT NULL DEFAULT 0,
    "imageKeys" TEXT NOT NULL DEFAULT '[]',
    "publishedAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "ProductGallery_pkey" PRIMARY KEY ("shop")
);

CREATE INDEX "ProductGallery_requestedAt_idx" ON "ProductGallery"("requestedAt");
