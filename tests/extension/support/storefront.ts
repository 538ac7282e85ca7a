// A stand-in storefront for the Instagram feed block in real Chromium: a tiny HTTP server on 127.0.0.1
// serving rendered pages and the extension's assets (as Shopify's CDN would serve them), and a stand-in
// for Shopify's image CDN (cdn.shopify.com) answering every ?width= request with a PNG of the right
// size, slowly enough that a layout which waited for images would visibly shift. The server can also
// host a feed's images itself (hostFeed), for browsers that can't be routed: Lighthouse's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { crc32, deflateSync, gzipSync, inflateSync } from "node:zlib";
import type { BrowserContext } from "playwright-core";
import type { FeedDocument } from "../../../app/feed/feed-document";
import { colourFor, placeholderMp4 } from "../../../app/sandbox/stand-ins/instagram/png";
import {
  pixelHead,
  pixelWorkerScript,
  type PixelSettings,
  type StandardEvent,
} from "../../../app/sandbox/pixel-stand-in";
import { createStandInCart } from "../../../app/sandbox/storefront-cart";
import { assetPath, type LiquidProduct } from "../../../app/sandbox/storefront-render";

export const CDN_HOST = "cdn.shopify.com";
export const ASSET_PATH = "/cdn/shop/extensions/social-feed/assets/";

export interface Storefront {
  origin: string;
  /** The URL base the block's assets are served from (pass to renderFeedPage as assetBaseUrl). */
  assetBaseUrl: string;
  /** Serve `html` at `path` (e.g. "/grid"); returns its absolute URL. */
  page(path: string, html: string): string;
  /** The <head> HTML running the app's web pixel on a page (StorefrontOptions.pixel); "" without one. */
  pixelHead(events?: StandardEvent[]): string;
  /**
   * Host `feed`'s images and videos on this server (same paths as on the CDN, each image at the asked
   * ?width=, encoded by `encode`), and return the feed with its URLs pointing here.
   */
  hostFeed(feed: FeedDocument, encode?: ImageEncoder): FeedDocument;
  close(): Promise<void>;
}

/**
 * Which part of an image a CDN request asks for, as Shopify's CDN answers it: `?width=` scales (never
 * up), keeping the shape; with `&height=…&crop=center` the image is scaled to cover that box and cut to
 * it around the centre. The output pixel (x, y) shows the source pixel ((x + left) / scale, (y + top) / scale).
 */
export interface ImageFrame {
  width: number;
  height: number;
  scale: number;
  left: number;
  top: number;
}

export function imageFrame(url: URL, image: { width: number; height: number }): ImageFrame {
  const width = Math.min(Number(url.searchParams.get("width")) || image.width, image.width);
  const asked = Number(url.searchParams.get("height"));
  if (!asked || url.searchParams.get("crop") !== "center") {
    return {
      width,
      height: Math.round((image.height * width) / image.width),
      scale: width / image.width,
      left: 0,
      top: 0,
    };
  }
  const scale = Math.max(width / image.width, asked / image.height);
  return {
    width,
    height: asked,
    scale,
    left: Math.round((image.width * scale - width) / 2),
    top: Math.round((image.height * scale - asked) / 2),
  };
}

/** The image `frame` of `path` (the same bytes for the same arguments). */
/** An image for a path and frame; `accept` is the request's Accept header (Shopify's CDN serves WebP to browsers that take it). */
export type ImageEncoder = (
  path: string,
  frame: ImageFrame,
  accept: string,
) => { contentType: string; body: Buffer } | Promise<{ contentType: string; body: Buffer }>;

const pngCache = new Map<string, Buffer>();

/** The stand-in's images: gradient PNGs of the frame's size (fast to make, recognisable in screenshots). */
export const pngEncoder: ImageEncoder = (path, { width, height }) => {
  const key = `${path}@${width}x${height}`;
  let body = pngCache.get(key);
  if (!body) pngCache.set(key, (body = gradientPng(path, width, height)));
  return { contentType: "image/png", body };
};

export interface StorefrontOptions {
  /** Delay before each of the extension's assets (CSS, JS) is answered, as from a slow network. */
  assetDelayMs?: number;
  /** The shop's live products: what its stand-in cart (/cart/add.js, /cart.js) sells. */
  products?: LiquidProduct[];
  /**
   * The app's web pixel, connected with these settings: its pages (pixelHead) and the cart's and checkout's
   * run it against the stand-in of Shopify's customer-events bus.
   */
  pixel?: PixelSettings;
}

const PIXEL_WORKER = "/pixel/worker.js";
const CURRENCY = "USD";

const TYPES: Record<string, string> = { ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8" };

/** Text gzipped when the browser accepts it, as Shopify serves storefront pages and assets. */
function sendText(request: IncomingMessage, response: ServerResponse, type: string, body: Buffer | string): void {
  const headers: Record<string, string> = {
    "content-type": type,
    "cache-control": "no-store",
    vary: "accept-encoding",
  };
  if (/\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))) {
    response.writeHead(200, { ...headers, "content-encoding": "gzip" });
    response.end(gzipSync(body));
  } else {
    response.writeHead(200, headers);
    response.end(body);
  }
}

export async function startStorefront(options: StorefrontOptions = {}): Promise<Storefront> {
  const pages = new Map<string, string>();
  const hosted = new Map<string, { width: number; height: number; encode: ImageEncoder }>();
  const cart = createStandInCart(() => options.products ?? [], "/", CURRENCY);
  const head = (events: StandardEvent[] = []) =>
    options.pixel ? pixelHead({ workerUrl: PIXEL_WORKER, settings: options.pixel, currency: CURRENCY, events }) : "";
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const path = url.pathname;
    try {
      if (path === PIXEL_WORKER) return sendText(request, response, TYPES[".js"]!, await pixelWorkerScript());
      if (path.startsWith("/cart") || path.startsWith("/checkout")) {
        let body = "";
        for await (const chunk of request) body += chunk;
        const answer = cart.handle({
          method: request.method ?? "GET",
          path: path.slice(1),
          cookie: request.headers.cookie,
          contentType: request.headers["content-type"],
          body,
          pageHead: head,
        });
        if (answer) {
          response.writeHead(answer.status, answer.headers);
          return response.end(answer.body);
        }
      }
      const image = hosted.get(path);
      if (image) {
        const { contentType, body } = await image.encode(path, imageFrame(url, image), request.headers.accept ?? "");
        response.writeHead(200, {
          "content-type": contentType,
          "cache-control": "public, max-age=31536000",
          vary: "accept",
        });
        return response.end(body);
      }
      if (path.endsWith(".mp4") && hosted.size) {
        response.writeHead(200, { "content-type": "video/mp4" });
        return response.end(placeholderMp4());
      }
      if (path.startsWith(ASSET_PATH)) {
        const name = path.slice(ASSET_PATH.length);
        const body = await readFile(assetPath(name));
        if (options.assetDelayMs) await new Promise((resolve) => setTimeout(resolve, options.assetDelayMs));
        return sendText(
          request,
          response,
          TYPES[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream",
          body,
        );
      }
      const html = pages.get(path);
      if (html === undefined) {
        response.writeHead(404, { "content-type": "text/plain" });
        return response.end("not found");
      }
      sendText(request, response, "text/html; charset=utf-8", html);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    assetBaseUrl: `${origin}${ASSET_PATH}`,
    page(path, html) {
      pages.set(path, html);
      return origin + path;
    },
    pixelHead: head,
    hostFeed(feed, encode = pngEncoder) {
      for (const [path, size] of feedImages(feed)) hosted.set(path, { ...size, encode });
      return JSON.parse(JSON.stringify(feed).replaceAll(`https://${CDN_HOST}/`, `${origin}/`)) as FeedDocument;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every image of a feed, by CDN path, with its size. */
export function feedImages(...feeds: FeedDocument[]): Map<string, { width: number; height: number }> {
  const images = new Map<string, { width: number; height: number }>();
  const add = (image: { url: string; width: number; height: number } | null) => {
    if (image) images.set(new URL(image.url).pathname, { width: image.width, height: image.height });
  };
  for (const feed of feeds) {
    add(feed.account.avatar);
    for (const account of feed.accounts) add(account.avatar);
    for (const post of feed.posts) {
      add(post.image);
      for (const child of post.children) add(child.image);
    }
  }
  return images;
}

/**
 * Answers cdn.shopify.com in `context`: images of `feeds` (and the featured images of `products`) as PNGs
 * of the asked frame (imageFrame), videos as a placeholder MP4, anything else 404. Registered after
 * newLocalContext's catch-all abort, so it takes precedence for this host only.
 */
export async function routeShopifyCdn(
  context: BrowserContext,
  feeds: FeedDocument[],
  delayMs = 80,
  products: LiquidProduct[] = [],
): Promise<void> {
  const images = feedImages(...feeds);
  for (const { featured_image: image } of products)
    if (image) images.set(new URL(image.src).pathname, { width: image.width, height: image.height });
  await context.route(
    (url) => url.hostname === CDN_HOST,
    async (route) => {
      const url = new URL(route.request().url());
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (url.pathname.endsWith(".mp4"))
        return route.fulfill({ status: 200, contentType: "video/mp4", body: placeholderMp4() });
      const image = images.get(url.pathname);
      if (!image) return route.fulfill({ status: 404, body: "not found" });
      const { contentType, body } = await pngEncoder(url.pathname, imageFrame(url, image), "");
      return route.fulfill({
        status: 200,
        contentType,
        body,
        headers: { "cache-control": "public, max-age=31536000" },
      });
    },
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/** A width × height PNG: a diagonal gradient between two colours from the seed, with a soft disc. */
export function gradientPng(seed: string, width: number, height: number): Buffer {
  const [r1, g1, b1] = colourFor(seed);
  const [r2, g2, b2] = colourFor(`${seed}#2`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit truecolour RGB
  const stride = 1 + width * 3;
  const pixels = Buffer.alloc(stride * height);
  const cx = width * 0.62;
  const cy = height * 0.42;
  const radius = Math.min(width, height) * 0.26;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      const d = Math.hypot(x - cx, y - cy) / radius;
      const light = d < 1 ? 0.28 : d < 1.08 ? 0.28 * (1 - (d - 1) / 0.08) : 0;
      const i = row + 1 + x * 3;
      pixels[i] = Math.round(r1 + (r2 - r1) * t + (255 - (r1 + (r2 - r1) * t)) * light);
      pixels[i + 1] = Math.round(g1 + (g2 - g1) * t + (255 - (g1 + (g2 - g1) * t)) * light);
      pixels[i + 2] = Math.round(b1 + (b2 - b1) * t + (255 - (b1 + (b2 - b1) * t)) * light);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(pixels, { level: 3 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are). */
export function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error("only 8-bit non-interlaced PNGs");
      channels = ({ 2: 3, 6: 4 } as Record<number, number>)[data[9]!] ?? 0;
      if (!channels) throw new Error(`unsupported PNG colour type ${data[9]}`);
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Standard deviation of the luma over the image, and the number of distinct (quantised) colours. */
export function pngStatistics(png: Buffer): { width: number; height: number; lumaStdDev: number; colours: number } {
  const { width, height, channels, pixels } = decodePng(png);
  let sum = 0;
  let sumSquares = 0;
  const colours = new Set<number>();
  const count = width * height;
  for (let i = 0; i < pixels.length; i += channels) {
    const luma = 0.2126 * pixels[i]! + 0.7152 * pixels[i + 1]! + 0.0722 * pixels[i + 2]!;
    sum += luma;
    sumSquares += luma * luma;
    colours.add(((pixels[i]! >> 4) << 8) | ((pixels[i + 1]! >> 4) << 4) | (pixels[i + 2]! >> 4));
  }
  const mean = sum / count;
  return { width, height, lumaStdDev: Math.sqrt(Math.max(0, sumSquares / count - mean * mean)), colours: colours.size };
}
