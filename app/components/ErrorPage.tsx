// What a merchant sees when a page fails: plain words, a way back, and the reference support needs to
// find the failure in the log. It never shows an error's message or stack (the log has them), and it
// needs no App Bridge and no loader data of the failed route, so it works for any page at any depth.
import { forwardRef, useState, useSyncExternalStore } from "react";
import { isRouteErrorResponse, Link, useLocation, useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { AppProvider, Button, InlineStack, Text } from "@shopify/polaris";
import { MessagePage } from "./StandalonePage";

type PolarisLinkProps = React.ComponentProps<NonNullable<React.ComponentProps<typeof AppProvider>["linkComponent"]>>;

/**
 * Whether App Bridge runs in this page. It does after a client-side navigation in the admin, where the
 * frame's address has lost the admin's parameters and only a client-side navigation (App Bridge adds
 * the session token) gets anywhere. It does not when the failure stopped the layout that loads it, or
 * outside the admin: there the address still has the admin's parameters and a new document is best.
 */
function appBridgeRuns(): boolean {
  return typeof window !== "undefined" && "shopify" in window;
}

// Polaris buttons with a url become Remix links, reloading the document unless App Bridge runs.
const RemixPolarisLink = forwardRef<HTMLAnchorElement, PolarisLinkProps>(function RemixPolarisLink(
  { url, external, ...rest },
  ref,
) {
  const newWindow = external ? { target: "_blank", rel: "noopener noreferrer" } : {};
  return <Link {...rest} to={url} ref={ref} reloadDocument={!appBridgeRuns()} {...newWindow} />;
});

export function isNotFound(error: unknown): boolean {
  return isRouteErrorResponse(error) && error.status === 404;
}

/** The document's title for a page that failed, or none when nothing failed. */
export function errorTitle(error: unknown): string | undefined {
  if (!error) return undefined;
  return isNotFound(error) ? "Social Feed · Page not found" : "Social Feed · Something went wrong";
}

const subscribeToNothing = () => () => undefined;

/**
 * True when this page was rendered by the server (and is now being hydrated), false when it first
 * rendered in the browser. During hydration React reads the server snapshot, so the first render
 * matches the server's HTML; the answer is kept for the component's life.
 */
function useRenderedByServer(): boolean {
  const inBrowserRender = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  const [renderedByServer] = useState(!inBrowserRender);
  return renderedByServer;
}

/**
 * The id of the request that failed, as logged. A failed data request (client-side navigation) answers
 * with it (app/entry.server.tsx); for a document, the root loader put the request's id in the page. An
 * error that first happened in the browser has no server log line, so it gets no reference.
 */
function useReference(error: unknown, renderedByServer: boolean): string | undefined {
  const root = useRouteLoaderData("root") as { requestId?: string } | undefined;
  if (isRouteErrorResponse(error)) {
    const reference = (error.data as { reference?: unknown } | null)?.reference;
    if (typeof reference === "string") return reference;
    if (error.status < 500) return undefined;
  }
  return renderedByServer ? root?.requestId : undefined;
}

/** Home keeps the admin's shop and host parameters, present unless the page came by client-side navigation. */
function useHomeUrl(): string {
  const { search } = useLocation();
  return `/app${search}`;
}

function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <MessagePage title={title} linkComponent={RemixPolarisLink}>
      {children}
    </MessagePage>
  );
}

function NotFound({ homeUrl }: { homeUrl: string | null }) {
  return (
    <Frame title="Page not found">
      <Text as="p">There is no page at this address in Social Feed. The link may be out of date.</Text>
      {homeUrl ? (
        <InlineStack>
          <Button variant="primary" url={homeUrl}>
            Go to Home
          </Button>
        </InlineStack>
      ) : (
        <Text as="p">Open Social Feed from the Apps section of your Shopify admin.</Text>
      )}
    </Frame>
  );
}

/** Loads the page's data again in place where App Bridge runs (see appBridgeRuns), else the document. */
function useReload(): () => void {
  const revalidator = useRevalidator();
  return () => (appBridgeRuns() ? revalidator.revalidate() : window.location.reload());
}

function Failure({ homeUrl, reference }: { homeUrl: string | null; reference: string | undefined }) {
  const reload = useReload();
  return (
    <Frame title="Something went wrong on our side">
      <Text as="p">Social Feed couldn’t show this page because of a problem in the app, not anything you did.</Text>
      <Text as="p">
        {homeUrl
          ? "Reload the page or go back to Home. "
          : "Reload the page, or open Social Feed again from the Apps section of your Shopify admin. "}
        If it keeps happening, contact support{reference ? " and give them the reference below" : ""}.
      </Text>
      {reference && (
        <Text as="p">
          Reference: <code data-request-reference>{reference}</code>
        </Text>
      )}
      <InlineStack gap="300">
        {homeUrl && (
          <Button variant="primary" url={homeUrl}>
            Go to Home
          </Button>
        )}
        <Button onClick={reload}>Reload</Button>
      </InlineStack>
    </Frame>
  );
}

/**
 * The page for an error a route boundary caught. `inAdmin` says whether the failed page belongs to
 * the embedded admin app, where Home is one click away; elsewhere the merchant is sent to the admin.
 */
export function ErrorPage({ error, inAdmin }: { error: unknown; inAdmin: boolean }) {
  const renderedByServer = useRenderedByServer();
  const reference = useReference(error, renderedByServer);
  const adminHome = useHomeUrl();
  const homeUrl = inAdmin ? adminHome : null;
  if (isNotFound(error)) return <NotFound homeUrl={homeUrl} />;
  return <Failure homeUrl={homeUrl} reference={reference} />;
}
