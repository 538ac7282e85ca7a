// Polled by the Media Sources page while syncs run: the current state of the runs it names (the shop's own only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { findRuns } from "../sync/run-records.server";
import { authenticate } from "../shopify.server";

const RunIds = z
  .array(z.string().regex(/^[a-z0-9]{1,40}$/))
  .max(20)
  .catch([]);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const requested = RunIds.parse(new URL(request.url).searchParams.getAll("run"));
  return json(
    { requested, runs: await findRuns(session.shop, requested) },
    { headers: { "Cache-Control": "no-store" } },
  );
};
