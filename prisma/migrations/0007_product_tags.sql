-- Shoppable posts: the products a merchant tagged on a post, by product GID.
CREATE TABLE "ProductTag" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductTag_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ProductTag_itemId_productId_key" ON "ProductTag"("itemId", "productId");
CREATE INDEX "ProductTag_shop_productId_idx" ON "ProductTag"("shop", "productId");

ALTER TABLE "ProductTag" ADD CONSTRAINT "ProductTag_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "MediaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
