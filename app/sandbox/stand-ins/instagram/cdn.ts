// Signed, expiring media links like scontent-*.cdninstagram.com: "oh" signs the path and expiry,
// "oe" is the expiry in hex Unix seconds; after it the CDN answers 403 "URL signature expired".
import type { ServerResponse } from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { FakeState } from "./state";
import type { FakeRequest } from "./http";
import { send, sendText } from "./http";
import { placeholderMp4, solidPng } from "./png";

export type AssetKind = "image" | "video" | "profile";

const PATHS: Record<AssetKind, (id: string) => string> = {
  image: (id) => `/cdn/v/t51.29350-15/${id}_n.jpg`,
  video: (id) => `/cdn/o1/v/t16/f2/m86/${id}_n.mp4`,
  profile: (id) => `/cdn/v/t51.2885-19/${id}_n.jpg`,
};

function signature(state: FakeState, path: string, oe: string): string {
  return "00_" + createHmac("sha256", state.cdnKey).update(`${path}|${oe}`).digest("base64url").slice(0, 43);
}

/** A fresh link each call: the expiry is always now + the configured TTL. */
export function cdnUrl(state: FakeState, kind: AssetKind, id: string): string {
  const path = PATHS[kind](id);
  const oe = (Math.floor(state.now() / 1000) + state.settings.mediaUrlTtlSeconds).toString(16).toUpperCase();
  return `${state.publicOrigin}${path}?_nc_cat=107&oh=${signature(state, path, oe)}&oe=${oe}`;
}

function signatureMatches(state: FakeState, path: string, oe: string, oh: string): boolean {
  const expected = Buffer.from(signature(state, path, oe));
  const given = Buffer.from(oh);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Serves GET/HEAD /cdn/…: signature first (a tampered "oe" is a mismatch), then expiry. */
export function serveCdn(state: FakeState, req: FakeRequest, res: ServerResponse): void {
  const match = /\/(\d+)_n\.(jpg|mp4)$/.exec(req.path);
  const oe = req.query.get("oe") ?? "";
  const oh = req.query.get("oh") ?? "";
  if (!match || !/^[0-9A-Fa-f]+$/.test(oe) || !signatureMatches(state, req.path, oe, oh)) {
    sendText(res, 403, "URL signature mismatch");
    return;
  }
  if (state.now() / 1000 > parseInt(oe, 16)) {
    sendText(res, 403, "URL signature expired");
    return;
  }
  const [, id = "", extension] = match;
  const body = extension === "mp4" ? placeholderMp4() : solidPng(id);
  const contentType = extension === "mp4" ? "video/mp4" : "image/png";
  if (req.method === "HEAD") {
    res.writeHead(200, { "content-type": contentType, "content-length": String(body.length) });
    res.end();
    return;
  }
  send(res, 200, body, { "content-type": contentType, "access-control-allow-origin": "*" });
}
