/**
 * How a rendered message leaves the process: to the SMTP relay named by SMTP_URL, or, when none is
 * configured, into `<DATA_DIR>/outbox/` as one .eml file per message, so a fresh install sends
 * nothing to anybody and an operator can still read what would have gone out.
 */
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import nodemailer from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import { getEnv } from "~/utils/env.server.ts";

/** One message as the outbox holds it, already rendered. */
export type OutgoingMessage = {
  /** The outbox row's id: the Message-ID is made from it, so a resent copy carries the same one. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
};

export type MailTransport = {
  kind: "smtp" | "folder";
  /** Resolves once the relay accepted the message (or the file is on disk); rejects otherwise. */
  send(message: OutgoingMessage): Promise<{ response: string }>;
  close(): void;
};

/** An error the relay gave with a permanent (5xx) reply: sending the same message again cannot help. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/**
 * A send must end well within the worker's claim lease (see worker.server.ts), or a slow relay
 * could see the same message claimed and sent by another pass. These bound every stage of it.
 */
export const smtpTimeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * SMTP through nodemailer. One transporter for the process, without pooling: the worker sends one
 * message at a time, usually to a relay on the same network, and a connection per message leaves no
 * half-dead pooled socket behind after the relay restarts. Options in the URL's query (for example
 * `?ignoreTLS=true`) are nodemailer's own.
 */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ ...parseConnectionUrl(smtpUrl), ...smtpTimeouts, pool: false });
  const domain = senderDomain(from);
  return {
    kind: "smtp",
    async send(message) {
      const info = await transporter.sendMail(mailOptions(message, from, domain));
      return { response: String(info.response ?? "") };
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Writes each message as an RFC 822 file (CRLF line ends, as mail programs expect), named so that
 * a listing sorts by time. Written under a temporary name first, so a reader never sees half a file.
 */
export function folderTransport(dir: string, from: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const domain = senderDomain(from);
  return {
    kind: "folder",
    async send(message) {
      const info = await composer.sendMail(mailOptions(message, from, domain));
      await fs.mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = path.join(dir, `${stamp}-${message.id}.eml`);
      const temporary = `${file}.${crypto.randomUUID()}.tmp`;
      await fs.writeFile(temporary, info.message as Buffer);
      await fs.rename(temporary, file);
      return { response: `written to ${path.basename(file)}` };
    },
    close() {
      composer.close();
    },
  };
}

/** The transport the configuration asks for. */
export function transportFromEnv(): MailTransport {
  const env = getEnv();
  return env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : folderTransport(outboxFolder(), env.MAIL_FROM);
}

/** Where messages go without SMTP_URL. */
export function outboxFolder() {
  return path.join(getEnv().dataDir, "outbox");
}

function mailOptions(message: OutgoingMessage, from: string, domain: string) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: message.headers,
    messageId: `<${message.id}@${domain}>`,
    date: new Date(),
  };
}

function senderDomain(from: string) {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  const domain = address.split("@")[1]?.trim();
  return domain && /^[A-Za-z0-9.-]+$/.test(domain) ? domain : "raadslag.local";
}
