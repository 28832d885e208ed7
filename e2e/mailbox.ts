/**
 * The e2e server sends its e-mail over SMTP to 127.0.0.1 on one port per run (E2E_SMTP_PORT, or
 * E2E_PORT + 1000: see playwright.config.ts). A spec that wants to read what is sent opens a mailbox
 * there:
 *
 *   test.describe.configure({ mode: "serial" });
 *   let mailbox: Mailbox;
 *   test.beforeAll(async () => { test.setTimeout(120_000); mailbox = await openMailbox(); });
 *   test.afterAll(async () => { await mailbox?.close(); });
 *   …
 *   const mail = await mailbox.waitFor((m) => m.to === address && /Bekræft/.test(m.subject));
 *
 * One port, one listener: spec files run in parallel workers, so they take turns through a lock
 * file. A second spec's openMailbox() waits until the first has closed its mailbox; meanwhile the server
 * simply retries its sending (quickly, with the e2e settings), so nothing is lost, and nothing is
 * read by the wrong spec as long as each matches on its own recipient addresses (make them unique,
 * e.g. with Date.now()). Hold a mailbox for one serial describe block and close it in afterAll.
 * `mailbox.stop()` and `mailbox.start()` play an SMTP outage on the same port.
 */
import fs from "node:fs";
import path from "node:path";
import { startMailbox, type Mailbox, type ReceivedMail } from "../tests/mailbox.ts";

export type { Mailbox, ReceivedMail };

export function e2eSmtpPort() {
  return Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 3107) + 1000);
}

/**
 * Opens the run's mailbox. Specs take turns through a lock file in the run's artifacts folder, held
 * from open to close: not the port itself, which a spec playing an SMTP outage (stop, then start)
 * must be able to release without another spec taking it in between.
 */
export async function openMailbox({ waitForLockMs = 150_000 }: { waitForLockMs?: number } = {}): Promise<Mailbox> {
  const lock = path.join(path.resolve(process.env.E2E_ARTIFACTS ?? "e2e/.artifacts"), `mailbox-${e2eSmtpPort()}.lock`);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + waitForLockMs;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (holderIsGone(lock)) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`The mailbox on port ${e2eSmtpPort()} stayed locked by another spec`);
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    const mailbox = await startMailbox({ port: e2eSmtpPort() });
    const close = mailbox.close.bind(mailbox);
    mailbox.close = async () => {
      try {
        await close();
      } finally {
        fs.rmSync(lock, { force: true });
      }
    };
    return mailbox;
  } catch (error) {
    fs.rmSync(lock, { force: true });
    throw error;
  }
}

/** A lock left by a worker that has died (the process is gone) is stale. */
function holderIsGone(lock: string) {
  const pid = Number(fs.readFileSync(lock, "utf8"));
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/** The first web address in a message's plain text that ends with the given path word. */
export function linkIn(mail: ReceivedMail, ending: string) {
  const url = mail.text.match(new RegExp(`https?://\\S+/${ending}(?=\\s|$)`))?.[0];
  if (!url) throw new Error(`No link ending in /${ending} in the e-mail "${mail.subject}":\n${mail.text}`);
  return url;
}
