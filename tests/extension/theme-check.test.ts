// Shopify's theme-check, offline, on the theme app extension: the theme-app-extension config applies
// (the folder holds shopify.extension.toml), which adds AppBlockValidTags and the asset-size checks.
import { check, Severity, type Offense } from "@shopify/theme-check-node";
import { expect, it } from "vitest";
import { EXTENSION_DIR } from "../../app/sandbox/storefront-render";

const format = (o: Offense) =>
  `${["error", "warning", "info"][o.severity] ?? o.severity} ${o.check} ${o.uri.slice(o.uri.indexOf("/social-feed/") + 13)}:${o.start.line + 1} ${o.message}`;

it("reports no errors and no warnings for the extension", async () => {
  const offenses = await check(EXTENSION_DIR);
  if (offenses.length) console.log(`theme-check:\n${offenses.map(format).join("\n")}`);
  expect(offenses.filter((o) => o.severity === Severity.ERROR).map(format)).toEqual([]);
  expect(offenses.filter((o) => o.severity === Severity.WARNING).map(format)).toEqual([]);
});
