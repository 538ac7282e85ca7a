// .env.example is where an operator starts: it must name every setting the app reads, and nothing else.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { SETTING_NAMES } from "../../app/config.server";
import { ROOT } from "../setup/paths";

it("names every setting in app/config.server.ts, and no other", () => {
  const named = [...readFileSync(path.join(ROOT, ".env.example"), "utf8").matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map(
    (match) => match[1],
  );
  expect([...new Set(named)].sort()).toEqual([...SETTING_NAMES].sort());
});
