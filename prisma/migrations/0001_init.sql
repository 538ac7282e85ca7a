-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstagramAccount" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "instagramUserId" TEXT NOT NULL,
    "appScopedUserId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "accountType" TEXT NOT NULL,
    "profilePictureUrl" TEXT,
    "encryptedToken" TEXT,
    "tokenKeyId" TEXT,
    "tokenIssuedAt" TIMESTAMP(3),
    "tokenExpiresAt" TIMESTAMP(3),
    "tokenRefreshedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusReason" TEXT,
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "nextCheckAt" TIMESTAMP(3),
    "lastCheckedAt" TIMESTAMP(3),
    "lastRenewalResult" TEXT,
    "renewalFailures" INTEGER NOT NULL DEFAULT 0,
    "throttledUntil" TIMESTAMP(3),

    CONSTRAINT "InstagramAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthState" (
    "stateHash" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "OAuthState_pkey" PRIMARY KEY ("stateHash")
);

-- CreateTable
CREATE TABLE "MediaSource" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'account_media',
    "key" TEXT NOT NULL DEFAULT '',
    "scheduleMinutes" INTEGER NOT NULL DEFAULT 60,
    "includeWords" TEXT NOT NULL DEFAULT '',
    "excludeWords" TEXT NOT NULL DEFAULT '',
    "mediaTypes" TEXT NOT NULL DEFAULT 'IMAGE,VIDEO,CAROUSEL_ALBUM,REELS',
    "maxPosts" INTEGER NOT NULL DEFAULT 50,
    "lastSyncedAt" TIMESTAMP(3),
    "lastFullSyncAt" TIMESTAMP(3),
    "nextSyncAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MediaSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MediaItem" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "instagramId" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "productType" TEXT,
    "caption" TEXT,
    "permalink" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL,
    "mediaUrl" TEXT,
    "thumbnailUrl" TEXT,
    "children" TEXT,
    "linksExpireAt" TIMESTAMP(3),
    "contentHash" TEXT NOT NULL,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "pinnedAt" TIMESTAMP(3),
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MediaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "queuedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "pages" INTEGER NOT NULL DEFAULT 0,
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "removed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "errorKind" TEXT,
    "errorMessage" TEXT,
    "attempt" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataDeletionRequest" (
    "id" TEXT NOT NULL,
    "confirmationCode" TEXT NOT NULL,
    "appScopedUserId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "accountsDeleted" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DataDeletionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceRequest" (
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComplianceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HostedFile" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "shopifyFileId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "url" TEXT,
    "width" INTEGER,
    "height" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HostedFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublishedFeed" (
    "shop" TEXT NOT NULL,
    "document" TEXT,
    "hash" TEXT,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "postCount" INTEGER NOT NULL DEFAULT 0,
    "publishedAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "PublishedFeed_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "InstagramAccount_appScopedUserId_idx" ON "InstagramAccount"("appScopedUserId");

-- CreateIndex
CREATE INDEX "InstagramAccount_status_nextCheckAt_idx" ON "InstagramAccount"("status", "nextCheckAt");

-- CreateIndex
CREATE UNIQUE INDEX "InstagramAccount_shop_instagramUserId_key" ON "InstagramAccount"("shop", "instagramUserId");

-- CreateIndex
CREATE INDEX "OAuthState_expiresAt_idx" ON "OAuthState"("expiresAt");

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

-- CreateIndex
CREATE UNIQUE INDEX "HostedFile_shop_sourceKey_key" ON "HostedFile"("shop", "sourceKey");

-- AddForeignKey
ALTER TABLE "MediaSource" ADD CONSTRAINT "MediaSource_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "InstagramAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MediaItem" ADD CONSTRAINT "MediaItem_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "MediaSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "MediaSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
