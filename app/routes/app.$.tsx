// An address under /app that the app doesn't have. Matching it here (rather than not at all) keeps the
// "Page not found" page inside the admin layout on the server and in the browser alike: with lazy route
// discovery an unmatched address is matched differently after hydration, and React reports a mismatch.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  throw new Response("Not found", { status: 404 });
};

export default function NotFound() {
  return null;
}
