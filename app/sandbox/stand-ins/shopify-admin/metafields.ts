// App-data metafields (owner: the app's installation): metafieldsSet with Shopify's input checks (the
// 128 KB limit for JSON values; list.product_reference values naming products the shop has, at most 128),
// and metafieldsDelete.
import { installationId, type FakeAdminState, type RequestContext } from "./state";

const JSON_METAFIELD_LIMIT = 128 * 1024;
const MAX_METAFIELDS_PER_CALL = 25;
const MAX_LIST_ITEMS = 128;
/** The metafield types the app writes: its JSON documents, and the products a feed shows. */
const SUPPORTED_TYPES = new Set(["json", "list.product_reference"]);
const PRODUCT_GID = /^gid:\/\/shopify\/Product\/\d+$/;

type Input = Record<string, unknown>;

const metafieldKey = (shop: string, namespace: unknown, key: unknown) => `${shop}|${String(namespace)}|${String(key)}`;

/** What is wrong with a value for its type, as Shopify says it (undefined: nothing). */
function valueProblem(state: FakeAdminState, shop: string, type: unknown, value: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return "Value is invalid JSON.";
  }
  if (type === "json") return Buffer.byteLength(value) > JSON_METAFIELD_LIMIT ? "Value is too big." : undefined;
  if (type !== "list.product_reference") return undefined;
  if (!Array.isArray(parsed) || !parsed.every((id) => typeof id === "string" && PRODUCT_GID.test(id)))
    return "Value must be a list of product references.";
  if (parsed.length > MAX_LIST_ITEMS) return `Value has more than ${MAX_LIST_ITEMS} items.`;
  const missing = parsed.find((id: string) => state.products.get(id)?.shop !== shop);
  return missing ? `Value references non-existent resource ${missing}.` : undefined;
}

function setErrors(state: FakeAdminState, shop: string, inputs: Input[]) {
  const userErrors: Array<{ field: string[]; message: string; code: string }> = [];
  if (inputs.length > MAX_METAFIELDS_PER_CALL)
    userErrors.push({
      field: ["metafields"],
      message: `Exceeded the maximum metafields input limit of ${MAX_METAFIELDS_PER_CALL}.`,
      code: "LESS_THAN_OR_EQUAL_TO",
    });
  inputs.forEach((input, i) => {
    const error = (field: string, message: string, code: string) =>
      userErrors.push({ field: ["metafields", String(i), field], message, code });
    if (input.ownerId !== installationId(shop)) error("ownerId", "Owner does not exist.", "INVALID");
    if (typeof input.key !== "string" || input.key.length < 2 || input.key.length > 64)
      error("key", "Key is invalid.", "INVALID");
    if (typeof input.namespace !== "string" || input.namespace.length < 3)
      error("namespace", "Namespace is too short.", "TOO_SHORT");
    if (!SUPPORTED_TYPES.has(String(input.type))) error("type", "Type is not supported here.", "INVALID_TYPE");
    const problem = valueProblem(state, shop, input.type, String(input.value ?? ""));
    if (problem) error("value", problem, "INVALID_VALUE");
  });
  return userErrors;
}

export function metafieldResolvers(state: FakeAdminState) {
  return {
    metafieldsSet({ metafields: inputs }: { metafields: Input[] }, { shop }: RequestContext) {
      const userErrors = setErrors(state, shop, inputs);
      if (userErrors.length) return { metafields: null, userErrors };
      const saved = inputs.map((input) => {
        state.metafields.set(metafieldKey(shop, input.namespace, input.key), String(input.value));
        return {
          id: `gid://shopify/Metafield/${state.nextId()}`,
          namespace: input.namespace,
          key: input.key,
          value: input.value,
          type: input.type,
          ownerType: "API_PERMISSION",
        };
      });
      return { metafields: saved, userErrors: [] };
    },

    metafieldsDelete({ metafields: inputs }: { metafields: Input[] }, { shop }: RequestContext) {
      const userErrors = inputs.flatMap((input, i) =>
        input.ownerId === installationId(shop)
          ? []
          : [{ field: ["metafields", String(i), "ownerId"], message: "Owner does not exist." }],
      );
      if (userErrors.length) return { deletedMetafields: null, userErrors };
      const deleted = inputs.map((input) =>
        state.metafields.delete(metafieldKey(shop, input.namespace, input.key))
          ? { ownerId: input.ownerId, namespace: input.namespace, key: input.key }
          : null,
      );
      return { deletedMetafields: deleted, userErrors: [] };
    },
  };
}

export function readMetafield(state: FakeAdminState, shop: string, namespace: string, key: string): unknown {
  const value = state.metafields.get(metafieldKey(shop, namespace, key));
  return value === undefined ? undefined : JSON.parse(value);
}
