import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** Each test run gets its own folder (set by the global setup), so two runs never share files. */
export const ARTIFACTS = process.env.TEST_RUN_DIR ?? path.join(ROOT, "tests/.artifacts");
