-- A source has at most one sync queued or running: the database says so, so that Sync now, the
-- schedule sweep and any number of processes can all ask at once and exactly one run is made.
-- (A partial index, which prisma/schema.prisma cannot express; tests/integration/migrations.test.ts knows it.)
CREATE UNIQUE INDEX "SyncRun_one_active_per_source" ON "SyncRun"("sourceId") WHERE "status" IN ('queued', 'running');
