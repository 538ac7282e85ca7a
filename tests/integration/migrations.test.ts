// The committed migrations must build exactly the database the schema describes; otherwise a
// deploy would run code against columns that do not exist.
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { ROOT, TEMPLATE_DATABASE } from "../setup/paths";
import { DUE_INDEX, dueQueryPlan } from "../support/due-query";

function describeSchema(db: Database.Database) {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name")
    .all() as { name: string }[];
  return tables.map(({ name }) => ({
    name,
    columns: db.prepare(`PRAGMA table_info("${name}")`).all(),
    indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[])
      .map((index) => ({ unique: index.unique, columns: db.prepare(`PRAGMA index_info("${index.name}")`).all() }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  }));
}

it("the migrations build exactly the schema in prisma/schema.prisma", () => {
  const fromSchema = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--config", "prisma/prisma.config.ts", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  const expected = new Database(":memory:");
  expected.exec(fromSchema);
  const migrated = new Database(TEMPLATE_DATABASE, { readonly: true });
  expect(describeSchema(migrated)).toEqual(describeSchema(expected));
});

it("the token sweep finds due accounts through an index, not a table scan", () => {
  const migrated = new Database(TEMPLATE_DATABASE, { readonly: true });
  const plan = dueQueryPlan(migrated, new Date().toISOString());
  expect(plan.join(" | ")).toContain(`USING INDEX ${DUE_INDEX}`);
});
