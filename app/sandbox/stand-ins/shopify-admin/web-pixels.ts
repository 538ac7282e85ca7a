// The app's web pixel (one per app and shop): webPixelCreate, webPixelUpdate and the webPixel query.
// As in Shopify: both mutations need write_pixels and read_customer_events; the settings must match the
// settings the app's web_pixel_extension declares (extensions/*/shopify.extension.toml), or the answer is
// INVALID_SETTINGS (NO_EXTENSION when the app has none); a second create is TAKEN; `settings` travels as
// a JSON string both ways.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { GraphQLError } from "graphql";
import { accessDenied } from "./errors";
import { grantedScopes } from "./scopes";
import type { FakeAdminState, RequestContext } from "./state";

export interface FakeWebPixel {
  id: string;
  settings: Record<string, unknown>;
}

const EXTENSIONS = path.resolve(import.meta.dirname, "../../../../extensions");
const PIXEL_SCOPES = ["write_pixels", "read_customer_events"];

/** The settings fields of the app's web pixel extension (null: the app has no web pixel extension). */
function declaredSettings(): string[] | null {
  for (const name of readdirSync(EXTENSIONS)) {
    let toml: string;
    try {
      toml = readFileSync(path.join(EXTENSIONS, name, "shopify.extension.toml"), "utf8");
    } catch {
      continue;
    }
    if (!/^type\s*=\s*"web_pixel_extension"/m.test(toml)) continue;
    return [...toml.matchAll(/^\[settings\.fields\.([A-Za-z0-9_]+)\]/gm)].map((match) => match[1]!);
  }
  return null;
}

const userError = (message: string, code: string) => ({ field: ["webPixel", "settings"], message, code });

/** The settings as Shopify checks them: a JSON object (given as a string), exactly the declared text fields. */
function checkSettings(
  input: unknown,
): { settings: Record<string, unknown> } | { error: ReturnType<typeof userError> } {
  const fields = declaredSettings();
  if (!fields) return { error: userError("No extension found.", "NO_EXTENSION") };
  let settings: unknown = input;
  if (typeof input === "string")
    try {
      settings = JSON.parse(input);
    } catch {
      return { error: userError("Settings is not valid JSON.", "INVALID_CONFIGURATION_JSON") };
    }
  if (typeof settings !== "object" || settings === null || Array.isArray(settings))
    return { error: userError("Settings is not valid JSON.", "INVALID_CONFIGURATION_JSON") };
  const entries = Object.entries(settings);
  const valid =
    entries.every(([key, value]) => fields.includes(key) && typeof value === "string" && value.length > 0) &&
    fields.every((field) => field in settings);
  if (!valid)
    return { error: userError("Settings do not match the web pixel's settings definition.", "INVALID_SETTINGS") };
  return { settings: settings as Record<string, unknown> };
}

export function webPixelResolvers(state: FakeAdminState) {
  const requireScopes = (shop: string, field: string) => {
    const granted = grantedScopes(state, shop);
    const missing = PIXEL_SCOPES.find((scope) => !granted.has(scope));
    if (missing) throw accessDenied(field, missing);
  };
  const reply = (pixel: FakeWebPixel) => ({ id: pixel.id, settings: JSON.stringify(pixel.settings) });

  return {
    webPixel(_: { id?: string }, { shop }: RequestContext) {
      const granted = grantedScopes(state, shop);
      if (!granted.has("read_pixels") && !granted.has("write_pixels")) throw accessDenied("webPixel", "read_pixels");
      const pixel = state.webPixels.get(shop);
      if (!pixel) throw new GraphQLError("No web pixel was found for this app.", { extensions: { code: "NOT_FOUND" } });
      return reply(pixel);
    },

    webPixelCreate({ webPixel }: { webPixel: { settings: unknown } }, { shop }: RequestContext) {
      requireScopes(shop, "webPixelCreate");
      if (state.webPixels.has(shop))
        return { webPixel: null, userErrors: [{ field: ["webPixel"], message: "Web pixel is taken.", code: "TAKEN" }] };
      const checked = checkSettings(webPixel.settings);
      if ("error" in checked) return { webPixel: null, userErrors: [checked.error] };
      const pixel = { id: `gid://shopify/WebPixel/${state.nextId()}`, settings: checked.settings };
      state.webPixels.set(shop, pixel);
      return { webPixel: reply(pixel), userErrors: [] };
    },

    webPixelUpdate({ id, webPixel }: { id: string; webPixel: { settings: unknown } }, { shop }: RequestContext) {
      requireScopes(shop, "webPixelUpdate");
      const pixel = state.webPixels.get(shop);
      if (pixel?.id !== id)
        return { webPixel: null, userErrors: [{ field: ["id"], message: "Web pixel not found.", code: "NOT_FOUND" }] };
      const checked = checkSettings(webPixel.settings);
      if ("error" in checked) return { webPixel: null, userErrors: [checked.error] };
      pixel.settings = checked.settings;
      return { webPixel: reply(pixel), userErrors: [] };
    },
  };
}
