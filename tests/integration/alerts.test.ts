// Email alerts, end to end over real sockets: Instagram's stand-in refuses a token, token upkeep and syncs
// record it as they always do, the alert sweep opens an incident, and the email job hands the message to
// a real SMTP server. Time moves on the app's injectable clock for the reminders and the 3-day and 24-hour
// thresholds.
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { API_KEY } from "@shopify/shopify-api/test-helpers";
import { forgetShopCredentials } from "../../app/accounts/uninstall.server";
import { runTokenSweep } from "../../app/accounts/renewal.server";
import { reviewAlerts } from "../../app/alerts/review.server";
import { db } from "../../app/db.server";
import { deliverEmail } from "../../app/email/outbox.server";
import { stopQueue } from "../../app/jobs/queue.server";
import { QUEUES, QUEUE } from "../../app/jobs/queues";
import { saveAlertSettings } from "../../app/shop/alert-settings.server";
import { CHECKS_AND_RENEWALS, TRANSIENT_FAULT } from "../../app/sandbox/stand-ins/instagram/index";
import { DEFAULT_SHOP_DETAILS } from "../../app/sandbox/stand-ins/shopify-admin/index";
import { DAY, HOUR, MINUTE } from "../../app/time";
import { frozenClock } from "../support/clock";
import { connectAccount } from "../support/connect";
import { useFakeInstagram } from "../support/instagram";
import { SHOP, STORE, seedOfflineSession } from "../support/shopify";
import { useFakeShopifyAdmin } from "../support/shopify-admin";
import { useSmtpServer } from "../support/smtp";
import { syncQueuedRuns } from "../support/sync";

const instagram = useFakeInstagram();
useFakeShopifyAdmin();
const smtp = useSmtpServer();
let clock: ReturnType<typeof frozenClock>;

const ACCOUNT_PAGE = `https://admin.shopify.com/store/${STORE}/apps/${API_KEY}/app/account`;
const INSTANT_SYNC = { transientBackoffMs: 0, rateLimitBackoffMs: 0, sleep: async () => undefined };

beforeAll(() => seedOfflineSession());
beforeEach(async () => {
  clock = frozenClock(new Date().toISOString());
  smtp.inbox.length = 0;
  await db().emailMessage.deleteMany();
  await db().alertIncident.deleteMany();
  await db().instagramAccount.deleteMany();
  await db().shopSettings.deleteMany();
  await seedOfflineSession();
});
afterEach(() => clock.restore());
afterAll(() => stopQueue(1000));

/** What the email job does for every message waiting; returns how many it sent. */
async function deliverWaiting(): Promise<number> {
  const waiting = await db().emailMessage.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" } });
  let sent = 0;
  for (const message of waiting) if ((await deliverEmail(message.id)) === "sent") sent += 1;
  return sent;
}

/** One turn of the background work: token upkeep, the alert sweep, the email job. */
async function backgroundTurn() {
  await runTokenSweep();
  await reviewAlerts();
  return deliverWaiting();
}

async function revokedAccount(username: string) {
  instagram.fake.addAccount({ username, accountType: "BUSINESS", mediaCount: 3 });
  const account = await connectAccount(instagram.fake, username);
  instagram.fake.revoke(username, "password_changed");
  // Its next check is now (as if the hourly check came round).
  await db().instagramAccount.update({ where: { id: account.id }, data: { nextCheckAt: new Date(clock.nowMs()) } });
  return account;
}

it("a connection Instagram ended brings one email to the shop's contact address, with the admin link and no secret", async () => {
  await revokedAccount("password.changed");
  await backgroundTurn();
  for (let minute = 1; minute <= 5; minute += 1) {
    clock.advance(MINUTE);
    await backgroundTurn();
  }

  expect(smtp.inbox).toHaveLength(1);
  const [email] = smtp.inbox;
  expect(email!.to).toBe(DEFAULT_SHOP_DETAILS.contactEmail);
  expect(email!.from).toContain("alerts@social-feed.test");
  expect(email!.subject).toBe("Reconnect @password.changed to keep your Instagram feed up to date");
  expect(email!.text).toContain("Your storefront keeps showing the posts it already has");
  expect(email!.text).toContain(ACCOUNT_PAGE);
  expect(email!.html).toContain(`href="${ACCOUNT_PAGE}"`);
  for (const secret of [
    ...instagram.fake.issuedTokens(),
    process.env.INSTAGRAM_APP_SECRET!,
    process.env.SHOPIFY_API_SECRET!,
    "sandbox-offline-access-token",
  ]) {
    expect(email!.raw).not.toContain(secret);
  }
});

it("reminds after 3 and 10 days while it lasts, says 'all good again' once reconnected, then stays quiet", async () => {
  await revokedAccount("still.broken");
  await backgroundTurn();
  expect(smtp.inbox.map((email) => email.subject)).toEqual([
    "Reconnect @still.broken to keep your Instagram feed up to date",
  ]);

  const subjects = () => smtp.inbox.map((email) => email.subject);
  clock.advance(3 * DAY - HOUR);
  await backgroundTurn();
  expect(smtp.inbox).toHaveLength(1);
  clock.advance(HOUR);
  await backgroundTurn();
  await backgroundTurn();
  expect(subjects().at(-1)).toBe("Reminder: @still.broken is still disconnected from your store");
  expect(smtp.inbox).toHaveLength(2);

  clock.advance(7 * DAY);
  await backgroundTurn();
  expect(smtp.inbox).toHaveLength(3);
  clock.advance(30 * DAY);
  await backgroundTurn();
  expect(smtp.inbox).toHaveLength(3); // two reminders, no more

  await connectAccount(instagram.fake, "still.broken");
  await backgroundTurn();
  await backgroundTurn();
  expect(subjects()).toHaveLength(4);
  expect(subjects().at(-1)).toBe("@still.broken is connected again");
  expect(smtp.inbox.at(-1)!.text).toContain("All good again");
});

it("renewals that keep failing bring an email after 3 days, not before, and one when they work again", async () => {
  instagram.fake.addAccount({ username: "flaky.renewals", accountType: "BUSINESS", mediaCount: 1 });
  await connectAccount(instagram.fake, "flaky.renewals");
  const outage = instagram.fake.failSometimes({ path: CHECKS_AND_RENEWALS }, TRANSIENT_FAULT, 1);
  clock.advance(HOUR);
  const failingFrom = clock.nowMs();
  for (let hour = 0; hour < 80; hour += 1) {
    await backgroundTurn();
    const failedFor = clock.nowMs() - failingFrom;
    if (failedFor < 3 * DAY - HOUR) expect(smtp.inbox).toHaveLength(0);
    clock.advance(HOUR);
  }
  expect(smtp.inbox.map((email) => email.subject)).toEqual([
    "Social Feed can't renew the connection to @flaky.renewals",
  ]);
  expect(smtp.inbox[0]!.text).toContain("The current connection works until");

  outage();
  for (let hour = 0; hour < 3; hour += 1) {
    clock.advance(HOUR);
    await backgroundTurn();
  }
  expect(smtp.inbox.map((email) => email.subject).at(-1)).toBe("The connection to @flaky.renewals is renewing again");
  expect(smtp.inbox).toHaveLength(2);
});

it("syncs that keep failing bring one email after 24 hours", async () => {
  instagram.fake.addAccount({ username: "media.down", accountType: "BUSINESS", mediaCount: 5 });
  await connectAccount(instagram.fake, "media.down");
  const outage = instagram.fake.failSometimes({ path: /\/me\/media$/ }, TRANSIENT_FAULT, 1);
  for (let hour = 0; hour < 30; hour += 1) {
    await syncQueuedRuns({ settings: INSTANT_SYNC });
    await reviewAlerts();
    await deliverWaiting();
    if (hour < 23) expect(smtp.inbox).toHaveLength(0);
    clock.advance(HOUR);
  }
  expect(smtp.inbox.map((email) => email.subject)).toEqual(["New posts from @media.down aren't reaching your store"]);
  expect(smtp.inbox[0]!.text).toContain(`https://admin.shopify.com/store/${STORE}/apps/${API_KEY}/app/media`);
  outage();
});

it("an account away for days and then reconnected: one email each way, no 'syncs failing' in between", async () => {
  instagram.fake.addAccount({ username: "away.for.days", accountType: "BUSINESS", mediaCount: 4 });
  await connectAccount(instagram.fake, "away.for.days");
  await syncQueuedRuns({ settings: INSTANT_SYNC });
  instagram.fake.revoke("away.for.days", "password_changed");
  // The next scheduled sync is the first to meet the refusal (it marks the account Needs reconnect).
  clock.advance(2 * HOUR);
  expect((await syncQueuedRuns({ settings: INSTANT_SYNC })).failed).toBe(1);
  for (let hour = 0; hour < 48; hour += 1) {
    clock.advance(HOUR);
    await runTokenSweep();
    await syncQueuedRuns({ settings: INSTANT_SYNC });
    await reviewAlerts();
    await deliverWaiting();
  }
  await connectAccount(instagram.fake, "away.for.days");
  await reviewAlerts();
  await deliverWaiting();
  expect(smtp.inbox.map((email) => email.subject)).toEqual([
    "Reconnect @away.for.days to keep your Instagram feed up to date",
    "@away.for.days is connected again",
  ]);
});

it("an SMTP outage delays the email and loses none", async () => {
  await smtp.outage();
  await revokedAccount("mail.down");
  await runTokenSweep();
  await reviewAlerts();
  await expect(deliverWaiting()).rejects.toThrow(/mail server did not take the message/);
  const [waiting] = await db().emailMessage.findMany();
  expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
  expect(waiting!.lastError).not.toMatch(/smtp:\/\//);
  // The email job retries with growing delays; a message whose retries ran out is re-queued by the sweep.
  expect(QUEUES.find((queue) => queue.name === QUEUE.email)).toMatchObject({ retryLimit: 9, retryBackoff: true });

  await smtp.recover();
  clock.advance(10 * MINUTE);
  const report = await reviewAlerts();
  expect(report.requeued).toBe(1);
  expect(await deliverWaiting()).toBe(1);
  expect(await deliverWaiting()).toBe(0);
  expect(smtp.inbox.map((email) => email.subject)).toEqual([
    "Reconnect @mail.down to keep your Instagram feed up to date",
  ]);
});

it("goes to the address the merchant chose, and nowhere when alerts are off", async () => {
  await saveAlertSettings(SHOP, { alertsEnabled: true, alertEmail: "alerts@brand.example" });
  await revokedAccount("chosen.address");
  await backgroundTurn();
  expect(smtp.inbox.map((email) => email.to)).toEqual(["alerts@brand.example"]);

  await db().alertIncident.deleteMany();
  await saveAlertSettings(SHOP, { alertsEnabled: false, alertEmail: null });
  clock.advance(DAY);
  await backgroundTurn();
  expect(smtp.inbox).toHaveLength(1);
});

it("sends nothing at all to a shop that uninstalled, not even mail already queued", async () => {
  await revokedAccount("gone.shop");
  await runTokenSweep();
  await reviewAlerts();
  await forgetShopCredentials(SHOP);
  clock.advance(11 * DAY);
  await reviewAlerts();
  expect(await deliverWaiting()).toBe(0);
  expect(smtp.inbox).toHaveLength(0);
  expect(await db().emailMessage.findMany({ select: { status: true } })).toEqual([{ status: "cancelled" }]);
});
