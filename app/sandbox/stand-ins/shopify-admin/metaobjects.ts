// App-owned metaobjects: metaobjectDefinitionByType, metaobjectDefinitionCreate, metaobjectUpsert (the
// definition's fields checked as Shopify does) and metaobjectDelete.
import type { FakeAdminState, RequestContext } from "./state";

type Input = Record<string, unknown>;
const userError = (field: string[], message: string, code: string) => ({ field, message, code });

export function metaobjectResolvers(state: FakeAdminState) {
  const definitionOf = (shop: string, type: unknown) => state.definitions.get(`${shop}|${String(type)}`);

  return {
    metaobjectDefinitionByType({ type }: { type: string }, { shop }: RequestContext) {
      const definition = definitionOf(shop, type);
      return definition ? { id: definition.id, type: definition.type } : null;
    },

    metaobjectDefinitionCreate({ definition: input }: { definition: Input }, { shop }: RequestContext) {
      const type = String(input.type ?? "");
      const fail = (message: string, code: string) => ({
        metaobjectDefinition: null,
        userErrors: [userError(["definition", "type"], message, code)],
      });
      if (!/^(\$app:)?[a-z0-9_-]{3,255}$/.test(type)) return fail("Type is invalid.", "INVALID");
      if (definitionOf(shop, type)) return fail("Type has already been taken.", "TAKEN");
      const fields = ((input.fieldDefinitions ?? []) as Input[]).map((field) => ({
        key: String(field.key),
        required: field.required === true,
      }));
      const storefront = String((input.access as Input | undefined)?.storefront ?? "NONE");
      const definition = { id: `gid://shopify/MetaobjectDefinition/${state.nextId()}`, type, fields, storefront };
      state.definitions.set(`${shop}|${type}`, definition);
      return { metaobjectDefinition: { id: definition.id, type }, userErrors: [] };
    },

    metaobjectUpsert(
      { handle, metaobject }: { handle: { type: string; handle: string }; metaobject: { fields?: Input[] } },
      { shop }: RequestContext,
    ) {
      const definition = definitionOf(shop, handle.type);
      const fail = (field: string[], message: string, code: string) => ({
        metaobject: null,
        userErrors: [userError(field, message, code)],
      });
      if (!definition)
        return fail(["handle", "type"], "No metaobject definition exists for type.", "UNDEFINED_OBJECT_TYPE");
      if (!/^[a-z0-9-]{1,255}$/.test(handle.handle)) return fail(["handle", "handle"], "Handle is invalid.", "INVALID");
      const given = (metaobject.fields ?? []).map((field) => ({ key: String(field.key), value: String(field.value) }));
      const unknown = given.find((field) => !definition.fields.some((known) => known.key === field.key));
      if (unknown)
        return fail(
          ["metaobject", "fields"],
          `Field definition "${unknown.key}" does not exist.`,
          "UNDEFINED_OBJECT_FIELD",
        );
      const existing = [...state.metaobjects.values()].find(
        (entry) => entry.shop === shop && entry.type === definition.type && entry.handle === handle.handle,
      );
      const fields = { ...existing?.fields, ...Object.fromEntries(given.map((field) => [field.key, field.value])) };
      const missing = definition.fields.find((field) => field.required && !fields[field.key]);
      if (missing) return fail(["metaobject", "fields"], `${missing.key} can't be blank.`, "OBJECT_FIELD_REQUIRED");
      const entry = existing ?? {
        id: `gid://shopify/Metaobject/${state.nextId()}`,
        shop,
        type: definition.type,
        handle: handle.handle,
        fields: {},
      };
      entry.fields = fields;
      state.metaobjects.set(entry.id, entry);
      return { metaobject: { id: entry.id, handle: entry.handle, type: entry.type }, userErrors: [] };
    },

    metaobjectDelete({ id }: { id: string }, { shop }: RequestContext) {
      if (state.metaobjects.get(id)?.shop !== shop)
        return { deletedId: null, userErrors: [userError(["id"], "Record not found", "RECORD_NOT_FOUND")] };
      state.metaobjects.delete(id);
      return { deletedId: id, userErrors: [] };
    },
  };
}
