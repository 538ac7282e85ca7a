// A real SMTP server on localhost for the tests (smtp-server, the server half of nodemailer's project):
// the app's mail goes over a socket, is parsed back with mailparser, and an outage is a closed port.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { resetConfigForTests } from "../../app/config.server";

export interface ReceivedEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export function useSmtpServer() {
  const inbox: ReceivedEmail[] = [];
  let server: SMTPServer | undefined;
  let port = 0;

  const listen = async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          simpleParser(raw)
            .then((mail) => {
              const address = (value: typeof mail.to) =>
                Array.isArray(value) ? value.map((v) => v.text).join(", ") : (value?.text ?? "");
              inbox.push({
                from: mail.from?.text ?? "",
                to: address(mail.to),
                subject: mail.subject ?? "",
                text: mail.text ?? "",
                html: String(mail.html || ""),
                raw,
              });
              callback();
            })
            .catch(callback);
        });
      },
    });
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    await listen();
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    process.env.EMAIL_FROM = "Social Feed <alerts@social-feed.test>";
    resetConfigForTests();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.EMAIL_FROM;
    resetConfigForTests();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  return {
    inbox,
    /** The mail server goes away: connections are refused until `recover()`. */
    async outage() {
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    },
    /** Back on the same port. */
    recover: listen,
  };
}
