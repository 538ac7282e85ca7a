// The shop's web pixel (extensions/social-feed-pixel): connected by the app with webPixelCreate, its
// settings telling it where to send batches and with which key. write_pixels and read_customer_events are
// optional scopes: the merchant grants them when turning analytics on (App Bridge's Scopes API), and
// Shopify's app/scopes_update webhook records them in the offline session (products/product-access).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { now } from "../clock.server";
import { config } from "../config.server";
import { db } from "../db.server";
import { grantedScopes } from "../shop/granted-scopes.server";
import {
  AccessDeniedError,
  PublishError,
  UserErrors,
  adminGraphqlFor,
  parseOrThrow,
  throwOnUserErrors,
  type AdminGraphql,
} from "../feed/admin-api.server";

export const PIXEL_SCOPES = ["write_pixels", "read_customer_events"];

export type PixelState = "no_scopes" | "not_connected" | "connected";

/** What the pixel's settings hold (its extension's settings fields; the contract with the pixel). */
export interface PixelSettings {
  ingestUrl: string;
  shop: string;
  key: string;
}

/** Whether the shop's offline session carries both scopes the pixel needs. */
export async function hasPixelScopes(shop: string): Promise<boolean> {
  const granted = await grantedScopes(shop);
  return PIXEL_SCOPES.every((scope) => granted.includes(scope));
}

export async function pixelState(shop: string): Promise<{ state: PixelState; lastEventAt: Date | null }> {
  const [scopes, pixel] = await Promise.all([
    hasPixelScopes(shop),
    db().analyticsPixel.findUnique({ where: { shop }, select: { webPixelId: true, lastEventAt: true } }),
  ]);
  const state = !scopes ? "no_scopes" : pixel?.webPixelId ? "connected" : "not_connected";
  return { state, lastEventAt: pixel?.lastEventAt ?? null };
}

/** The shop's ingest key, made on first use: 32 random bytes, so it cannot be guessed (it is not secret). */
async function ingestKey(shop: string): Promise<{ key: string; webPixelId: string | null }> {
  return db().analyticsPixel.upsert({
    where: { shop },
    create: { shop, key: randomBytes(32).toString("base64url") },
    update: {},
    select: { key: true, webPixelId: true },
  });
}

const PixelReply = z.object({
  webPixel: z.object({ id: z.string() }).nullable(),
  userErrors: UserErrors,
});

async function createPixel(graphql: AdminGraphql, settings: PixelSettings) {
  const data = await graphql(
    `
      mutation ConnectPixel($webPixel: WebPixelInput!) {
        webPixelCreate(webPixel: $webPixel) {
          webPixel {
            id
          }
          userErrors {
            field
            message
            code
          }
        }
      }
    `,
    { webPixel: { settings: JSON.stringify(settings) } },
  );
  return parseOrThrow(z.object({ webPixelCreate: PixelReply }), data, "connecting the pixel").webPixelCreate;
}

async function updatePixel(graphql: AdminGraphql, id: string, settings: PixelSettings) {
  const data = await graphql(
    `
      mutation UpdatePixel($id: ID!, $webPixel: WebPixelInput!) {
        webPixelUpdate(id: $id, webPixel: $webPixel) {
          webPixel {
            id
          }
          userErrors {
            field
            message
            code
          }
        }
      }
    `,
    { id, webPixel: { settings: JSON.stringify(settings) } },
  );
  return parseOrThrow(z.object({ webPixelUpdate: PixelReply }), data, "updating the pixel").webPixelUpdate;
}

/** The app's pixel in the shop, whatever we recorded (there is at most one per app and shop). */
async function existingPixelId(graphql: AdminGraphql): Promise<string> {
  const data = await graphql(
    `
      query AppPixel {
        webPixel {
          id
        }
      }
    `,
    {},
  );
  return parseOrThrow(z.object({ webPixel: z.object({ id: z.string() }) }), data, "the pixel query").webPixel.id;
}

/**
 * Writes the settings to the shop's pixel: an update of the one we recorded, else a create; a create
 * Shopify calls TAKEN (a pixel we lost track of) becomes an update of that one.
 */
async function savePixel(graphql: AdminGraphql, recordedId: string | null, settings: PixelSettings): Promise<string> {
  if (recordedId) {
    const updated = await updatePixel(graphql, recordedId, settings);
    if (updated.webPixel) return updated.webPixel.id;
    // NOT_FOUND: the pixel was removed (by an uninstall, or by Shopify): make a new one below.
    throwOnUserErrors(
      updated.userErrors.filter((error) => error.code !== "NOT_FOUND"),
      "updating the pixel",
    );
  }
  const created = await createPixel(graphql, settings);
  if (created.webPixel) return created.webPixel.id;
  if (!created.userErrors.some((error) => error.code === "TAKEN"))
    throwOnUserErrors(created.userErrors, "connecting the pixel");
  const id = await existingPixelId(graphql);
  const updated = await updatePixel(graphql, id, settings);
  throwOnUserErrors(updated.userErrors, "updating the pixel");
  return id;
}

export type ConnectResult = { ok: true } | { ok: false; problem: "no_scopes" | "shopify"; message: string };

/** Connects (or reconnects) the shop's pixel to this app's ingest endpoint with the shop's key. */
export async function connectPixel(shop: string): Promise<ConnectResult> {
  const { key, webPixelId } = await ingestKey(shop);
  const settings: PixelSettings = { ingestUrl: `${config().SHOPIFY_APP_URL}/ingest`, shop, key };
  try {
    const graphql = await adminGraphqlFor(shop);
    const id = await savePixel(graphql, webPixelId, settings);
    await db().analyticsPixel.update({
      where: { shop },
      data: { webPixelId: id, connectedAt: now(), lastError: null },
    });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    await db().analyticsPixel.update({ where: { shop }, data: { lastError: error.message } });
    if (error instanceof AccessDeniedError)
      return {
        ok: false,
        problem: "no_scopes",
        message: "Shopify has not given Social Feed the permissions analytics need. Turn analytics on to grant them.",
      };
    return { ok: false, problem: "shopify", message: "Shopify could not connect the analytics pixel. Try again." };
  }
}
