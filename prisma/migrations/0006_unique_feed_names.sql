-- A shop's live feeds have different names, in any case ("Main" and "main" would be the same feed in the
-- theme editor's picker); a deleted feed's name is free again. Two requests creating the same name at once
-- get one feed and one field error. (A partial expression index, which prisma/schema.prisma cannot
-- express; tests/integration/migrations.test.ts knows it.)
CREATE UNIQUE INDEX "Feed_live_name_per_shop" ON "Feed"("shop", lower("name")) WHERE "deletedAt" IS NULL;
