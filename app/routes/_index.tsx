import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";

// Shopify opens the app at its root with `shop` (and friends) in the query: hand over to the admin pages.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return new Response("Social Feed is a Shopify app. Open it from the Apps section of your Shopify admin.", {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};
