import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { config } from "../config.server";
import { accountsNeedingAttention } from "../accounts/accounts.server";
import { ErrorPage } from "../components/ErrorPage";
import { ShopTimeProvider } from "../components/dates";
import { shopTimeFor } from "../shop/time.server";
import { authenticate } from "../shopify.server";
import { SANDBOX_APP_BRIDGE_PATH } from "../sandbox/paths";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const settings = config();
  return json({
    apiKey: settings.SHOPIFY_API_KEY,
    appBridgeUrl: settings.SANDBOX ? SANDBOX_APP_BRIDGE_PATH : undefined,
    attention: await accountsNeedingAttention(session.shop),
    shopTime: await shopTimeFor(session.shop, request),
  });
};

export default function App() {
  const { apiKey, appBridgeUrl, shopTime } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/feeds">Feeds</Link>
        <Link to="/app/media">Media Sources</Link>
        <Link to="/app/account">Account</Link>
        <Link to="/app/settings">Settings</Link>
      </NavMenu>
      {/* One landmark for the page's content, so assistive technology can jump straight to it. */}
      <ShopTimeProvider value={shopTime}>
        <main>
          <Outlet />
        </main>
      </ShopTimeProvider>
    </AppProvider>
  );
}

// Shopify's library throws Responses it means to be rendered as they are: the App Bridge bounce page
// (200, HTML), reauthorization (401 with its header), bots (410), bad requests (400). boundary.error
// renders those and rethrows anything else. A 404 is an address the app doesn't have, and a 5xx (an
// Error, or a bare 500 the library throws when Shopify fails it) is a failure of ours: both get the
// Polaris page, the failure with the reference it was logged under.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status !== 404 && error.status < 500) return boundary.error(error);
  return <ErrorPage error={error} inAdmin />;
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
