// A merchant's long-lived Instagram token is stored encrypted and bound to its account row: a leaked
// database must not reveal it, and a value copied onto another merchant's row must not decrypt.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptToken,
  encryptToken,
  keyIdOf,
  tokenBinding,
  TokenDecryptionError,
} from "../../app/accounts/token-crypto.server";

const TOKEN = "IGAAKs9vJ2q7TzXwYyZCZCb1pR0ZD" + "Qk5sT2xX".repeat(20); // shaped like a real Instagram Login token
const BINDING = tokenBinding({ shop: "acme.myshopify.com", instagramUserId: "17841477965412211" });
const KEY = Buffer.alloc(32, 7); // the key tests/setup/environment.ts configures

/** The five dot-separated parts of a stored value: format, key id, iv, tag, ciphertext. */
function parts(stored: string) {
  const [format, keyId, iv, tag, ciphertext] = stored.split(".") as [string, string, string, string, string];
  return { format, keyId, iv, tag, ciphertext };
}

/** Flips one bit of a base64url field, so the decoded bytes certainly change. */
function flipBit(field: string, byte = 0): string {
  const bytes = Buffer.from(field, "base64url");
  bytes[byte] = bytes[byte]! ^ 0x01;
  return bytes.toString("base64url");
}

function expectRefused(stored: string, binding = BINDING, key?: Buffer) {
  let thrown: unknown;
  try {
    decryptToken(stored, binding, key);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(TokenDecryptionError);
  expect(String(thrown)).not.toContain(TOKEN);
  expect((thrown as Error).message).not.toContain(TOKEN);
}

describe("token encryption", () => {
  it("round-trips with the configured key", () => {
    const { ciphertext, keyId } = encryptToken(TOKEN, BINDING);
    expect(keyId).toBe(keyIdOf(KEY));
    expect(decryptToken(ciphertext, BINDING)).toBe(TOKEN);
  });

  it("round-trips an explicit key, an empty token and non-ASCII text", () => {
    const key = randomBytes(32);
    for (const token of [TOKEN, "", "tök€n ✓"]) {
      expect(decryptToken(encryptToken(token, BINDING, key).ciphertext, BINDING, key)).toBe(token);
    }
  });

  it("encrypting the same token twice gives different values (random IV)", () => {
    const first = encryptToken(TOKEN, BINDING).ciphertext;
    const second = encryptToken(TOKEN, BINDING).ciphertext;
    expect(first).not.toBe(second);
    expect(parts(first).iv).not.toBe(parts(second).iv);
    expect(parts(first).ciphertext).not.toBe(parts(second).ciphertext);
  });

  it("never stores the token, or any long piece of it, in readable form", () => {
    const stored = encryptToken(TOKEN, BINDING).ciphertext;
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(TOKEN.slice(0, 12));
    expect(Buffer.from(parts(stored).ciphertext, "base64url").toString("latin1")).not.toContain("IGAA");
    expect(stored).not.toContain(Buffer.from(TOKEN).toString("base64url").slice(0, 16));
  });

  it("the key id is a short fingerprint, not the key", () => {
    const { ciphertext, keyId } = encryptToken(TOKEN, BINDING);
    expect(keyId).toMatch(/^[0-9a-f]{12}$/);
    expect(ciphertext).not.toContain(KEY.toString("base64"));
    expect(ciphertext).not.toContain(KEY.toString("hex"));
    expect(keyIdOf(randomBytes(32))).not.toBe(keyId);
  });
});

describe("a stored token that was tampered with never decrypts", () => {
  const stored = encryptToken(TOKEN, BINDING).ciphertext;
  const original = parts(stored);
  const rebuild = (changes: Partial<typeof original>) => {
    const p = { ...original, ...changes };
    return [p.format, p.keyId, p.iv, p.tag, p.ciphertext].join(".");
  };

  it("sanity: the untouched value decrypts", () => {
    expect(decryptToken(rebuild({}), BINDING)).toBe(TOKEN);
  });

  it("a flipped bit anywhere in the ciphertext", () => {
    const length = Buffer.from(original.ciphertext, "base64url").length;
    for (const byte of [0, Math.floor(length / 2), length - 1])
      expectRefused(rebuild({ ciphertext: flipBit(original.ciphertext, byte) }));
  });

  it("a shortened or extended ciphertext", () => {
    const bytes = Buffer.from(original.ciphertext, "base64url");
    expectRefused(rebuild({ ciphertext: bytes.subarray(0, bytes.length - 1).toString("base64url") }));
    expectRefused(rebuild({ ciphertext: Buffer.concat([bytes, Buffer.from([0])]).toString("base64url") }));
    expectRefused(rebuild({ ciphertext: "" }));
  });

  it("a shortened authentication tag or IV (easier to forge) is refused", () => {
    const stored = encryptToken(TOKEN, BINDING).ciphertext;
    const { format, keyId, iv, tag, ciphertext } = parts(stored);
    for (const length of [4, 8, 12, 15]) {
      const shortTag = Buffer.from(tag, "base64url").subarray(0, length).toString("base64url");
      expectRefused([format, keyId, iv, shortTag, ciphertext].join("."));
    }
    expectRefused(
      [format, keyId, Buffer.from(iv, "base64url").subarray(0, 8).toString("base64url"), tag, ciphertext].join("."),
    );
  });

  it("a flipped bit in the authentication tag", () => {
    expectRefused(rebuild({ tag: flipBit(original.tag, 0) }));
    expectRefused(rebuild({ tag: flipBit(original.tag, 15) }));
  });

  it("a flipped bit in the IV", () => {
    expectRefused(rebuild({ iv: flipBit(original.iv, 0) }));
    expectRefused(rebuild({ iv: flipBit(original.iv, 11) }));
  });

  it("a changed key id or format", () => {
    expectRefused(rebuild({ keyId: "000000000000" }));
    expectRefused(rebuild({ keyId: "" }));
    expectRefused(rebuild({ format: "v2" }));
  });

  it("missing parts or a value that is not ours at all", () => {
    expectRefused(rebuild({ iv: "" }));
    expectRefused(rebuild({ tag: "" }));
    expectRefused([original.format, original.keyId, original.iv, original.tag].join("."));
    expectRefused(TOKEN);
    expectRefused("");
  });
});

describe("a token belongs to exactly one account", () => {
  it("a ciphertext moved to another shop's row does not decrypt", () => {
    const stored = encryptToken(TOKEN, BINDING).ciphertext;
    expectRefused(stored, tokenBinding({ shop: "other.myshopify.com", instagramUserId: "17841477965412211" }));
  });

  it("a ciphertext moved to another Instagram account of the same shop does not decrypt", () => {
    const stored = encryptToken(TOKEN, BINDING).ciphertext;
    expectRefused(stored, tokenBinding({ shop: "acme.myshopify.com", instagramUserId: "17841477965412213" }));
  });

  it("the binding names both the shop and the Instagram account", () => {
    expect(tokenBinding({ shop: "acme.myshopify.com", instagramUserId: "17841477965412211" })).toBe(
      "acme.myshopify.com:17841477965412211",
    );
  });
});

describe("keys", () => {
  it("a value made with another key does not decrypt, even when the key id is forged", () => {
    const otherKey = randomBytes(32);
    const stored = encryptToken(TOKEN, BINDING, otherKey).ciphertext;
    expectRefused(stored); // key id mismatch
    const forged = { ...parts(stored), keyId: keyIdOf(KEY) };
    expectRefused([forged.format, forged.keyId, forged.iv, forged.tag, forged.ciphertext].join(".")); // real key check
  });

  it("the configured key and an explicit copy of it are interchangeable", () => {
    const stored = encryptToken(TOKEN, BINDING, Buffer.from(KEY)).ciphertext;
    expect(decryptToken(stored, BINDING)).toBe(TOKEN);
  });

  it("the error tells the operator what went wrong without the token or the value", () => {
    const stored = encryptToken(TOKEN, BINDING).ciphertext;
    const error = (() => {
      try {
        decryptToken(stored, "wrong:binding");
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error).toBeInstanceOf(TokenDecryptionError);
    expect(error!.message).toMatch(/could not be decrypted/);
    expect(error!.message).not.toContain(parts(stored).ciphertext);
    expect(error!.message).not.toContain(BINDING);
  });
});
