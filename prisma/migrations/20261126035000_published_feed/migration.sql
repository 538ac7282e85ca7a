-- CreateTable
CREATE TABLE "HostedFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "shopifyFileId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "url" TEXT,
    "width" INTEGER,
    "height" INTEGER,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PublishedFeed" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "document" TEXT,
    "hash" TEXT,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "postCount" INTEGER NOT NULL DEFAULT 0,
    "publishedAt" DATETIME,
    "requestedAt" DATETIME,
    "lastAttemptAt" DATETIME,
    "lastError" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "HostedFile_shop_sourceKey_key" ON "HostedFile"("shop", "sourceKey");
