// The web pixel's batches (extensions/social-feed-pixel → app/analytics/ingest.server.ts). Any storefront
// may post here (CORS *): the batch's shop and key say whose figures it adds to. The pixel sends text/plain
// so browsers make no preflight; OPTIONS is answered anyway. Every answer is short and bodiless or one
// JSON line, never an error's detail.
import type { ActionFunctionArgs } from "@remix-run/node";
import { ingestBatch, readCappedBody } from "../analytics/ingest.server";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
  "Cache-Control": "no-store",
};

const notAllowed = () =>
  new Response(JSON.stringify({ error: "Use POST." }), {
    status: 405,
    headers: { ...CORS, Allow: "POST, OPTIONS", "Content-Type": "application/json" },
  });

export const loader = () => notAllowed();

export const action = async ({ request }: ActionFunctionArgs) => {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  if (request.method !== "POST") return notAllowed();
  const outcome = await ingestBatch(await readCappedBody(request));
  if (outcome.status === 204) return new Response(null, { status: 204, headers: CORS });
  return new Response(JSON.stringify({ error: outcome.error }), {
    status: outcome.status,
    headers: {
      ...CORS,
      "Content-Type": "application/json",
      ...(outcome.retryAfterSeconds && { "Retry-After": String(outcome.retryAfterSeconds) }),
    },
  });
};
