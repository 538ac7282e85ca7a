-- Analytics (issue 13): each shop's web pixel and its ingest key, and the daily aggregates the pixel's
-- batches add up to. Aggregates only: one row per shop, UTC day, metric and feed/post/product (and
-- currency, for assisted orders' revenue), '' where an event has none, so the key needs no NULLs.
CREATE TABLE "AnalyticsPixel" (
    "shop" TEXT NOT NULL,
    "webPixelId" TEXT,
    "key" TEXT NOT NULL,
    "connectedAt" TIMESTAMP(3),
    "lastEventAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "AnalyticsPixel_pkey" PRIMARY KEY ("shop")
);

CREATE TABLE "AnalyticsDaily" (
    "shop" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "metric" TEXT NOT NULL,
    "feedId" TEXT NOT NULL DEFAULT '',
    "postId" TEXT NOT NULL DEFAULT '',
    "productId" TEXT NOT NULL DEFAULT '',
    "currency" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL DEFAULT 0,
    "revenue" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AnalyticsDaily_pkey" PRIMARY KEY ("shop","day","metric","feedId","postId","productId","currency")
);
