// What each alert email says, one entry per kind of incident and purpose, in plain words: what happened,
// what the storefront shows meanwhile, and the one thing to do (with a link straight into the admin).
import type { DateFormatters } from "../time-format";

export type IncidentKind = "needs_reconnect" | "renewals_failing" | "syncs_failing";
export type EmailPurpose = "opened" | "reminder" | "resolved";

export interface IncidentFacts {
  shopName: string;
  /** "@username" */
  subjectName: string;
  detail: string | null;
  openedAt: Date;
  tokenExpiresAt: Date | null;
  /** Where the merchant fixes it, inside the Shopify admin. */
  actionUrl: string;
  settingsUrl: string;
  dates: DateFormatters;
}

interface Content {
  subject: string;
  paragraphs: string[];
  action?: string;
}

const KEPT = "Your storefront keeps showing the posts it already has, so nothing looks broken to your customers.";

const CONTENT: Record<IncidentKind, Record<EmailPurpose, (facts: IncidentFacts) => Content>> = {
  needs_reconnect: {
    opened: (f) => ({
      subject: `Reconnect ${f.subjectName} to keep your Instagram feed up to date`,
      paragraphs: [
        `Instagram ended Social Feed's connection to ${f.subjectName} on ${f.dates.formatDateTime(f.openedAt)}.${f.detail ? ` ${f.detail}` : ""}`,
        `${KEPT} But new posts from ${f.subjectName} won't appear until you reconnect.`,
        "Reconnecting takes one click: open the Account page in Social Feed and press Reconnect.",
      ],
      action: `Reconnect ${f.subjectName}`,
    }),
    reminder: (f) => ({
      subject: `Reminder: ${f.subjectName} is still disconnected from your store`,
      paragraphs: [
        `Since ${f.dates.formatDate(f.openedAt)}, new posts from ${f.subjectName} haven't reached your storefront, because Instagram ended Social Feed's connection.${f.detail ? ` ${f.detail}` : ""}`,
        `${KEPT} Press Reconnect on the Account page to bring new posts back.`,
      ],
      action: `Reconnect ${f.subjectName}`,
    }),
    resolved: (f) => ({
      subject: `${f.subjectName} is connected again`,
      paragraphs: [
        `All good again: Social Feed is connected to ${f.subjectName}, and new posts will reach your storefront as before. There's nothing else to do.`,
      ],
    }),
  },
  renewals_failing: {
    opened: (f) => ({
      subject: `Social Feed can't renew the connection to ${f.subjectName}`,
      paragraphs: [
        `Since ${f.dates.formatDate(f.openedAt)}, Instagram hasn't let Social Feed renew its connection to ${f.subjectName}.${f.detail ? ` The last answer was: ${f.detail}` : ""}`,
        f.tokenExpiresAt
          ? `The current connection works until ${f.dates.formatDate(f.tokenExpiresAt)}. Social Feed keeps trying, but if it can't renew it by then, new posts will stop appearing. ${KEPT}`
          : `Social Feed keeps trying. ${KEPT}`,
        "Reconnecting now makes sure: open the Account page in Social Feed and press Reconnect.",
      ],
      action: `Reconnect ${f.subjectName}`,
    }),
    reminder: (f) => ({
      subject: `Reminder: the connection to ${f.subjectName} still can't be renewed`,
      paragraphs: [
        `Since ${f.dates.formatDate(f.openedAt)}, Instagram hasn't let Social Feed renew its connection to ${f.subjectName}.${f.tokenExpiresAt ? ` It works until ${f.dates.formatDate(f.tokenExpiresAt)}.` : ""}`,
        `${KEPT} Press Reconnect on the Account page to fix it for good.`,
      ],
      action: `Reconnect ${f.subjectName}`,
    }),
    resolved: (f) => ({
      subject: `The connection to ${f.subjectName} is renewing again`,
      paragraphs: [
        `All good again: Instagram accepts Social Feed's connection to ${f.subjectName} again, and it renews automatically as before. There's nothing else to do.`,
      ],
    }),
  },
  syncs_failing: {
    opened: (f) => ({
      subject: `New posts from ${f.subjectName} aren't reaching your store`,
      paragraphs: [
        `Since ${f.dates.formatDateTime(f.openedAt)}, every attempt to bring in new posts from ${f.subjectName} has failed.${f.detail ? ` The last attempt said: ${f.detail}` : ""}`,
        `${KEPT} Social Feed keeps trying on its own.`,
        "The Media Sources page shows each attempt; Sync now tries again straight away.",
      ],
      action: "Open Media Sources",
    }),
    reminder: (f) => ({
      subject: `Reminder: new posts from ${f.subjectName} still aren't reaching your store`,
      paragraphs: [
        `Since ${f.dates.formatDate(f.openedAt)}, every attempt to bring in new posts from ${f.subjectName} has failed.${f.detail ? ` The last attempt said: ${f.detail}` : ""}`,
        KEPT,
      ],
      action: "Open Media Sources",
    }),
    resolved: (f) => ({
      subject: `New posts from ${f.subjectName} are arriving again`,
      paragraphs: [
        `All good again: posts from ${f.subjectName} are syncing again, and new ones will reach your storefront as before. There's nothing else to do.`,
      ],
    }),
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function alertEmail(
  kind: IncidentKind,
  purpose: EmailPurpose,
  facts: IncidentFacts,
): { subject: string; text: string; html: string } {
  const { subject, paragraphs, action } = CONTENT[kind][purpose](facts);
  const footer = `You get this email because alerts are on for ${facts.shopName}. To change the address or turn alerts off, open Social Feed › Settings: ${facts.settingsUrl}`;
  const text = [...paragraphs, ...(action ? [`${action}: ${facts.actionUrl}`] : []), "— Social Feed", footer].join(
    "\n\n",
  );
  const button = action
    ? `<p><a href="${escapeHtml(facts.actionUrl)}" style="display:inline-block;background:#303030;color:#fff;padding:10px 16px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(action)}</a></p>`
    : "";
  const html = [
    `<div style="font:15px/1.5 -apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;color:#303030;max-width:560px">`,
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    button,
    `<p>— Social Feed</p>`,
    `<p style="color:#616161;font-size:13px">${escapeHtml(footer.replace(`: ${facts.settingsUrl}`, "."))} <a href="${escapeHtml(facts.settingsUrl)}">Settings</a></p>`,
    `</div>`,
  ].join("\n");
  return { subject, text, html };
}
