-- At most one open incident per kind and subject: the alert sweep can run in several processes at once,
-- and a failure that repeats for days is still one incident, so one email.
-- (A partial index, which prisma/schema.prisma cannot express; tests/integration/migrations.test.ts knows it.)
CREATE UNIQUE INDEX "AlertIncident_one_open_per_subject" ON "AlertIncident"("kind", "subjectId") WHERE "resolvedAt" IS NULL;
