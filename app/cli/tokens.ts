// Operator command for Instagram tokens:
//   npm run tokens -- status [--shop <shop>]   every account: health, expiry, next renewal, last result
//   npm run tokens -- renew  [--shop <shop>]   renew now (tokens under 24 hours old are refused by Instagram)
//   npm run tokens -- rotate-key               re-encrypt every token under the first key of TOKEN_ENCRYPTION_KEYS
import { parseArgs } from "node:util";
import { reencryptAllTokens } from "../accounts/key-rotation.server";
import { runTokenSweep } from "../accounts/renewal.server";
import { tokenStatusRows } from "../accounts/token-status.server";
import { config, ConfigError } from "../config.server";

const USAGE = "usage: npm run tokens -- status|renew [--shop <shop>.myshopify.com] | rotate-key";

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") : "-");

function printTable(rows: Record<string, string | number>[]) {
  if (rows.length === 0) return console.log("No Instagram accounts.");
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells: (string | number)[]) => cells.map((cell, i) => String(cell).padEnd(widths[i]!)).join("  ");
  console.log(line(columns));
  rows.forEach((row) => console.log(line(columns.map((column) => row[column]!))));
}

async function status(shop?: string) {
  const rows = await tokenStatusRows(shop);
  printTable(
    rows.map((row) => ({
      shop: row.shop,
      account: `@${row.username}`,
      health: row.health,
      "expires (UTC)": day(row.expiresAt),
      "renewal due": day(row.renewalDueAt),
      "next check": day(row.nextCheckAt),
      failures: row.failuresInARow,
      "last result": row.lastResult ?? "-",
    })),
  );
}

async function renew(shop?: string) {
  const report = await runTokenSweep({ force: true, shop });
  const names = new Map((await tokenStatusRows(shop)).map((row) => [row.id, `${row.shop} @${row.username}`]));
  printTable(
    report.results.map((result) => ({
      account: names.get(result.accountId) ?? result.accountId,
      outcome: result.outcome,
      detail: result.detail ?? "",
    })),
  );
  console.log(
    `renewed ${report.renewed}, needs reconnect ${report.needs_reconnect}, failed ${report.failed}, skipped ${report.skipped}`,
  );
  if (report.failed > 0 || report.needs_reconnect > 0) process.exitCode = 1;
}

async function rotateKey() {
  const report = await reencryptAllTokens();
  console.log(
    `re-encrypted ${report.reencrypted}, already under the newest key ${report.alreadyCurrent}, unreadable ${report.unreadable}`,
  );
  if (report.unreadable > 0) {
    console.log(
      "Unreadable tokens were made by a key that is no longer configured; those accounts must be reconnected.",
    );
    process.exitCode = 1;
  }
}

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { shop: { type: "string" } } });
  const command = positionals[0];
  if (command === "status") await status(values.shop);
  else if (command === "renew") await renew(values.shop);
  else if (command === "rotate-key") await rotateKey();
  else {
    console.error(USAGE);
    process.exitCode = 2;
  }
}

try {
  config(); // settings first: a missing one is named before anything else happens
  await main();
} catch (error) {
  // An operator needs the message, not a stack trace: settings problems and bad arguments are both theirs to fix.
  if (!(error instanceof ConfigError) && !(error instanceof TypeError && "code" in error)) throw error;
  console.error(error.message);
  process.exitCode = 2;
} finally {
  await globalThis.socialFeedPrisma?.$disconnect(); // the connection pool would otherwise keep the command alive
}
