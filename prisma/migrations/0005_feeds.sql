-- Several feeds per shop: a feed has a name, its sources, its filters and its own publishing state.
-- Filters move from the media source to the feed; the shop's one PublishedFeed row becomes the feed's.

-- CreateTable
CREATE TABLE "Feed" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "includeWords" TEXT NOT NULL DEFAULT '',
    "excludeWords" TEXT NOT NULL DEFAULT '',
    "mediaTypes" TEXT NOT NULL DEFAULT 'IMAGE,VIDEO,CAROUSEL_ALBUM,REELS',
    "maxPosts" INTEGER NOT NULL DEFAULT 12,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "metaobjectId" TEXT,
    "document" TEXT,
    "hash" TEXT,
    "bytes" INTEGER NOT NULL DEFAULT 0,
    "postCount" INTEGER NOT NULL DEFAULT 0,
    "imageKeys" TEXT NOT NULL DEFAULT '[]',
    "publishedAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "Feed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedSource" (
    "feedId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FeedSource_pkey" PRIMARY KEY ("feedId","sourceId")
);

-- CreateIndex
CREATE INDEX "Feed_shop_createdAt_idx" ON "Feed"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Feed_requestedAt_idx" ON "Feed"("requestedAt");

-- CreateIndex
CREATE INDEX "FeedSource_sourceId_idx" ON "FeedSource"("sourceId");

-- AddForeignKey
ALTER TABLE "FeedSource" ADD CONSTRAINT "FeedSource_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "Feed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedSource" ADD CONSTRAINT "FeedSource_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "MediaSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every shop that had sources gets the feed it was showing: "Main", with its oldest source (the one that
-- was published) and that source's filters. It is republished in the new form (metaobject + metafield).
INSERT INTO "Feed" ("id", "shop", "name", "includeWords", "excludeWords", "mediaTypes", "maxPosts", "createdAt", "updatedAt", "requestedAt")
SELECT 'c' || substr(md5(s."id" || ':feed'), 1, 24), s."shop", 'Main', s."includeWords", s."excludeWords", s."mediaTypes",
       LEAST(s."maxPosts", 50), now(), now(), now()
FROM (SELECT DISTINCT ON ("shop") * FROM "MediaSource" ORDER BY "shop", "createdAt", "id") AS s;

INSERT INTO "FeedSource" ("feedId", "sourceId", "position")
SELECT 'c' || substr(md5(s."id" || ':feed'), 1, 24), s."id", 0
FROM (SELECT DISTINCT ON ("shop") * FROM "MediaSource" ORDER BY "shop", "createdAt", "id") AS s;

-- AlterTable
ALTER TABLE "MediaSource" DROP COLUMN "excludeWords",
DROP COLUMN "includeWords",
DROP COLUMN "maxPosts",
DROP COLUMN "mediaTypes";

-- DropTable
DROP TABLE "PublishedFeed";
