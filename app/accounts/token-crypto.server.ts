// Long-lived Instagram tokens are stored encrypted (AES-256-GCM). The ciphertext is bound to the
// account it belongs to (additional authenticated data), so a value copied to another row fails to
// decrypt instead of silently lending one merchant's token to another.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { config } from "../config.server";

const FORMAT = "v1";

export interface EncryptedToken {
  ciphertext: string;
  keyId: string;
}

export class TokenDecryptionError extends Error {
  override name = "TokenDecryptionError";
  constructor() {
    super("A stored Instagram token could not be decrypted (wrong key or tampered value).");
  }
}

/** A short, non-secret fingerprint of a key, stored beside each ciphertext to tell which key made it. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("social-feed-token-key:").update(key).digest("hex").slice(0, 12);
}

function currentKey(): Buffer {
  return Buffer.from(config().TOKEN_ENCRYPTION_KEY, "base64");
}

/** The configured key that made `keyId`, if it is still configured. */
function keyFor(keyId: string | undefined): Buffer | undefined {
  return config()
    .TOKEN_ENCRYPTION_KEYS.map((key) => Buffer.from(key, "base64"))
    .find((key) => keyIdOf(key) === keyId);
}

export function currentKeyId(): string {
  return keyIdOf(currentKey());
}

export function encryptToken(token: string, boundTo: string, key: Buffer = currentKey()): EncryptedToken {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const ciphertext = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  const keyId = keyIdOf(key);
  const parts = [
    FORMAT,
    keyId,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ciphertext.toString("base64url"),
  ];
  return { ciphertext: parts.join("."), keyId };
}

/** Decrypts with the given key, or with whichever configured key made the value (see TOKEN_ENCRYPTION_KEYS). */
export function decryptToken(stored: string, boundTo: string, explicitKey?: Buffer): string {
  const [format, keyId, iv, tag, ciphertext] = stored.split(".");
  const key = explicitKey ?? keyFor(keyId);
  if (format !== FORMAT || !key || keyId !== keyIdOf(key) || !iv || !tag || ciphertext === undefined)
    throw new TokenDecryptionError();
  const ivBytes = Buffer.from(iv, "base64url");
  // A shortened tag would make forgeries far easier to guess: only the full 16 bytes are accepted.
  if (ivBytes.length !== 12 || Buffer.from(tag, "base64url").length !== 16) throw new TokenDecryptionError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, ivBytes, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new TokenDecryptionError();
  }
}

export function tokenBinding(account: { shop: string; instagramUserId: string }): string {
  return `${account.shop}:${account.instagramUserId}`;
}
