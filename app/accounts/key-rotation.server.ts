// After a new key is put first in TOKEN_ENCRYPTION_KEYS, re-encrypt every stored token under it, so the
// old key can then be removed. Each row is rewritten only if it still holds the value we read (the
// renewal sweep may have replaced the token meanwhile, already under the new key).
import { db } from "../db.server";
import { currentKeyId, decryptToken, encryptToken, tokenBinding } from "./token-crypto.server";

export interface RotationReport {
  reencrypted: number;
  alreadyCurrent: number;
  unreadable: number;
}

export async function reencryptAllTokens(): Promise<RotationReport> {
  const report: RotationReport = { reencrypted: 0, alreadyCurrent: 0, unreadable: 0 };
  const keyId = currentKeyId();
  const accounts = await db().instagramAccount.findMany({
    where: { encryptedToken: { not: null } },
    select: { id: true, shop: true, instagramUserId: true, encryptedToken: true, tokenKeyId: true },
  });
  for (const account of accounts) {
    if (account.tokenKeyId === keyId) {
      report.alreadyCurrent += 1;
      continue;
    }
    let token: string;
    try {
      token = decryptToken(account.encryptedToken!, tokenBinding(account));
    } catch {
      report.unreadable += 1; // made by a key no longer configured: only a reconnect can replace it
      continue;
    }
    const fresh = encryptToken(token, tokenBinding(account));
    const { count } = await db().instagramAccount.updateMany({
      where: { id: account.id, encryptedToken: account.encryptedToken },
      data: { encryptedToken: fresh.ciphertext, tokenKeyId: fresh.keyId },
    });
    report[count === 1 ? "reencrypted" : "alreadyCurrent"] += 1;
  }
  return report;
}
