/**
 * Proof of control of an e-mail address without storing anything: the link mailed to the address
 * carries the address and an expiry, signed with the server's secret. Whoever opens it has read
 * that mailbox (or was given the link by someone who has), which is what the right of access asks
 * of us before showing what is stored under an address. No table, so nothing to clean up either.
 */
import crypto from "node:crypto";
import { z } from "zod";
import { getEnv } from "~/utils/env.server.ts";

/** How long a link opens the page: long enough to read the e-mail later the same day. */
export const linkValidMs = 24 * 3600_000;

/** Addresses are compared in lower case, as followers store them. */
export const ownerEmail = z
  .string({ message: "myData.email.invalid" })
  .trim()
  .toLowerCase()
  .pipe(z.email("myData.email.invalid").max(254, "myData.email.invalid"));

function sign(payload: string) {
  return crypto.createHmac("sha256", getEnv().SESSION_SECRET).update(`my-data-link:${payload}`).digest("base64url");
}

/** A link token for the address, valid until `now + linkValidMs`. */
export function emailLinkToken(email: string, now = new Date()) {
  const payload = Buffer.from(JSON.stringify({ e: email, x: now.getTime() + linkValidMs })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

/** The address behind a token; null when it is forged, damaged or expired. */
export function verifyEmailLinkToken(token: string, now = new Date()): { email: string; expiresAt: Date } | null {
  if (token.length > 1200 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [payload, signature] = token.split(".") as [string, string];
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const { e, x } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { e: unknown; x: unknown };
    if (typeof x !== "number" || x <= now.getTime()) return null;
    const email = ownerEmail.safeParse(e);
    return email.success ? { email: email.data, expiresAt: new Date(x) } : null;
  } catch {
    return null;
  }
}

/**
 * What replaces an address that must go but whose rows stay (sent e-mails are the outbox's record of
 * what was sent): a keyed hash, the same for the same address, useless without the server's secret.
 */
export function addressHash(email: string) {
  const digest = crypto.createHmac("sha256", getEnv().SESSION_SECRET).update(`address:${email.trim().toLowerCase()}`).digest("base64url");
  return `anonymised:${digest.slice(0, 32)}`;
}

export function isAddressHash(value: string) {
  return value.startsWith("anonymised:");
}
