// 120 simulated days of token upkeep for 200 accounts against the fake Instagram, which enforces the
// real rules (24-hour minimum age for a refresh, 60-day expiry, revocations), with a fifth of all
// calls failing and a 5-day outage. The promise under test: a token Instagram still honours never
// expires on us, and a revoked one is flagged by the first sweep after the revocation.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { runTokenSweep } from "../../app/accounts/renewal.server";
import { decryptToken, tokenBinding } from "../../app/accounts/token-crypto.server";
import { seededRng } from "../../app/sandbox/stand-ins/instagram/random";
import { DAY, frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";

const ACCOUNTS = 200;
const SIMULATED_DAYS = 120;
// Production sweeps every 5 minutes and checks each token hourly; twice a day keeps this test near two
// minutes while still checking every token at every sweep.
const SWEEP_EVERY = 12 * 60 * 60 * 1000;
const POLICY = { renewAfterMs: 5 * DAY, checkIntervalMs: SWEEP_EVERY };
const OUTAGE = { from: 40 * DAY, to: 45 * DAY };
const REVOKED = 12;
const TRANSIENT = {
  status: 500,
  body: {
    error: { message: "An unexpected error has occurred.", type: "OAuthException", code: 2, is_transient: true },
  },
};

const instagram = useFakeInstagram();
let clock: ReturnType<typeof frozenClock>;
beforeAll(() => {
  clock = frozenClock("2027-01-01T00:00:00.000Z");
});
afterAll(() => clock.restore());

interface Plan {
  username: string;
  connectAt: number;
  revokeAt?: number;
  accountId?: string;
  revoked?: boolean;
  /** Upkeeps after the revocation in which Instagram answered, up to and including the one that flagged it. */
  answeredUpkeepsToFlag?: number;
  renewals: number;
  renewAttempts: number;
}

function plan(start: number): Plan[] {
  const rng = seededRng("renewal-simulation");
  const plans: Plan[] = Array.from({ length: ACCOUNTS }, (_, i) => ({
    username: `sim.${i}`,
    connectAt: start + Math.floor(rng.next() * SIMULATED_DAYS * DAY),
    renewals: 0,
    renewAttempts: 0,
  }));
  // Each revocation leaves at least 3 days (6 sweeps) before the end: with a fifth of all calls failing, a
  // revocation in the last day could meet only failed calls, and then Instagram never said it was revoked.
  const end = start + SIMULATED_DAYS * DAY;
  for (const target of plans.filter((p) => p.connectAt < end - 5 * DAY).slice(0, REVOKED)) {
    target.revokeAt = target.connectAt + DAY + Math.floor(rng.next() * (end - target.connectAt - 4 * DAY));
  }
  return plans.sort((a, b) => a.connectAt - b.connectAt);
}

it("no honoured token ever expires; every revoked one is flagged within one sweep", { timeout: 600_000 }, async () => {
  const start = clock.nowMs();
  const plans = plan(start);
  const byId = new Map<string, Plan>();
  const flaky = { path: /refresh_access_token|\/me$/ };
  let stopFlaky = instagram.fake.failSometimes(flaky, TRANSIENT, 0.2, "flaky");
  let stopOutage: (() => void) | undefined;
  let expired = 0;
  let sweeps = 0;
  let calls = 0;

  for (let t = start; t <= start + SIMULATED_DAYS * DAY; t += SWEEP_EVERY) {
    // Merchants connect; what is under test starts after that, so connecting itself is spared the trouble.
    for (const account of plans.filter((p) => !p.accountId && p.connectAt <= t)) {
      clock.advance(account.connectAt - clock.nowMs());
      stopFlaky();
      stopOutage?.();
      instagram.fake.addAccount({ username: account.username });
      account.accountId = (await connectAccount(instagram.fake, account.username)).id;
      byId.set(account.accountId, account);
      stopFlaky = instagram.fake.failSometimes(flaky, TRANSIENT, 0.2, `flaky-${account.username}`);
      if (stopOutage)
        stopOutage = instagram.fake.failSometimes(
          { path: /.*/ },
          { status: 503, body: "Service Unavailable" },
          1,
          "outage",
        );
    }
    for (const account of plans.filter(
      (p) => p.accountId && !p.revoked && p.revokeAt !== undefined && p.revokeAt <= t,
    )) {
      instagram.fake.revoke(account.username, "password_changed");
      account.revoked = true;
    }
    if (!stopOutage && t >= start + OUTAGE.from && t < start + OUTAGE.to) {
      stopOutage = instagram.fake.failSometimes(
        { path: /.*/ },
        { status: 503, body: "Service Unavailable" },
        1,
        "outage",
      );
    }
    if (stopOutage && t >= start + OUTAGE.to) {
      stopOutage();
      stopOutage = undefined;
    }

    clock.advance(t - clock.nowMs());
    const report = await runTokenSweep({ policy: POLICY, concurrency: 8 });
    sweeps += 1;
    calls += report.results.length;
    for (const result of report.results) {
      const account = byId.get(result.accountId)!;
      if (result.action === "renew") account.renewAttempts += 1;
      if (result.outcome === "renewed") account.renewals += 1;
      // A revoked token can only be noticed when Instagram answers; injected failures don't count.
      if (account.revoked && result.outcome !== "failed")
        account.answeredUpkeepsToFlag = (account.answeredUpkeepsToFlag ?? 0) + 1;
    }

    for (const row of await db().instagramAccount.findMany()) {
      const account = byId.get(row.id)!;
      if (account.revoked) continue;
      expect(row.status).toBe("active");
      const token = instagram.fake.tokenInfo(decryptToken(row.encryptedToken!, tokenBinding(row)))!;
      if (token.expiresAt <= t) expired += 1;
    }
  }
  stopFlaky();

  const connected = plans.filter((p) => p.accountId);
  const revoked = plans.filter((p) => p.revoked);
  const honoured = connected.filter((p) => !p.revoked);
  const lifetimeDays = (p: Plan) => (start + SIMULATED_DAYS * DAY - p.connectAt) / DAY;
  const renewalsPerAccount = honoured.map((p) => p.renewals);
  const excess = honoured.map((p) => p.renewals - Math.floor(lifetimeDays(p) / 5));
  console.log(
    [
      `simulation: ${connected.length} accounts, ${SIMULATED_DAYS} days, ${sweeps} sweeps, ${calls} account upkeeps`,
      `  expired tokens: ${expired}`,
      `  revoked: ${revoked.length}, each flagged by the first check Instagram answered: ${revoked.every((p) => p.answeredUpkeepsToFlag === 1)}`,
      `  renewals per account: mean ${(renewalsPerAccount.reduce((a, b) => a + b, 0) / honoured.length).toFixed(1)}, max ${Math.max(...renewalsPerAccount)}; policy allows at most lifetime/5 days`,
      `  renew attempts per account (incl. failures): mean ${(honoured.reduce((a, p) => a + p.renewAttempts, 0) / honoured.length).toFixed(1)}, max ${Math.max(...honoured.map((p) => p.renewAttempts))}`,
    ].join("\n"),
  );

  expect(connected).toHaveLength(ACCOUNTS);
  expect(expired).toBe(0);
  expect(revoked.length).toBeGreaterThan(0);
  for (const account of revoked) expect(account.answeredUpkeepsToFlag).toBe(1);
  const flagged = await db().instagramAccount.findMany({ where: { status: "needs_reconnect" } });
  expect(flagged.map((row) => row.id).sort()).toEqual(revoked.map((p) => p.accountId).sort());
  // Never more renewals than one per 5 days of life, and no account left unrenewed for long.
  expect(Math.max(...excess)).toBeLessThanOrEqual(0);
  for (const account of honoured) {
    if (lifetimeDays(account) >= 15)
      expect(account.renewals).toBeGreaterThanOrEqual(Math.floor(lifetimeDays(account) / 5 / 2));
  }
});
