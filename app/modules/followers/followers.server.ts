/**
 * Following a consultation: someone leaves an e-mail address to be told the outcome. Double opt-in:
 * nothing but the confirmation e-mail is sent until its link is used. A follower is the address,
 * its language and the time of consent, nothing more; unsubscribing deletes the row, and an
 * address never confirmed is forgotten after a week. The only code that touches Follower rows.
 */
import crypto from "node:crypto";
import { redirect } from "@remix-run/node";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import type { CommandResult } from "~/utils/command.ts";
import { createRateLimiter } from "~/utils/rate-limit.server.ts";
import type { Language } from "~/i18n/config.ts";
import { getLanguage } from "~/i18n/i18next.server.ts";
import { effectiveStatus } from "~/modules/consultations/lifecycle.ts";
import { enqueueMail, wakeMailWorker } from "~/modules/mail/outbox.server.ts";
import { mailLanguage } from "~/modules/mail/compose.server.ts";
import { followAvailability } from "./availability.ts";
import { alreadyFollowingMail, confirmationMail } from "./follow-mails.server.ts";
import { followerEmail, parseFollow } from "./follow.schema.ts";

/** A second confirmation (or "you already follow") e-mail to the same address waits this long. */
export const resendAfterMs = 5 * 60_000;
/** How long a confirmation link works; an unconfirmed address is deleted after it. */
export const unconfirmedKeepDays = 7;
const unconfirmedKeepMs = unconfirmedKeepDays * 24 * 3600_000;

/** Sign-ups from one address: enough for a family or an office behind one IP, not for a script. */
const followLimiter = createRateLimiter({ name: "follow-address", limit: 10, windowMs: 15 * 60_000 });

/** Counts a sign-up from a client address; the seconds to wait when over the limit, else 0. */
export function followThrottle(clientAddress: string) {
  return followLimiter.hit(clientAddress);
}

export function confirmUrl(origin: string, token: string) {
  return `${origin}/foelg/${encodeURIComponent(token)}/bekraeft`;
}

/** The one-click unsubscribe address; a GET shows a button, a POST (RFC 8058) unsubscribes. */
export function unsubscribeUrl(origin: string, token: string) {
  return `${origin}/foelg/${encodeURIComponent(token)}/afmeld`;
}

/** The consultation behind a follow form; null for unknown slugs and drafts. */
export async function getFollowTarget(slug: string, now = new Date()) {
  const row = await prisma.consultation.findUnique({
    where: { slug },
    select: { id: true, slug: true, kind: true, title: true, status: true, opensAt: true, closesAt: true, expectedDecisionAt: true },
  });
  if (!row || row.status === "draft") return null;
  const status = effectiveStatus(row, now);
  return { id: row.id, slug: row.slug, kind: row.kind, title: row.title, status, availability: followAvailability(status) };
}

export type FollowErrors = Partial<Record<"email" | "consent" | "form", string>>;

/**
 * The follow form. Answers every valid request the same way ("check your inbox"), whether the
 * address is new, waiting for confirmation or already following, so nobody can learn from the page
 * who follows what; the difference is told by e-mail, to the address itself.
 */
export async function followConsultation(
  consultationId: string,
  input: Record<string, unknown>,
  context: { pageLanguage: Language; origin: string },
  now = new Date(),
): Promise<CommandResult<{ email: string }>> {
  const consultation = await prisma.consultation.findUnique({
    where: { id: consultationId },
    select: { status: true, opensAt: true, closesAt: true, expectedDecisionAt: true },
  });
  if (!consultation || consultation.status === "draft") return { ok: false, errors: { form: "validation.notFound" } };
  const availability = followAvailability(effectiveStatus(consultation, now));
  if (availability !== "available") return { ok: false, errors: { form: `validation.${availability}` } };

  const parsed = parseFollow(input, context.pageLanguage);
  if (!parsed.ok) return parsed;
  await prisma.$transaction((tx) => startFollowing(tx, { consultationId, ...parsed.data, origin: context.origin, now }));
  wakeMailWorker();
  return { ok: true, value: { email: parsed.data.email } };
}

/**
 * In the caller's transaction (the follow form, a hearing response or a comment with "tell me the
 * outcome" ticked): creates the follower, or renews an unconfirmed one's consent, and enqueues the
 * e-mail that goes with it. The caller has checked that the consultation may be followed and calls
 * wakeMailWorker() after its commit.
 */
export async function startFollowing(
  tx: Prisma.TransactionClient,
  input: { consultationId: string; email: string; locale: Language; origin: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const email = followerEmail.parse(input.email);
  const consultation = await tx.consultation.findUniqueOrThrow({
    where: { id: input.consultationId },
    select: { slug: true, title: true, municipality: { select: { name: true, primaryColor: true } } },
  });
  const existing = await tx.follower.findUnique({
    where: { consultationId_email: { consultationId: input.consultationId, email } },
    select: { id: true, token: true, locale: true, confirmedAt: true },
  });

  const mailContext = (follower: { token: string; locale: string }) => ({
    locale: follower.locale,
    consultation: { title: consultation.title, url: `${input.origin}/c/${consultation.slug}` },
    municipality: consultation.municipality,
    unsubscribeUrl: unsubscribeUrl(input.origin, follower.token),
  });

  if (!existing) {
    const follower = await tx.follower.create({
      data: { consultationId: input.consultationId, email, locale: input.locale, consentAt: now, token: newToken() },
      select: { id: true, token: true, locale: true },
    });
    const mail = confirmationMail({ ...mailContext(follower), confirmUrl: confirmUrl(input.origin, follower.token), keepDays: unconfirmedKeepDays });
    await enqueueMail(tx, { dedupeKey: `follow-confirm:${follower.id}:1`, to: email, ...mail });
    return;
  }

  // Asked again: answer by e-mail, but not more often than every few minutes, so the form
  // cannot be used to flood somebody's inbox.
  const prefix = existing.confirmedAt ? `follow-already:${existing.id}:` : `follow-confirm:${existing.id}:`;
  const earlier = await tx.mailMessage.findMany({
    where: { dedupeKey: { startsWith: prefix } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  if (earlier[0] && now.getTime() - earlier[0].createdAt.getTime() < resendAfterMs) return;
  const dedupeKey = `${prefix}${earlier.length + 1}`;
  if (existing.confirmedAt) {
    await enqueueMail(tx, { dedupeKey, to: email, ...alreadyFollowingMail(mailContext(existing)) });
    return;
  }
  // Consent given again, perhaps in the other language: the newest one counts.
  const renewed = await tx.follower.update({
    where: { id: existing.id },
    data: { consentAt: now, locale: input.locale },
    select: { token: true, locale: true },
  });
  const mail = confirmationMail({ ...mailContext(renewed), confirmUrl: confirmUrl(input.origin, renewed.token), keepDays: unconfirmedKeepDays });
  await enqueueMail(tx, { dedupeKey, to: email, ...mail });
}

/** 192 random bits: the only secret behind the confirm and unsubscribe links. */
function newToken() {
  return crypto.randomBytes(24).toString("base64url");
}

/** Tokens are what newToken makes; anything else is not looked up at all. */
function isToken(token: string) {
  return /^[A-Za-z0-9_-]{20,64}$/.test(token);
}

const tokenSelect = {
  id: true,
  locale: true,
  confirmedAt: true,
  consentAt: true,
  consultation: { select: { slug: true, title: true } },
} as const;

export type TokenState = "pending" | "confirmed" | "expired";

/** What a confirm or unsubscribe link points at, for its page; null when nothing (any more). */
export async function getFollowerByToken(token: string, now = new Date()) {
  if (!isToken(token)) return null;
  const row = await prisma.follower.findUnique({ where: { token }, select: tokenSelect });
  if (!row) return null;
  const state: TokenState = row.confirmedAt ? "confirmed" : isExpired(row.consentAt, now) ? "expired" : "pending";
  return { state, locale: mailLanguage(row.locale), consultation: row.consultation };
}

/**
 * A follower's pages open in the follower's language, whichever browser opens the link: a redirect
 * to the same page with ?lng=, unless the page is in that language already or the reader chose one.
 */
export async function followerLanguageRedirect(request: Request, locale: Language) {
  const url = new URL(request.url);
  if (request.method !== "GET" || url.searchParams.has("lng") || (await getLanguage(request)) === locale) return null;
  url.searchParams.set("lng", locale);
  return redirect(`${url.pathname}${url.search}`);
}

function isExpired(consentAt: Date, now: Date) {
  return now.getTime() - consentAt.getTime() > unconfirmedKeepMs;
}

export type ConfirmResult =
  | { state: "confirmed" | "alreadyConfirmed"; consultation: { slug: string; title: string } }
  | { state: "expired"; consultation: { slug: string; title: string } }
  | { state: "unknown" };

/** The second opt-in. A link older than a week no longer confirms: the address is forgotten instead. */
export async function confirmFollower(token: string, now = new Date()): Promise<ConfirmResult> {
  if (!isToken(token)) return { state: "unknown" };
  const row = await prisma.follower.findUnique({ where: { token }, select: tokenSelect });
  if (!row) return { state: "unknown" };
  if (row.confirmedAt) return { state: "alreadyConfirmed", consultation: row.consultation };
  if (isExpired(row.consentAt, now)) {
    await prisma.follower.deleteMany({ where: { id: row.id, confirmedAt: null } });
    return { state: "expired", consultation: row.consultation };
  }
  await prisma.follower.updateMany({ where: { id: row.id, confirmedAt: null }, data: { confirmedAt: now } });
  return { state: "confirmed", consultation: row.consultation };
}

/** Stops following: the row, and with it the address, is deleted. Safe to repeat. */
export async function unsubscribeFollower(token: string): Promise<{ removed: boolean; consultation: { slug: string; title: string } | null }> {
  if (!isToken(token)) return { removed: false, consultation: null };
  const row = await prisma.follower.findUnique({ where: { token }, select: tokenSelect });
  const { count } = await prisma.follower.deleteMany({ where: { token } });
  return { removed: count > 0, consultation: row?.consultation ?? null };
}

/** Everyone to tell when the outcome is published: confirmed followers only. */
export async function confirmedFollowers(consultationId: string, db: Prisma.TransactionClient = prisma) {
  return db.follower.findMany({
    where: { consultationId, confirmedAt: { not: null } },
    select: { id: true, email: true, locale: true, token: true },
    orderBy: { consentAt: "asc" },
  });
}

/** Addresses whose owner never confirmed are not kept: deleted once the link has expired. */
export async function forgetUnconfirmedFollowers(now = new Date()) {
  const { count } = await prisma.follower.deleteMany({
    where: { confirmedAt: null, consentAt: { lt: new Date(now.getTime() - unconfirmedKeepMs) } },
  });
  return count;
}
