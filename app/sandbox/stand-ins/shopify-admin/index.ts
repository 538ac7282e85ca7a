// An HTTP fake of the parts of Shopify's Admin GraphQL API the app uses: shop (contact email, name, time
// zone), currentAppInstallation, metafieldsSet and metafieldsDelete (app-data metafields), app-owned
// metaobjects (metaobjectDefinitionByType, metaobjectDefinitionCreate, metaobjectUpsert, metaobjectDelete),
// fileCreate (Shopify fetches the originalSource itself, then the
// file turns READY or FAILED), nodes (file status) and fileDelete. It checks requests the way Shopify
// does: access token, input validation with userErrors, the 128 KB limit for JSON metafields.
// The app reaches it through SHOPIFY_ADMIN_API_ORIGIN: POST /shops/<shop>/admin/api/<version>/graphql.json
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { solidPng } from "../instagram/png";

export interface FakeFile {
  id: string;
  shop: string;
  alt: string;
  originalSource: string;
  status: "UPLOADED" | "PROCESSING" | "READY" | "FAILED";
  image?: { url: string; width: number; height: number };
  bytes?: Buffer;
  errors: Array<{ code: string; message: string }>;
  polls: number;
}

/** A metaobject entry as the fake holds it: its fields by key. */
export interface FakeMetaobject {
  id: string;
  shop: string;
  type: string;
  handle: string;
  fields: Record<string, string>;
}

interface FakeDefinition {
  id: string;
  type: string;
  fields: Array<{ key: string; required: boolean }>;
  storefront: string;
}

/** What the Shop object answers (every shop the fake serves is alike, apart from its domain). */
export interface FakeShopDetails {
  name: string;
  contactEmail: string;
  ianaTimezone: string;
}

export const DEFAULT_SHOP_DETAILS: FakeShopDetails = {
  name: "Sandbox Shop",
  contactEmail: "owner@sandbox-shop.example",
  // Far from UTC, so that a time shown in UTC by mistake is visibly wrong.
  ianaTimezone: "Pacific/Auckland",
};

export interface FakeShopifyAdmin {
  origin: string;
  /** Changes what later `shop` queries answer. */
  setShop(details: Partial<FakeShopDetails>): void;
  /** The value last set for an app-data metafield, parsed from JSON (undefined if never set). */
  metafield(shop: string, namespace: string, key: string): unknown;
  files(shop: string): FakeFile[];
  /** The shop's metaobject entries of a type, in creation order. */
  metaobjects(shop: string, type: string): FakeMetaobject[];
  /** Whether the shop has the metaobject definition, and how the storefront may read it. */
  definition(shop: string, type: string): { storefront: string } | undefined;
  calls: Array<{ shop: string; operation: string }>;
  /** Every distinct GraphQL document the app sent, for checking against Shopify's published schema. */
  documents: Set<string>;
  /** Polls of a new file before it is READY (Shopify processes files asynchronously). */
  set(options: { pollsUntilReady?: number }): void;
  failNext(operation: string, reply: { status: number; body: unknown }): void;
  close(): Promise<void>;
}

const JSON_METAFIELD_LIMIT = 128 * 1024;
const installationId = (shop: string) =>
  `gid://shopify/AppInstallation/${[...shop].reduce((sum, c) => sum + c.charCodeAt(0), 1000)}`;

export async function startFakeShopifyAdmin(
  options: { port?: number; shop?: Partial<FakeShopDetails> } = {},
): Promise<FakeShopifyAdmin> {
  const shopDetails: FakeShopDetails = { ...DEFAULT_SHOP_DETAILS, ...options.shop };
  const metafields = new Map<string, string>();
  const files = new Map<string, FakeFile>();
  const definitions = new Map<string, FakeDefinition>();
  const metaobjects = new Map<string, FakeMetaobject>();
  const calls: FakeShopifyAdmin["calls"] = [];
  const documents = new Set<string>();
  const faults = new Map<string, { status: number; body: unknown }>();
  let pollsUntilReady = 1;
  let nextId = 30_000_000_000;
  let origin = "";

  async function download(file: FakeFile) {
    try {
      const response = await fetch(file.originalSource);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      const isPng = bytes.subarray(1, 4).toString("latin1") === "PNG";
      const width = isPng ? bytes.readUInt32BE(16) : 1080;
      const height = isPng ? bytes.readUInt32BE(20) : 1080;
      const name = `${file.id.split("/").at(-1)}.png`;
      file.bytes = bytes;
      file.image = {
        url: `${origin}/cdn/shop/files/${encodeURIComponent(file.shop)}/${name}?v=${Date.now()}`,
        width,
        height,
      };
      file.status = "READY";
    } catch {
      file.status = "FAILED";
      file.errors = [
        { code: "IMAGE_DOWNLOAD_FAILURE", message: "The image could not be downloaded from the source URL." },
      ];
    }
  }

  function fileNode(file: FakeFile | undefined) {
    if (!file) return null;
    const ready = file.status === "READY" && file.polls >= pollsUntilReady;
    const status = file.status === "READY" && !ready ? "PROCESSING" : file.status;
    return {
      __typename: "MediaImage",
      id: file.id,
      alt: file.alt,
      fileStatus: status,
      image: status === "READY" ? file.image : null,
      fileErrors: file.errors,
    };
  }

  const operations: Record<string, (shop: string, variables: Record<string, unknown>) => Promise<unknown> | unknown> = {
    shop: (shop) => ({
      shop: { id: installationId(shop).replace("AppInstallation", "Shop"), myshopifyDomain: shop, ...shopDetails },
    }),

    currentAppInstallation: (shop) => ({ currentAppInstallation: { id: installationId(shop) } }),

    metafieldsSet: (shop, variables) => {
      const inputs = (variables.metafields ?? []) as Array<Record<string, unknown>>;
      const userErrors: Array<{ field: string[]; message: string; code: string }> = [];
      if (inputs.length > 25)
        userErrors.push({
          field: ["metafields"],
          message: "Exceeded the maximum metafields input limit of 25.",
          code: "LESS_THAN_OR_EQUAL_TO",
        });
      inputs.forEach((input, i) => {
        const at = (field: string) => ["metafields", String(i), field];
        if (input.ownerId !== installationId(shop))
          userErrors.push({ field: at("ownerId"), message: "Owner does not exist.", code: "INVALID" });
        if (typeof input.key !== "string" || input.key.length < 2 || input.key.length > 64)
          userErrors.push({ field: at("key"), message: "Key is invalid.", code: "INVALID" });
        if (typeof input.namespace !== "string" || input.namespace.length < 3)
          userErrors.push({ field: at("namespace"), message: "Namespace is too short.", code: "TOO_SHORT" });
        if (input.type !== "json")
          userErrors.push({ field: at("type"), message: "Type is not supported here.", code: "INVALID_TYPE" });
        const value = String(input.value ?? "");
        if (Buffer.byteLength(value) > JSON_METAFIELD_LIMIT)
          userErrors.push({ field: at("value"), message: "Value is too big.", code: "INVALID_VALUE" });
        try {
          JSON.parse(value);
        } catch {
          userErrors.push({ field: at("value"), message: "Value is invalid JSON.", code: "INVALID_VALUE" });
        }
      });
      if (userErrors.length) return { metafieldsSet: { metafields: null, userErrors } };
      const saved = inputs.map((input) => {
        metafields.set(`${shop}|${input.namespace}|${input.key}`, String(input.value));
        return { id: `gid://shopify/Metafield/${nextId++}`, namespace: input.namespace, key: input.key };
      });
      return { metafieldsSet: { metafields: saved, userErrors: [] } };
    },

    metafieldsDelete: (shop, variables) => {
      const inputs = (variables.metafields ?? []) as Array<Record<string, unknown>>;
      const userErrors = inputs.flatMap((input, i) =>
        input.ownerId === installationId(shop)
          ? []
          : [{ field: ["metafields", String(i), "ownerId"], message: "Owner does not exist." }],
      );
      if (userErrors.length) return { metafieldsDelete: { deletedMetafields: null, userErrors } };
      const deleted = inputs.map((input) => {
        const id = `${shop}|${String(input.namespace)}|${String(input.key)}`;
        const existed = metafields.delete(id);
        return existed ? { ownerId: input.ownerId, namespace: input.namespace, key: input.key } : null;
      });
      return { metafieldsDelete: { deletedMetafields: deleted, userErrors: [] } };
    },

    metaobjectDefinitionByType: (shop, variables) => {
      const definition = definitions.get(`${shop}|${String(variables.type)}`);
      return { metaobjectDefinitionByType: definition ? { id: definition.id, type: definition.type } : null };
    },

    metaobjectDefinitionCreate: (shop, variables) => {
      const input = (variables.definition ?? {}) as Record<string, unknown>;
      const type = String(input.type ?? "");
      const fail = (message: string, code: string) => ({
        metaobjectDefinitionCreate: {
          metaobjectDefinition: null,
          userErrors: [{ field: ["definition", "type"], message, code }],
        },
      });
      if (!/^(\$app:)?[a-z0-9_-]{3,255}$/.test(type)) return fail("Type is invalid.", "INVALID");
      if (definitions.has(`${shop}|${type}`)) return fail("Type has already been taken.", "TAKEN");
      const fields = ((input.fieldDefinitions ?? []) as Array<Record<string, unknown>>).map((field) => ({
        key: String(field.key),
        required: field.required === true,
      }));
      const storefront = String((input.access as Record<string, unknown> | undefined)?.storefront ?? "NONE");
      const definition = { id: `gid://shopify/MetaobjectDefinition/${nextId++}`, type, fields, storefront };
      definitions.set(`${shop}|${type}`, definition);
      return { metaobjectDefinitionCreate: { metaobjectDefinition: { id: definition.id }, userErrors: [] } };
    },

    metaobjectUpsert: (shop, variables) => {
      const handle = (variables.handle ?? {}) as { type?: string; handle?: string };
      const input = (variables.metaobject ?? {}) as { fields?: Array<{ key: string; value: string }> };
      const definition = definitions.get(`${shop}|${String(handle.type)}`);
      const fail = (field: string[], message: string, code: string) => ({
        metaobjectUpsert: { metaobject: null, userErrors: [{ field, message, code }] },
      });
      if (!definition)
        return fail(["handle", "type"], "No metaobject definition exists for type.", "UNDEFINED_OBJECT_TYPE");
      if (!/^[a-z0-9-]{1,255}$/.test(String(handle.handle)))
        return fail(["handle", "handle"], "Handle is invalid.", "INVALID");
      const given = input.fields ?? [];
      const unknown = given.find((field) => !definition.fields.some((known) => known.key === field.key));
      if (unknown)
        return fail(
          ["metaobject", "fields"],
          `Field definition "${unknown.key}" does not exist.`,
          "UNDEFINED_OBJECT_FIELD",
        );
      const existing = [...metaobjects.values()].find(
        (entry) => entry.shop === shop && entry.type === definition.type && entry.handle === handle.handle,
      );
      const fields = {
        ...existing?.fields,
        ...Object.fromEntries(given.map((field) => [field.key, String(field.value)])),
      };
      const missing = definition.fields.find((field) => field.required && !fields[field.key]);
      if (missing) return fail(["metaobject", "fields"], `${missing.key} can't be blank.`, "OBJECT_FIELD_REQUIRED");
      const entry = existing ?? {
        id: `gid://shopify/Metaobject/${nextId++}`,
        shop,
        type: definition.type,
        handle: String(handle.handle),
        fields: {},
      };
      entry.fields = fields;
      metaobjects.set(entry.id, entry);
      return { metaobjectUpsert: { metaobject: { id: entry.id, handle: entry.handle }, userErrors: [] } };
    },

    metaobjectDelete: (shop, variables) => {
      const id = String(variables.id ?? "");
      if (metaobjects.get(id)?.shop !== shop)
        return {
          metaobjectDelete: {
            deletedId: null,
            userErrors: [{ field: ["id"], message: "Record not found", code: "RECORD_NOT_FOUND" }],
          },
        };
      metaobjects.delete(id);
      return { metaobjectDelete: { deletedId: id, userErrors: [] } };
    },

    fileCreate: (shop, variables) => {
      const inputs = (variables.files ?? []) as Array<Record<string, unknown>>;
      const userErrors = inputs.flatMap((input, i) => {
        const source = String(input.originalSource ?? "");
        if (!/^https?:\/\//.test(source))
          return [
            {
              field: ["files", String(i), "originalSource"],
              message: "Image URL is invalid",
              code: "INVALID_IMAGE_SOURCE_URL",
            },
          ];
        if (String(input.alt ?? "").length > 512)
          return [{ field: ["files", String(i), "alt"], message: "Alt is too long", code: "ALT_VALUE_LIMIT_EXCEEDED" }];
        return [];
      });
      if (userErrors.length) return { fileCreate: { files: null, userErrors } };
      const created = inputs.map((input) => {
        const file: FakeFile = {
          id: `gid://shopify/MediaImage/${nextId++}`,
          shop,
          alt: String(input.alt ?? ""),
          originalSource: String(input.originalSource),
          status: "UPLOADED",
          errors: [],
          polls: 0,
        };
        files.set(file.id, file);
        void download(file);
        return {
          id: file.id,
          alt: file.alt,
          fileStatus: "UPLOADED",
          __typename: "MediaImage",
          image: null,
          fileErrors: [],
        };
      });
      return { fileCreate: { files: created, userErrors: [] } };
    },

    nodes: (shop, variables) => {
      const ids = (variables.ids ?? []) as string[];
      return {
        nodes: ids.map((id) => {
          const file = files.get(id);
          if (!file || file.shop !== shop) return null;
          file.polls += 1;
          return fileNode(file);
        }),
      };
    },

    fileDelete: (shop, variables) => {
      const ids = (variables.fileIds ?? []) as string[];
      const missing = ids.filter((id) => files.get(id)?.shop !== shop);
      if (missing.length)
        return {
          fileDelete: {
            deletedFileIds: null,
            userErrors: missing.map((id) => ({
              field: ["fileIds"],
              message: `File id ${id} does not exist.`,
              code: "FILE_DOES_NOT_EXIST",
            })),
          },
        };
      ids.forEach((id) => files.delete(id));
      return { fileDelete: { deletedFileIds: ids, userErrors: [] } };
    },
  };

  async function handleGraphql(shop: string, req: IncomingMessage, res: ServerResponse) {
    if (!req.headers["x-shopify-access-token"]) {
      return send(res, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    }
    const body = JSON.parse((await readBody(req)) || "{}") as { query?: string; variables?: Record<string, unknown> };
    const query = body.query ?? "";
    documents.add(query);
    const operation = Object.keys(operations).find((name) => new RegExp(`\\b${name}\\s*[({]`).test(query));
    if (!operation)
      return send(res, 200, {
        errors: [{ message: "This fake does not know that query.", extensions: { code: "undefinedField" } }],
      });
    calls.push({ shop, operation });
    const fault = faults.get(operation);
    if (fault) {
      faults.delete(operation);
      return send(res, fault.status, fault.body);
    }
    const data = await operations[operation]!(shop, body.variables ?? {});
    send(res, 200, {
      data,
      extensions: {
        cost: {
          requestedQueryCost: 10,
          actualQueryCost: 10,
          throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 },
        },
      },
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const graphql = url.pathname.match(/^\/shops\/([^/]+)\/admin\/api\/[\w-]+\/graphql\.json$/);
    if (graphql && req.method === "POST") {
      handleGraphql(decodeURIComponent(graphql[1]!), req, res).catch(() =>
        send(res, 500, { errors: "Internal error" }),
      );
      return;
    }
    const cdn = url.pathname.match(/^\/cdn\/shop\/files\/([^/]+)\/(\d+)\.png$/);
    const file = cdn ? files.get(`gid://shopify/MediaImage/${cdn[2]}`) : undefined;
    if (file?.bytes) {
      res.writeHead(200, { "Content-Type": "image/png", "Cache-Control": "public, max-age=31536000" });
      return res.end(file.bytes);
    }
    if (cdn) {
      res.writeHead(200, { "Content-Type": "image/png" });
      return res.end(solidPng("missing"));
    }
    send(res, 404, { errors: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    metafield(shop, namespace, key) {
      const value = metafields.get(`${shop}|${namespace}|${key}`);
      return value === undefined ? undefined : JSON.parse(value);
    },
    setShop(details) {
      Object.assign(shopDetails, details);
    },
    documents,
    files: (shop) => [...files.values()].filter((file) => file.shop === shop),
    metaobjects: (shop, type) =>
      [...metaobjects.values()].filter((entry) => entry.shop === shop && entry.type === type),
    definition(shop, type) {
      const found = definitions.get(`${shop}|${type}`);
      return found && { storefront: found.storefront };
    },
    calls,
    set(next) {
      if (next.pollsUntilReady !== undefined) pollsUntilReady = next.pollsUntilReady;
    },
    failNext(operation, reply) {
      faults.set(operation, reply);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}
