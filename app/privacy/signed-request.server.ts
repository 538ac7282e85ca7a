// Meta's `signed_request`: base64url(HMAC-SHA256 signature) "." base64url(JSON payload), signed with the
// Instagram App Secret over the payload segment as sent. Anything that does not verify is refused.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { InstagramId } from "../instagram/schemas";

const MAX_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

const Payload = z
  .object({
    algorithm: z.string().refine((value) => value.toUpperCase() === "HMAC-SHA256"),
    user_id: InstagramId,
    issued_at: z.number().int().nonnegative().optional(),
  })
  .loose();

export interface SignedRequest {
  userId: string;
  issuedAt?: number;
}

export function verifySignedRequest(value: string, appSecret: string): SignedRequest | undefined {
  if (value.length > MAX_LENGTH) return undefined;
  const [signature, payload, ...rest] = value.split(".");
  if (!signature || !payload || rest.length > 0 || !BASE64URL.test(signature) || !BASE64URL.test(payload))
    return undefined;

  const expected = createHmac("sha256", appSecret).update(payload).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;

  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = Payload.safeParse(json);
  return parsed.success ? { userId: parsed.data.user_id, issuedAt: parsed.data.issued_at } : undefined;
}
