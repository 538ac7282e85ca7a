// In the sandbox there is no Shopify admin to issue session tokens, so the sandbox signs its own,
// exactly as Shopify does (HS256 with the app's API secret), for the sandbox shop only.
import { createHmac, randomUUID } from "node:crypto";
import { now } from "../clock.server";
import { config } from "../config.server";
import { SANDBOX_SHOP } from "./paths";

export const SANDBOX_TOKEN_TTL_SECONDS = 60;

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function sandboxSessionToken(): string {
  const { SHOPIFY_API_KEY, SHOPIFY_API_SECRET } = config();
  const issuedAt = Math.floor(now().getTime() / 1000);
  const header = base64url({ alg: "HS256", typ: "JWT" });
  const payload = base64url({
    iss: `https://${SANDBOX_SHOP}/admin`,
    dest: `https://${SANDBOX_SHOP}`,
    aud: SHOPIFY_API_KEY,
    sub: "1",
    exp: issuedAt + SANDBOX_TOKEN_TTL_SECONDS,
    nbf: issuedAt - 5,
    iat: issuedAt,
    jti: randomUUID(),
    sid: "sandbox-session",
  });
  const signature = createHmac("sha256", SHOPIFY_API_SECRET).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** The `host` query parameter Shopify passes to embedded apps: base64 of the admin's address. */
export function sandboxHostParam(): string {
  return Buffer.from(`admin.shopify.com/store/${SANDBOX_SHOP.replace(".myshopify.com", "")}`).toString("base64");
}
