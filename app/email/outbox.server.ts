// Outgoing mail is a row first (EmailMessage, written in the same transaction as the news it carries),
// then a job. The job retries while the SMTP server is away, and a sweep re-queues any message whose job
// was lost or ran out of retries, so an outage delays mail and loses none.
import type { Prisma } from "@prisma/client";
import { now } from "../clock.server";
import { db } from "../db.server";
import { enqueueMany } from "../jobs/queue.server";
import { QUEUE } from "../jobs/queues";
import { MINUTE } from "../time";
import { deliver, type OutgoingEmail } from "./transport.server";

export interface EmailToQueue extends OutgoingEmail {
  shop: string;
  incidentId?: string;
  purpose: "opened" | "reminder" | "resolved";
}

/** Writes the message (inside the caller's transaction); `sendQueuedEmails` then hands it to a job. */
export async function queueEmail(tx: Prisma.TransactionClient, email: EmailToQueue): Promise<string> {
  const { id } = await tx.emailMessage.create({
    data: { ...email, status: "queued", createdAt: now() },
    select: { id: true },
  });
  return id;
}

export async function sendQueuedEmails(ids: string[]): Promise<void> {
  await enqueueMany(ids.map((id) => ({ name: QUEUE.email, data: { messageId: id }, singletonKey: id })));
}

/** Re-queues messages still waiting a while after they were written (their job failed for good or was lost). */
export async function requeueWaitingEmails(olderThanMs = 5 * MINUTE): Promise<number> {
  const waiting = await db().emailMessage.findMany({
    where: { status: "queued", createdAt: { lt: new Date(now().getTime() - olderThanMs) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 1000,
  });
  await sendQueuedEmails(waiting.map(({ id }) => id));
  return waiting.length;
}

export type DeliveryOutcome = "sent" | "cancelled" | "already_done";

/**
 * The email job: sends one message once. A shop that uninstalled meanwhile gets nothing. A failed attempt
 * is recorded and thrown, so the queue tries again later.
 */
export async function deliverEmail(messageId: string): Promise<DeliveryOutcome> {
  const message = await db().emailMessage.findUnique({ where: { id: messageId } });
  if (!message || message.status !== "queued") return "already_done";
  const installed = await db().session.count({ where: { shop: message.shop } });
  if (!installed) {
    await db().emailMessage.update({
      where: { id: messageId },
      data: { status: "cancelled", lastError: "The app was uninstalled." },
    });
    return "cancelled";
  }
  try {
    const transport = await deliver(message);
    await db().emailMessage.update({
      where: { id: messageId },
      data: { status: "sent", sentAt: now(), transport, attempts: { increment: 1 }, lastError: null },
    });
    return "sent";
  } catch (error) {
    const lastError =
      error instanceof Error && error.name === "EmailDeliveryError" ? error.message : "The message could not be sent.";
    await db().emailMessage.update({ where: { id: messageId }, data: { attempts: { increment: 1 }, lastError } });
    throw error;
  }
}
