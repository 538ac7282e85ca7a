// Rotating the token encryption key: put a new key first in TOKEN_ENCRYPTION_KEYS, run the command,
// then drop the old key. Tokens keep working throughout.
import { afterEach, beforeEach, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { resetConfigForTests } from "../../app/config.server";
import { db } from "../../app/db.server";
import { reencryptAllTokens } from "../../app/accounts/key-rotation.server";
import { runTokenSweep } from "../../app/accounts/renewal.server";
import { currentKeyId, decryptToken, tokenBinding } from "../../app/accounts/token-crypto.server";
import { connectAccount } from "../support/connect";
import { DAY, frozenClock } from "../support/clock";
import { useFakeInstagram } from "../support/instagram";

const instagram = useFakeInstagram();
const OLD = process.env.TOKEN_ENCRYPTION_KEY!;
const NEW = randomBytes(32).toString("base64");
let clock: ReturnType<typeof frozenClock>;

function useKeys(keys: string[]) {
  delete process.env.TOKEN_ENCRYPTION_KEY;
  process.env.TOKEN_ENCRYPTION_KEYS = keys.join(",");
  resetConfigForTests();
}

beforeEach(async () => {
  clock = frozenClock();
  await db().instagramAccount.deleteMany();
});
afterEach(() => {
  clock.restore();
  delete process.env.TOKEN_ENCRYPTION_KEYS;
  process.env.TOKEN_ENCRYPTION_KEY = OLD;
  resetConfigForTests();
});

it("re-encrypts every token under the new key; nothing stops working at any step", async () => {
  for (const name of ["rotate.a", "rotate.b", "rotate.c"]) {
    instagram.fake.addAccount({ username: name });
    await connectAccount(instagram.fake, name);
  }
  const tokensBefore = (await db().instagramAccount.findMany({ orderBy: { username: "asc" } })).map((row) =>
    decryptToken(row.encryptedToken!, tokenBinding(row)),
  );

  useKeys([NEW, OLD]);
  clock.advance(60 * 60 * 1000);
  expect((await runTokenSweep()).checked).toBe(3); // old-key tokens still decrypt and work

  expect(await reencryptAllTokens()).toEqual({ reencrypted: 3, alreadyCurrent: 0, unreadable: 0 });
  expect(await reencryptAllTokens()).toEqual({ reencrypted: 0, alreadyCurrent: 3, unreadable: 0 });

  useKeys([NEW]);
  const rows = await db().instagramAccount.findMany({ orderBy: { username: "asc" } });
  expect(rows.every((row) => row.tokenKeyId === currentKeyId())).toBe(true);
  expect(rows.map((row) => decryptToken(row.encryptedToken!, tokenBinding(row)))).toEqual(tokensBefore);
  clock.advance(5 * DAY);
  expect((await runTokenSweep()).renewed).toBe(3);
});

it("a token made by a key no longer configured is reported, not silently lost", async () => {
  instagram.fake.addAccount({ username: "rotate.lost" });
  await connectAccount(instagram.fake, "rotate.lost");
  useKeys([NEW]);
  expect(await reencryptAllTokens()).toEqual({ reencrypted: 0, alreadyCurrent: 0, unreadable: 1 });
});
