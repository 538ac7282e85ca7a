import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { Page } from "@shopify/polaris";
import { NavMenu } from "@shopify/app-bridge-react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { config } from "../config.server";
import { accountsNeedingAttention } from "../accounts/accounts.server";
import { AttentionBanner } from "../components/AttentionBanner";
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
  const { apiKey, appBridgeUrl, attention, shopTime } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        <Link to="/app" rel="home">
          Home
        </Link>
        <Link to="/app/media">Media Sources</Link>
        <Link to="/app/account">Account</Link>
      </NavMenu>
      {/* One landmark for the page's content, so assistive technology can jump straight to it. */}
      <ShopTimeProvider value={shopTime}>
      <main>
        {attention.length > 0 && (
          <Page>
            <AttentionBanner accounts={attention} />
          </Page>
        )}
        <Outlet />
      </main>
      </ShopTimeProvider>
    </AppProvider>
  );
}

// Shopify needs Remix to catch thrown responses so its headers (reauthorization, CSP) reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
