import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteError } from "@remix-run/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { ErrorPage, errorTitle } from "./components/ErrorPage";
import { requestIdFor } from "./request-log.server";

// The request's id travels in the root's data: this loader cannot fail, runs for every document, and
// its data reaches every error boundary, on the server and in the browser alike. A failure elsewhere
// in the same request is logged under the same id (see app/request-log.server.ts).
export const loader = ({ context }: LoaderFunctionArgs) => json({ requestId: requestIdFor(context) });

// The id names the document's request; a later client-side navigation carries its own.
export const shouldRevalidate = () => false;

// Routes without a title of their own inherit this one, so a page that failed is titled for what happened.
export const meta: MetaFunction = ({ error }) => {
  const title = errorTitle(error);
  return title ? [{ title }] : [];
};

export default function App() {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Outlet />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/**
 * Whatever no route below handled: an unknown address, a failure on a page outside the admin (the
 * Instagram callback, the sandbox), or in this root itself. No App Bridge here (it may not have loaded,
 * or the page is not embedded), so plain Polaris with its own styles.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const { pathname } = useLocation();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        <Meta />
        <Links />
        <link rel="stylesheet" href={polarisStyles} />
      </head>
      <body>
        <ErrorPage error={error} inAdmin={pathname === "/app" || pathname.startsWith("/app/")} />
        <Scripts />
      </body>
    </html>
  );
}
