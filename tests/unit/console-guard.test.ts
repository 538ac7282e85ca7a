// The console guard (tests/setup/console-guard.ts): undeclared console.error/console.warn fails the test;
// declared output is collected instead of printed; a test's own spy on console still works.
import { afterEach, expect, it, vi } from "vitest";
import { allowConsole, expectConsole } from "../setup/console";

afterEach(() => vi.restoreAllMocks());

it.fails("an undeclared console.warn fails the test", () => {
  console.warn("something the test did not expect");
});

it.fails("an undeclared console.error fails the test, even after a test's own spy is restored", () => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.restoreAllMocks();
  console.error("something the test did not expect");
});

it.fails("an expected line that never comes fails the test", () => {
  expectConsole("error", /never logged/);
});

it("declared output is collected, formatted as console prints it", () => {
  const lines = expectConsole("error", /^job \S+ failed/g);
  console.error("job %s failed after %dms", "media-sync", 12);
  console.error("job feed-publish failed");
  expect(lines).toEqual(["job media-sync failed after 12ms", "job feed-publish failed"]);
});

it("allowed output may come or not", () => {
  allowConsole("warn", /retrying/);
});

it("a test's own spy sees the calls first", () => {
  const spy = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  console.warn("seen by the spy");
  expect(spy).toHaveBeenCalledWith("seen by the spy");
});
