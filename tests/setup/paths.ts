import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const ARTIFACTS = path.join(ROOT, "tests/.artifacts");
export const TEMPLATE_DATABASE = path.join(ARTIFACTS, "template.sqlite");
