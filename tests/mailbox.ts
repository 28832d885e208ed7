/**
 * A real SMTP server for tests (the smtp-server package) that keeps what it receives and reads it
 * back: subject, recipients, plain text, HTML and headers, decoded. It can be stopped and started
 * again on the same port, to play a relay that is down, and told to refuse recipients.
 *
 *   const mailbox = await startMailbox();               // a free port
 *   … configure the sender with mailbox.url …
 *   const mail = await mailbox.waitFor((m) => m.to === "anna@eksempel.dk");
 *   await mailbox.close();
 */
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export type ReceivedMail = {
  /** The envelope sender. */
  from: string;
  /** The envelope recipients joined by ", ": just the address when there is one. */
  to: string;
  recipients: string[];
  subject: string;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded. */
  html: string;
  /** Header names in lower case, values unfolded and decoded (the first of repeated headers). */
  headers: Record<string, string>;
  /** The message as it arrived. */
  raw: string;
};

export type Mailbox = {
  port: number;
  /** The SMTP_URL that reaches this mailbox. */
  url: string;
  /** Everything received so far, oldest first. */
  messages: ReceivedMail[];
  /** The first message (already here or still to come) that matches; fails after the timeout. */
  waitFor(match: (mail: ReceivedMail) => boolean, options?: { timeoutMs?: number }): Promise<ReceivedMail>;
  /** Refuse every recipient with this reply from now on (e.g. 550), or accept again with null. */
  refuseRecipients(reply: { code: number; message: string } | null): void;
  /** Stops listening and drops open connections: the relay is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
};

export async function startMailbox({ port = 0, host = "127.0.0.1" }: { port?: number; host?: string } = {}): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const listeners = new Set<(mail: ReceivedMail) => void>();
  let refusal: { code: number; message: string } | null = null;
  let server: SMTPServer | null = null;
  let boundPort = port;

  const options: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // No reverse DNS for 127.0.0.1: it only slows every message down.
    disableReverseLookup: true,
    // Stopping must drop clients at once, or a "down" relay would still answer for half a minute.
    closeTimeout: 50,
    onRcptTo(_address, _session, callback) {
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelope = session.envelope;
        const recipients = envelope.rcptTo.map((r) => r.address);
        const mail = parseMail(Buffer.concat(chunks), {
          from: envelope.mailFrom ? envelope.mailFrom.address : "",
          recipients,
        });
        messages.push(mail);
        for (const listener of listeners) listener(mail);
        callback();
      });
    },
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const instance = new SMTPServer(options);
      instance.on("error", () => {
        // Connection errors (a client dropped mid-message) are the client's business.
      });
      const onError = (error: Error) => reject(error);
      instance.server.once("error", onError);
      instance.listen(boundPort, host, () => {
        instance.server.off("error", onError);
        boundPort = (instance.server.address() as { port: number }).port;
        server = instance;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const instance = server;
      server = null;
      if (!instance) return resolve();
      instance.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return boundPort;
    },
    get url() {
      return `smtp://${host}:${boundPort}`;
    },
    messages,
    waitFor(match, { timeoutMs = 10_000 } = {}) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const listener = (mail: ReceivedMail) => {
          if (!match(mail)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          listeners.delete(listener);
          const seen = messages.map((m) => `${m.to}: ${m.subject}`).join("; ") || "nothing";
          reject(new Error(`No matching e-mail within ${timeoutMs} ms; received: ${seen}`));
        }, timeoutMs);
        listeners.add(listener);
      });
    },
    refuseRecipients(reply) {
      refusal = reply;
    },
    stop,
    async start() {
      if (!server) await listen();
    },
    close: stop,
  };
}

// ---- Reading a message: enough MIME for what nodemailer writes ----

/** Parses a raw message; bytes are handled as latin1 until a part's charset says otherwise. */
export function parseMail(raw: Buffer | string, envelope: { from: string; recipients: string[] } = { from: "", recipients: [] }): ReceivedMail {
  const binary = typeof raw === "string" ? Buffer.from(raw, "utf8").toString("latin1") : raw.toString("latin1");
  const root = parseEntity(binary);
  const headers = Object.fromEntries([...root.headers].map(([name, values]) => [name, decodeWords(values[0] ?? "")]));
  const leaves = flatten(root);
  const part = (type: string) => leaves.find((l) => l.type === type);
  const recipients = envelope.recipients.length > 0 ? envelope.recipients : headers.to ? [headers.to] : [];
  return {
    from: envelope.from,
    to: recipients.join(", "),
    recipients,
    subject: headers.subject ?? "",
    text: part("text/plain")?.body ?? "",
    html: part("text/html")?.body ?? "",
    headers,
    raw: Buffer.from(binary, "latin1").toString("utf8"),
  };
}

type Entity = { headers: Map<string, string[]>; type: string; params: Record<string, string>; body: string; parts: Entity[] };

function parseEntity(binary: string): Entity {
  const split = /\r?\n\r?\n/.exec(binary);
  const head = split ? binary.slice(0, split.index) : binary;
  const rest = split ? binary.slice(split.index + split[0].length) : "";
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const [type = "text/plain", ...paramParts] = (headers.get("content-type")?.[0] ?? "text/plain").split(";");
  const params: Record<string, string> = {};
  for (const p of paramParts) {
    const eq = p.indexOf("=");
    if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
  }
  const entity: Entity = { headers, type: type.trim().toLowerCase(), params, body: "", parts: [] };
  if (entity.type.startsWith("multipart/") && params.boundary) {
    const delimiter = `--${params.boundary}`;
    const sections = rest.split(new RegExp(`\\r?\\n?${escapeRegExp(delimiter)}`));
    // The first section is the preamble; the one starting with "--" is the closing delimiter.
    for (const section of sections.slice(1)) {
      if (section.startsWith("--")) break;
      entity.parts.push(parseEntity(section.replace(/^[ \t]*\r?\n/, "")));
    }
  } else {
    const encoding = (headers.get("content-transfer-encoding")?.[0] ?? "7bit").toLowerCase();
    const bytes =
      encoding === "base64"
        ? Buffer.from(rest.replace(/\s+/g, ""), "base64")
        : Buffer.from(encoding === "quoted-printable" ? decodeQuotedPrintable(rest) : rest, "latin1");
    entity.body = bytes.toString(charsetOf(params.charset));
  }
  return entity;
}

function flatten(entity: Entity): Entity[] {
  return entity.parts.length > 0 ? entity.parts.flatMap(flatten) : [entity];
}

function decodeQuotedPrintable(text: string) {
  return text.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=); the space between two of them goes. */
function decodeWords(value: string) {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(?:\s+(?==\?))?/g, (_, charset: string, encoding: string, text: string) => {
    const binary =
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("latin1")
        : decodeQuotedPrintable(text.replace(/_/g, " "));
    return Buffer.from(binary, "latin1").toString(charsetOf(charset));
  });
}

function charsetOf(charset: string | undefined): BufferEncoding {
  const name = (charset ?? "utf-8").toLowerCase();
  return name === "us-ascii" || name === "iso-8859-1" || name === "latin1" ? "latin1" : "utf8";
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
