-- CreateTable
CREATE TABLE "MediaSource" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'account_media',
    "key" TEXT NOT NULL DEFAULT '',
    "scheduleMinutes" INTEGER NOT NULL DEFAULT 60,
    "includeWords" TEXT NOT NULL DEFAULT '',
    "excludeWords" TEXT NOT NULL DEFAULT '',
    "mediaTypes" TEXT NOT NULL DEFAULT 'IMAGE,VIDEO,CAROUSEL_ALBUM,REELS',
    "maxPosts" INTEGER NOT NULL DEFAULT 50,
    "lastSyncedAt" DATETIME,
    "lastFullSyncAt" DATETIME,
    "nextSyncAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MediaSource_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "InstagramAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MediaItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "instagramId" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "productType" TEXT,
    "caption" TEXT,
    "permalink" TEXT NOT NULL,
    "postedAt" DATETIME NOT NULL,
    "mediaUrl" TEXT,
    "thumbnailUrl" TEXT,
    "children" TEXT,
    "linksExpireAt" DATETIME,
    "contentHash" TEXT NOT NULL,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "pinnedAt" DATETIME,
    "firstSeenAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MediaItem_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "MediaSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "queuedAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "errorKind" TEXT,
    "errorMessage" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    CONSTRAINT "SyncRun_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "MediaSource" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DataDeletionRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "confirmationCode" TEXT NOT NULL,
    "appScopedUserId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    "accountsDeleted" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "ComplianceRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webhookId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "MediaSource_shop_idx" ON "MediaSource"("shop");

-- CreateIndex
CREATE INDEX "MediaSource_nextSyncAt_idx" ON "MediaSource"("nextSyncAt");

-- CreateIndex
CREATE UNIQUE INDEX "MediaSource_accountId_kind_key_key" ON "MediaSource"("accountId", "kind", "key");

-- CreateIndex
CREATE INDEX "MediaItem_sourceId_postedAt_idx" ON "MediaItem"("sourceId", "postedAt");

-- CreateIndex
CREATE INDEX "MediaItem_linksExpireAt_idx" ON "MediaItem"("linksExpireAt");

-- CreateIndex
CREATE UNIQUE INDEX "MediaItem_sourceId_instagramId_key" ON "MediaItem"("sourceId", "instagramId");

-- CreateIndex
CREATE INDEX "SyncRun_status_queuedAt_idx" ON "SyncRun"("status", "queuedAt");

-- CreateIndex
CREATE INDEX "SyncRun_sourceId_queuedAt_idx" ON "SyncRun"("sourceId", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataDeletionRequest_confirmationCode_key" ON "DataDeletionRequest"("confirmationCode");

-- CreateIndex
CREATE UNIQUE INDEX "ComplianceRequest_webhookId_key" ON "ComplianceRequest"("webhookId");
