// How mail leaves the app: SMTP when SMTP_URL is set (always in production, config.server.ts insists),
// otherwise nowhere: the message stays in the database, which is the outbox the sandbox shows.
// nodemailer: the de-facto SMTP client for Node (STARTTLS, pooling, address and header encoding done right).
import { createTransport } from "nodemailer";
import { config } from "../config.server";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export type Transport = "smtp" | "outbox";

/** Thrown when the SMTP server could not be reached or refused the message; the job retries later. */
export class EmailDeliveryError extends Error {
  override name = "EmailDeliveryError";
}

let smtp: ReturnType<typeof createTransport> | undefined;
let smtpUrl: string | undefined;

function smtpTransport(url: string) {
  if (!smtp || smtpUrl !== url) {
    smtp?.close();
    // Short timeouts: a stuck server must not hold a worker; the job is simply retried.
    smtp = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    smtpUrl = url;
  }
  return smtp;
}

export async function deliver(email: OutgoingEmail): Promise<Transport> {
  const { SMTP_URL, EMAIL_FROM } = config();
  if (!SMTP_URL) return "outbox";
  try {
    await smtpTransport(SMTP_URL).sendMail({ from: EMAIL_FROM, ...email });
    return "smtp";
  } catch (error) {
    // The code and SMTP reply only: the URL (with its password) must never reach a log or the database.
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    throw new EmailDeliveryError(
      `The mail server did not take the message (${[code, responseCode].filter(Boolean).join(" ") || "no reply"}).`,
    );
  }
}
