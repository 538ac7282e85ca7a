// What the sandbox's stand-in admin asks of "Shopify" (the Admin API stand-in) for App Bridge's Scopes
// API and resource picker, and for the seed's products: its /__sandbox controls, over HTTP, since the
// stand-in runs beside the app rather than inside it.
import { json } from "@remix-run/node";
import { z } from "zod";
import { config } from "../config.server";
import { requireSandbox } from "./guard.server";
import { SANDBOX_SHOP } from "./paths";

export const ScopesDetail = z.object({
  granted: z.array(z.string()),
  required: z.array(z.string()),
  optional: z.array(z.string()),
});
export type ScopesDetail = z.infer<typeof ScopesDetail>;

export const ScopesRequestReply = z.object({ result: z.literal("granted-all"), detail: ScopesDetail });

/** A reply of the stand-in that is not a success, passed on to App Bridge's stand-in as it came. */
export class ControlRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function control(path: string, init?: { method: string; body: unknown }): Promise<unknown> {
  requireSandbox();
  const response = await fetch(
    `${config().SHOPIFY_ADMIN_API_ORIGIN}/__sandbox/shops/${encodeURIComponent(SANDBOX_SHOP)}/${path}`,
    init && {
      method: init.method,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(init.body),
    },
  );
  const body = (await response.json()) as { error?: string };
  if (!response.ok) throw new ControlRefused(response.status, body.error ?? `HTTP ${response.status}`);
  return body;
}

export const sandboxScopes = async () => ScopesDetail.parse(await control("scopes"));

/** The merchant accepted Shopify's consent dialog: the scopes are granted and the app told by webhook. */
export const grantSandboxScopes = async (scopes: string[]) =>
  ScopesRequestReply.parse(await control("scopes", { method: "POST", body: { scopes } }));

/** The shop's products as App Bridge's resource picker lists them (only with read_products, as Shopify's). */
export const pickerProducts = async () =>
  z.array(z.object({ id: z.string() }).loose()).parse(await control("products"));

export const addSandboxProduct = (product: unknown) => control("products", { method: "POST", body: product });

/** The stand-in's answer for App Bridge's stand-in: the reply, or the stand-in's refusal in its words. */
export async function relayed(work: () => Promise<unknown>): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  try {
    return json(await work(), { headers });
  } catch (error) {
    if (error instanceof ControlRefused) return json({ error: error.message }, { status: error.status, headers });
    throw error;
  }
}
