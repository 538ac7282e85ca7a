// The fake's HTTP side: POST /shops/<shop>/admin/api/<version>/graphql.json (the app reaches it through
// SHOPIFY_ADMIN_API_ORIGIN), the CDN for hosted files and product images, and the sandbox's controls.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { solidPng } from "../instagram/png";
import { executeRequest, type GraphqlRequest, type RequestLog, type RootResolvers } from "./execute";
import { serveFile } from "./files";
import { readJson, send } from "./http";
import { handleSandboxControl, SANDBOX_CONTROL_PREFIX } from "./sandbox-controls";
import type { FakeAppTarget, WebhookDelivery } from "./scopes";
import type { FakeAdminState } from "./state";

export interface ServerContext {
  state: FakeAdminState;
  root: RootResolvers;
  log: RequestLog;
  app?: FakeAppTarget;
  deliveries: WebhookDelivery[];
  sandboxControls: boolean;
}

async function handleGraphql(context: ServerContext, shop: string, req: IncomingMessage, res: ServerResponse) {
  if (!req.headers["x-shopify-access-token"])
    return send(res, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
  let request: GraphqlRequest;
  try {
    request = (await readJson(req)) as GraphqlRequest;
  } catch {
    return send(res, 400, { errors: { query: "Required parameter missing or invalid" } });
  }
  const reply = await executeRequest(context.root, shop, request, context.log);
  send(res, reply.status, reply.body);
}

/** A product's image (the generated ones: a tile coloured after the product). */
function serveProductImage(context: ServerContext, pathname: string, res: ServerResponse): boolean {
  const match = pathname.match(/^\/cdn\/shop\/products\/[^/]+\/(\d+)\.png$/);
  if (!match) return false;
  const product = context.state.products.get(`gid://shopify/Product/${match[1]}`);
  res.writeHead(200, { "Content-Type": "image/png", "Cache-Control": "public, max-age=31536000" });
  res.end(solidPng(product?.handle ?? "missing", product?.image?.width ?? 64));
  return true;
}

async function route(context: ServerContext, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://fake");
  const graphql = url.pathname.match(/^\/shops\/([^/]+)\/admin\/api\/[\w-]+\/graphql\.json$/);
  if (graphql && req.method === "POST") return handleGraphql(context, decodeURIComponent(graphql[1]!), req, res);
  if (context.sandboxControls && url.pathname.startsWith(SANDBOX_CONTROL_PREFIX)) {
    const body = req.method === "POST" ? await readJson(req).catch(() => null) : null;
    return handleSandboxControl(context, req.method ?? "GET", url, body, res);
  }
  if (
    req.method === "GET" &&
    (serveFile(context.state, url.pathname, res) || serveProductImage(context, url.pathname, res))
  )
    return;
  send(res, 404, { errors: "Not Found" });
}

export async function listen(context: ServerContext, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    route(context, req, res).catch(() => send(res, 500, { errors: "Internal error" }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}
