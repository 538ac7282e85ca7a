import { config } from "../config.server";

/** Sandbox routes do not exist unless the sandbox is on (and config refuses it in production). */
export function requireSandbox(): void {
  if (!config().SANDBOX) throw new Response("Not found", { status: 404 });
}
