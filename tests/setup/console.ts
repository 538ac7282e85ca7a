// Declaring the console output a test provokes on purpose (see ./console-guard.ts, which fails a test on
// any other console.error or console.warn):
//
//   const logged = expectConsole("error", /^request [0-9a-f]{16} failed: /);  // must come, at least once
//   allowConsole("warn", /deprecated/);                                      // may come
//
// Called in a test (or its beforeEach) it holds for that test; called at a file's top level or in a
// beforeAll, for the whole file. Matching lines are kept out of the output and collected in the returned
// array (formatted as console would print them), for the test to assert on.

export type ConsoleLevel = "error" | "warn";
export type Expectation = { level: ConsoleLevel; pattern: RegExp; required: boolean; seen: string[] };

/** Wired up by ./console-guard.ts, the setup file every test file runs. */
export const consoleGuard = {
  declare(_expectation: Expectation): void {
    throw new Error("tests/setup/console-guard.ts is not loaded: is vite.config.ts's test.setupFiles in use?");
  },
};

function declare(level: ConsoleLevel, pattern: RegExp, required: boolean): string[] {
  // Without the g and y flags, so that RegExp.test keeps no state between lines.
  const expectation: Expectation = {
    level,
    pattern: new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")),
    required,
    seen: [],
  };
  consoleGuard.declare(expectation);
  return expectation.seen;
}

/** This console output must come (at least one line matching `pattern`), or the test fails. */
export function expectConsole(level: ConsoleLevel, pattern: RegExp): string[] {
  return declare(level, pattern, true);
}

/** This console output may come (timing-dependent logging); it is not required. */
export function allowConsole(level: ConsoleLevel, pattern: RegExp): string[] {
  return declare(level, pattern, false);
}
