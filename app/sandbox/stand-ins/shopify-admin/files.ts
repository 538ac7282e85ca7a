// Shopify Files: fileCreate (Shopify fetches the originalSource itself, then the file turns READY or
// FAILED, after a number of polls), file nodes, fileDelete, and the CDN that serves hosted images.
import type { ServerResponse } from "node:http";
import { solidPng } from "../instagram/png";
import { legacyId, type FakeAdminState, type FakeFile, type RequestContext } from "./state";

type Input = Record<string, unknown>;

async function download(state: FakeAdminState, file: FakeFile) {
  try {
    const response = await fetch(file.originalSource);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const isPng = bytes.subarray(1, 4).toString("latin1") === "PNG";
    file.bytes = bytes;
    file.image = {
      url: `${state.origin}/cdn/shop/files/${encodeURIComponent(file.shop)}/${legacyId(file.id)}.png?v=${Date.now()}`,
      width: isPng ? bytes.readUInt32BE(16) : 1080,
      height: isPng ? bytes.readUInt32BE(20) : 1080,
    };
    file.status = "READY";
  } catch {
    file.status = "FAILED";
    file.errors = [
      { code: "IMAGE_DOWNLOAD_FAILURE", message: "The image could not be downloaded from the source URL." },
    ];
  }
}

/** The MediaImage node of a file: READY only once it has been polled enough times. */
export function fileNode(state: FakeAdminState, file: FakeFile) {
  const ready = file.status === "READY" && file.polls >= state.pollsUntilReady;
  const status = file.status === "READY" && !ready ? "PROCESSING" : file.status;
  const image = status === "READY" && file.image ? { ...file.image, altText: file.alt, id: file.id } : null;
  return {
    __typename: "MediaImage",
    id: file.id,
    alt: file.alt,
    fileStatus: status,
    status,
    mediaContentType: "IMAGE",
    image,
    preview: { status, image },
    fileErrors: file.errors.map((error) => ({ ...error, details: null })),
    mediaErrors: [],
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };
}

/** A file of the shop, as `nodes` finds it (each look counts as a poll). */
export function polledFile(state: FakeAdminState, shop: string, id: string) {
  const file = state.files.get(id);
  if (!file || file.shop !== shop) return undefined;
  file.polls += 1;
  return fileNode(state, file);
}

function createErrors(inputs: Input[]) {
  return inputs.flatMap((input, i) => {
    const field = (name: string) => ["files", String(i), name];
    if (!/^https?:\/\//.test(String(input.originalSource ?? "")))
      return [{ field: field("originalSource"), message: "Image URL is invalid", code: "INVALID_IMAGE_SOURCE_URL" }];
    if (String(input.alt ?? "").length > 512)
      return [{ field: field("alt"), message: "Alt is too long", code: "ALT_VALUE_LIMIT_EXCEEDED" }];
    return [];
  });
}

export function fileResolvers(state: FakeAdminState) {
  return {
    fileCreate({ files: inputs }: { files: Input[] }, { shop }: RequestContext) {
      const userErrors = createErrors(inputs);
      if (userErrors.length) return { files: null, userErrors };
      const created = inputs.map((input) => {
        const file: FakeFile = {
          id: `gid://shopify/MediaImage/${state.nextId()}`,
          shop,
          alt: String(input.alt ?? ""),
          originalSource: String(input.originalSource),
          status: "UPLOADED",
          errors: [],
          polls: 0,
        };
        state.files.set(file.id, file);
        void download(state, file);
        return fileNode(state, file);
      });
      return { files: created, userErrors: [] };
    },

    fileDelete({ fileIds }: { fileIds: string[] }, { shop }: RequestContext) {
      const missing = fileIds.filter((id) => state.files.get(id)?.shop !== shop);
      if (missing.length)
        return {
          deletedFileIds: null,
          userErrors: missing.map((id) => ({
            field: ["fileIds"],
            message: `File id ${id} does not exist.`,
            code: "FILE_DOES_NOT_EXIST",
          })),
        };
      fileIds.forEach((id) => state.files.delete(id));
      return { deletedFileIds: fileIds, userErrors: [] };
    },
  };
}

/** Shopify's CDN for hosted files: the copied bytes, or a placeholder for a file deleted since. */
export function serveFile(state: FakeAdminState, pathname: string, res: ServerResponse): boolean {
  const cdn = pathname.match(/^\/cdn\/shop\/files\/([^/]+)\/(\d+)\.png$/);
  if (!cdn) return false;
  const file = state.files.get(`gid://shopify/MediaImage/${cdn[2]}`);
  res.writeHead(200, {
    "Content-Type": "image/png",
    ...(file?.bytes && { "Cache-Control": "public, max-age=31536000" }),
  });
  res.end(file?.bytes ?? solidPng("missing"));
  return true;
}
