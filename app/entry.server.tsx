import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import {
  createReadableStreamFromReadable,
  json,
  type AppLoadContext,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";
import { logRequestFailure, requestIdFor, responseFailure } from "./request-log.server";

export { startBackgroundWork, stopBackgroundWork } from "./jobs/workers.server";

export const streamTimeout = 5000;

const SCRUBBED_MESSAGE = "Unexpected Server Error";

/**
 * Every error a loader, action or render throws: logged with the request's id, then emptied. Remix
 * calls this before it serializes the error into the page (in development it would send the message
 * and stack to the browser; in production it already sends only "Unexpected Server Error"), so after
 * this no mode lets a message or a stack frame reach a merchant. The log has them.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return; // the merchant went elsewhere before the answer was ready
  if (isRouteErrorResponse(error)) {
    // Remix's own answers (no route matches, method not allowed) are not failures of ours.
    const internal = (error as { error?: unknown }).error;
    if (error.status < 500 || !internal) return;
    logRequestFailure(context, internal);
    scrub(internal);
    return;
  }
  logRequestFailure(context, error);
  scrub(error);
};

function scrub(error: unknown) {
  if (!(error instanceof Error)) return;
  error.message = SCRUBBED_MESSAGE;
  error.stack = undefined;
}

/**
 * A failed data request (a client-side navigation, form or fetcher) answers with the request's id
 * instead of Remix's error body: a thrown-Response answer `{reference}` that reaches the error
 * boundary as data, since Remix rebuilds a thrown error in the browser from its message alone.
 */
export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  const failed =
    response.status >= 500 && (response.headers.has("X-Remix-Error") || response.headers.has("X-Remix-Catch"));
  if (!failed) return response;
  // A thrown Response (Shopify's library answers token-exchange trouble with a bare 500) never goes
  // through handleError; an Error did and is logged already.
  const id = response.headers.has("X-Remix-Catch")
    ? logRequestFailure(context, responseFailure(response.status, response.statusText))
    : requestIdFor(context);
  return json(
    { reference: id },
    {
      status: response.status,
      statusText: "Internal Server Error",
      headers: { "X-Remix-Catch": "yes", "X-Request-Id": id, "Cache-Control": "no-store" },
    },
  );
};

/** A document whose loader threw a server-error Response: Remix does not report those to handleError. */
function logThrownServerErrors(context: AppLoadContext, remixContext: EntryContext) {
  for (const error of Object.values(remixContext.staticHandlerContext.errors ?? {})) {
    if (isRouteErrorResponse(error) && error.status >= 500 && !(error as { error?: unknown }).error) {
      logRequestFailure(context, responseFailure(error.status, error.statusText));
    }
  }
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Shopify's frame-ancestors CSP and related headers on every document.
  addDocumentResponseHeaders(request, responseHeaders);
  // The id the page shows, also for whoever reads the response (a HAR file sent to support).
  responseHeaders.set("X-Request-Id", requestIdFor(loadContext));
  logThrownServerErrors(loadContext, remixContext);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");

  return new Promise((resolve, reject) => {
    let shellReady = false;
    const send = () => {
      const body = new PassThrough();
      const stream = createReadableStreamFromReadable(body);
      responseHeaders.set("Content-Type", "text/html");
      resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      onShellReady() {
        shellReady = true;
        if (!waitForAll) send();
      },
      onAllReady() {
        if (waitForAll) send();
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        // Before the shell is ready, Remix catches the failed render and reports it to handleError.
        if (shellReady) logRequestFailure(loadContext, error);
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
