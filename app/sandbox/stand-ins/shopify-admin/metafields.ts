// App-data metafields (owner: the app's installation): metafieldsSet with Shopify's input checks and its
// 128 KB limit for JSON values, and metafieldsDelete.
import { installationId, type FakeAdminState, type RequestContext } from "./state";

const JSON_METAFIELD_LIMIT = 128 * 1024;
const MAX_METAFIELDS_PER_CALL = 25;

type Input = Record<string, unknown>;

const metafieldKey = (shop: string, namespace: unknown, key: unknown) => `${shop}|${String(namespace)}|${String(key)}`;

function setErrors(shop: string, inputs: Input[]) {
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
    if (input.type !== "json") error("type", "Type is not supported here.", "INVALID_TYPE");
    const value = String(input.value ?? "");
    if (Buffer.byteLength(value) > JSON_METAFIELD_LIMIT) error("value", "Value is too big.", "INVALID_VALUE");
    try {
      JSON.parse(value);
    } catch {
      error("value", "Value is invalid JSON.", "INVALID_VALUE");
    }
  });
  return userErrors;
}

export function metafieldResolvers(state: FakeAdminState) {
  return {
    metafieldsSet({ metafields: inputs }: { metafields: Input[] }, { shop }: RequestContext) {
      const userErrors = setErrors(shop, inputs);
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
