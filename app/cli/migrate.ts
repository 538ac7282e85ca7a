// `npm run setup`: applies the database migrations to DATABASE_URL. Safe to run from several processes
// at once (each waits for the others) and again and again (applied migrations are skipped).
import { installQueueSchema } from "../jobs/queue.server";
import { applyMigrations } from "../migrations.server";

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error(
    'DATABASE_URL must be set to a PostgreSQL URL (postgresql://user:password@host:5432/database). See README.md, "Settings".',
  );
  process.exit(2);
}
try {
  const applied = await applyMigrations(url, console.log);
  // The job queue's own tables (pg-boss migrates them under its own lock; done here so a deploy fails early).
  await installQueueSchema(url);
  console.log(applied.length ? `Database migrated (${applied.length} applied).` : "Database already up to date.");
} catch (error) {
  // The driver's message names the problem (refused connection, failed SQL) but never the password.
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
