import { json } from "@remix-run/node";
import { readiness } from "../health.server";

export const loader = async () => {
  const state = await readiness();
  const body = state.ready ? { status: "ready" } : { status: "not ready", waitingFor: state.waitingFor };
  return json(body, { status: state.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
};
