// Prisma's CLI configuration. The JS engine and the driver adapter let generate and migrate diff run
// offline (no engine binary download). Migrations are applied by `npm run setup` (app/cli/migrate.ts),
// not by Prisma: its migrate cannot read a PostgreSQL schema through the JS engine (prisma/orm#27403).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://localhost/social_feed" });
  },
});
