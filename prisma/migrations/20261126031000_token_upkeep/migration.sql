-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InstagramAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "instagramUserId" TEXT NOT NULL,
    "appScopedUserId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "accountType" TEXT NOT NULL,
    "profilePictureUrl" TEXT,
    "encryptedToken" TEXT,
    "tokenKeyId" TEXT,
    "tokenIssuedAt" DATETIME,
    "tokenExpiresAt" DATETIME,
    "tokenRefreshedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusReason" TEXT,
    "connectedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "nextCheckAt" DATETIME,
    "lastCheckedAt" DATETIME,
    "lastRenewalResult" TEXT,
    "renewalFailures" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME
);
INSERT INTO "new_InstagramAccount" ("accountType", "appScopedUserId", "connectedAt", "encryptedToken", "id", "instagramUserId", "profilePictureUrl", "shop", "status", "statusReason", "tokenExpiresAt", "tokenIssuedAt", "tokenKeyId", "tokenRefreshedAt", "updatedAt", "username") SELECT "accountType", "appScopedUserId", "connectedAt", "encryptedToken", "id", "instagramUserId", "profilePictureUrl", "shop", "status", "statusReason", "tokenExpiresAt", "tokenIssuedAt", "tokenKeyId", "tokenRefreshedAt", "updatedAt", "username" FROM "InstagramAccount";
DROP TABLE "InstagramAccount";
ALTER TABLE "new_InstagramAccount" RENAME TO "InstagramAccount";
CREATE INDEX "InstagramAccount_appScopedUserId_idx" ON "InstagramAccount"("appScopedUserId");
CREATE INDEX "InstagramAccount_status_nextCheckAt_idx" ON "InstagramAccount"("status", "nextCheckAt");
CREATE UNIQUE INDEX "InstagramAccount_shop_instagramUserId_key" ON "InstagramAccount"("shop", "instagramUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
