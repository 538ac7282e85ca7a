// Headless storefronts read the same published feed through Shopify's app proxy
// (https://<shop>/apps/social-feed/feed?feed=<name> → here, with a signed query Shopify adds). Without
// ?feed= it is the shop's first feed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publishedFeedFor } from "../feed/published.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.public.appProxy(request); // a bad or missing signature is a 400
  const shop = session?.shop ?? new URL(request.url).searchParams.get("shop") ?? "";
  const name = new URL(request.url).searchParams.get("feed")?.slice(0, 200);
  const feed = await publishedFeedFor(shop, name);
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "public, max-age=300, stale-while-revalidate=3600",
  };
  if (!feed)
    return new Response(
      JSON.stringify({
        error: name
          ? "This shop has no published feed with that name."
          : "No feed has been published for this shop yet.",
      }),
      {
        status: 404,
        headers,
      },
    );
  const etag = `"${feed.hash}"`;
  const matches = request.headers
    .get("If-None-Match")
    ?.split(",")
    .some((tag) => tag.trim().replace(/^W\//, "") === etag);
  if (matches) return new Response(null, { status: 304, headers: { ...headers, ETag: etag } });
  return new Response(feed.document, { headers: { ...headers, ETag: etag } });
};
