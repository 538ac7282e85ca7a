// Every test file: a console.error or console.warn from the code under test fails the test it happened
// in, unless the test declared it with expectConsole or allowConsole (./console.ts). Only this
// worker's console is watched; child processes (app servers, the sandbox) write to their own pipes.
//
// A call is recorded, not thrown: the code that logged goes on exactly as it would in production, and the
// test fails when it ends (afterEach), naming every unexpected line. A call while no test runs (a beforeAll
// or afterAll hook, a timer firing after its test) fails the file at its end. Declared output is not
// printed; undeclared output is printed as usual as well.
import { format } from "node:util";
import { afterAll, afterEach, beforeEach } from "vitest";
import { consoleGuard, type ConsoleLevel, type Expectation } from "./console";

const LEVELS: ConsoleLevel[] = ["error", "warn"];
const original = { error: console.error, warn: console.warn };

type Scope = { expectations: Expectation[]; unexpected: string[] };
const file: Scope = { expectations: [], unexpected: [] };
let test: Scope | undefined;

consoleGuard.declare = (expectation) => {
  (test ?? file).expectations.push(expectation);
};

for (const level of LEVELS) {
  // Assigned, not vi.spyOn: a test's own vi.spyOn(console, "error") and vi.restoreAllMocks() leave the
  // guard in place underneath.
  console[level] = function guarded(...args: unknown[]) {
    const text = format(...args);
    const scope = test ?? file;
    const match = [...(test?.expectations ?? []), ...file.expectations].find(
      (e) => e.level === level && e.pattern.test(text),
    );
    if (match) {
      match.seen.push(text);
      return;
    }
    scope.unexpected.push(`console.${level}: ${text}\n${caller()}`);
    original[level].apply(console, args);
  };
}

/** Where the call came from: the first stack frame outside this file and node:internal. */
function caller(): string {
  const frames = (new Error().stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  const frame = frames.find((line) => !line.includes("console-guard.ts") && !line.includes("node:internal"));
  return frame ? `(${frame.trim()})` : "";
}

function report(unexpected: string[], where: string): string {
  return [
    `${where} wrote to the console unexpectedly (declare it with expectConsole/allowConsole from tests/setup/console.ts if it is meant to):`,
    ...unexpected.map((line) => `  ${line.replaceAll("\n", "\n    ")}`),
  ].join("\n");
}

beforeEach(() => {
  test = { expectations: [], unexpected: [] };
});

afterEach(() => {
  const scope = test!;
  test = undefined;
  const problems: string[] = [];
  if (scope.unexpected.length) problems.push(report(scope.unexpected, "This test"));
  for (const e of scope.expectations)
    if (e.required && !e.seen.length)
      problems.push(`This test expected a console.${e.level} matching ${e.pattern} but none came.`);
  if (problems.length) throw new Error(problems.join("\n"));
});

afterAll(() => {
  const problems: string[] = [];
  if (file.unexpected.length)
    problems.push(report(file.unexpected, "This file (outside its tests: a beforeAll/afterAll hook or late callback)"));
  for (const e of file.expectations)
    if (e.required && !e.seen.length)
      problems.push(`This file expected a console.${e.level} matching ${e.pattern} but none came.`);
  if (problems.length) throw new Error(problems.join("\n"));
});
