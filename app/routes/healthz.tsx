import { json } from "@remix-run/node";
import { isDatabaseReachable } from "../db.server";

export const loader = async () => {
  const healthy = await isDatabaseReachable();
  return json(
    { status: healthy ? "ok" : "database unreachable" },
    { status: healthy ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
};
