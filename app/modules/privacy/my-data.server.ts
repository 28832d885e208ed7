/**
 * The right of access and the right to erasure, for people without an account. Two ways in:
 * - this device: what the device cookie (and the poll voter cookie) link to. Holding the cookie is
 *   the proof; there is no other identity to check.
 * - an e-mail address: what is stored under it (following, hearing responses, e-mail sent), shown
 *   only through a signed link mailed to the address (email-link.server.ts).
 * Deletion removes the person and keeps the anonymous counts: see docs/decisions/0010.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import type { CommandResult } from "~/utils/command.ts";
import { createRateLimiter } from "~/utils/rate-limit.server.ts";
import type { Language } from "~/i18n/config.ts";
import { participantIdFromCookieHeader } from "~/modules/participants/device.server.ts";
import { voterFromCookieHeader, voterHash } from "~/modules/polls/voter.server.ts";
import { toPublic } from "~/modules/discussion/discussion.server.ts";
import { announce, appendEvent } from "~/modules/realtime/event-log.server.ts";
import type { PublicComment, SequencedEvent } from "~/modules/realtime/events.ts";
import { enqueueMail, wakeMailWorker } from "~/modules/mail/outbox.server.ts";
import { composeMail, mailT } from "~/modules/mail/compose.server.ts";
import { addressHash, emailLinkToken, isAddressHash, linkValidMs, ownerEmail } from "./email-link.server.ts";

import { commentSelect as discussionCommentSelect } from "~/modules/discussion/discussion.server.ts";

type Tx = Prisma.TransactionClient;

// ---- This device ----

const commentSelect = {
  ...discussionCommentSelect,
  authorUserId: true,
  consultationId: true,
  consultation: { select: { slug: true, title: true } },
} as const;

const hearingSelect = {
  receiptNumber: true,
  name: true,
  email: true,
  organisation: true,
  publication: true,
  body: true,
  attachmentName: true,
  createdAt: true,
  consultation: { select: { slug: true, title: true } },
} as const;

type ConsultationRef = { slug: string; title: string };

export type DeviceData = {
  /** Whether anything at all is linked to this device. */
  empty: boolean;
  participant: { pseudonym: string | null; firstSeenAt: Date; blocked: boolean } | null;
  comments: { id: string; consultation: ConsultationRef; isReply: boolean; text: string; status: string; supportCount: number; createdAt: Date }[];
  supports: { commentId: string; consultation: ConsultationRef; createdAt: Date }[];
  reports: { commentId: string; consultation: ConsultationRef; rule: number; createdAt: Date }[];
  hearingResponses: HearingResponseData[];
  pollVotes: { pollId: string; consultation: ConsultationRef; votedAt: Date; ageGroup: string | null; channel: string; answers: { question: string; answer: string }[] }[];
};

type HearingResponseData = {
  receiptNumber: string;
  consultation: ConsultationRef;
  name: string;
  email: string;
  organisation: string | null;
  publication: string;
  text: string;
  attachmentName: string | null;
  createdAt: Date;
};

/** The device's identity from its cookies: the participant id, and the poll voter token if any. */
export async function deviceFromCookies(cookieHeader: string | null) {
  const participantId = await participantIdFromCookieHeader(cookieHeader);
  // voterFromCookieHeader makes a new token when there is none: a new token has voted nowhere.
  const voter = await voterFromCookieHeader(cookieHeader, false);
  return { participantId, voterToken: voter.setCookie ? null : voter.token };
}

/** Everything the platform holds that this device's cookies lead to. */
export async function getDeviceData(device: { participantId: string | null; voterToken: string | null }): Promise<DeviceData> {
  const participantId = device.participantId;
  const [participant, comments, supports, reports, hearingResponses, pollVotes] = await Promise.all([
    participantId ? prisma.participant.findUnique({ where: { id: participantId }, select: { displayName: true, createdAt: true, blockedAt: true } }) : null,
    participantId
      ? prisma.comment.findMany({ where: { participantId, authorUserId: null, status: { not: "deleted" } }, select: commentSelect, orderBy: { createdAt: "asc" } })
      : [],
    participantId
      ? prisma.commentSupport.findMany({
          where: { participantId },
          select: { commentId: true, createdAt: true, comment: { select: { consultation: { select: { slug: true, title: true } } } } },
          orderBy: { createdAt: "asc" },
        })
      : [],
    participantId
      ? prisma.commentReport.findMany({
          where: { participantId },
          select: { commentId: true, rule: true, createdAt: true, comment: { select: { consultation: { select: { slug: true, title: true } } } } },
          orderBy: { createdAt: "asc" },
        })
      : [],
    participantId ? prisma.hearingResponse.findMany({ where: { participantId }, select: hearingSelect, orderBy: { createdAt: "asc" } }) : [],
    device.voterToken ? votesOf(device.voterToken) : [],
  ]);
  const data: DeviceData = {
    empty: false,
    participant: participant ? { pseudonym: participant.displayName, firstSeenAt: participant.createdAt, blocked: !!participant.blockedAt } : null,
    comments: comments.map((c) => ({
      id: c.id,
      consultation: c.consultation,
      isReply: !!c.parentId,
      text: c.body,
      status: c.status,
      supportCount: c.supportCount,
      createdAt: c.createdAt,
    })),
    supports: supports.map((s) => ({ commentId: s.commentId, consultation: s.comment.consultation, createdAt: s.createdAt })),
    reports: reports.map((r) => ({ commentId: r.commentId, consultation: r.comment.consultation, rule: r.rule, createdAt: r.createdAt })),
    hearingResponses: hearingResponses.map(toHearingData),
    pollVotes,
  };
  data.empty =
    !data.participant?.pseudonym &&
    data.comments.length + data.supports.length + data.reports.length + data.hearingResponses.length + data.pollVotes.length === 0;
  return data;
}

/**
 * The polls this device voted in. A ballot holds only HMAC(poll + token), so the only way back from
 * a device to its ballots is to compute that hash for every poll: the server cannot do it without
 * the cookie, which is the point.
 */
async function votesOf(token: string) {
  const polls = await prisma.poll.findMany({ select: { id: true } });
  if (polls.length === 0) return [];
  const ballots = await prisma.pollBallot.findMany({
    where: { OR: polls.map((p) => ({ pollId: p.id, voterHash: voterHash(p.id, token) })) },
    select: {
      pollId: true,
      ageGroup: true,
      channel: true,
      createdAt: true,
      poll: { select: { consultation: { select: { slug: true, title: true } } } },
      answers: { select: { question: { select: { text: true, position: true } }, option: { select: { label: true, position: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  return ballots.map((b) => ({
    pollId: b.pollId,
    consultation: b.poll.consultation,
    votedAt: b.createdAt,
    ageGroup: b.ageGroup,
    channel: b.channel,
    answers: [...b.answers]
      .sort((x, y) => x.question.position - y.question.position || x.option.position - y.option.position)
      .map((a) => ({ question: a.question.text, answer: a.option.label })),
  }));
}

function toHearingData(r: Prisma.HearingResponseGetPayload<{ select: typeof hearingSelect }>): HearingResponseData {
  return {
    receiptNumber: r.receiptNumber,
    consultation: r.consultation,
    name: r.name,
    email: r.email,
    organisation: r.organisation,
    publication: r.publication,
    text: r.body,
    attachmentName: r.attachmentName,
    createdAt: r.createdAt,
  };
}

export type DeviceDeletion = { comments: number; supports: number; reports: number; hearingResponsesUnlinked: number };

/**
 * Erases this device from the platform, in one transaction:
 * - its comments become "deleted by the author" placeholders: text and pseudonym gone, place in the
 *   thread, replies and support count kept; earlier live events that carried the text are rewritten;
 * - its supports and reports are removed, while the comments' counters stay as they were;
 * - the participant row is deleted; what stays (placeholders, hearing responses) moves to a fresh,
 *   nameless participant, so "how many took part" counts the same and nothing leads back to the
 *   old cookie. Hearing responses keep their text: they are erased through their e-mail address.
 * Poll ballots never held anything about the device but a keyed hash; clearing the voter cookie
 * (the route does that) breaks the last link. Staff answers belong to the staff account, not here.
 */
export async function deleteDeviceData(participantId: string): Promise<DeviceDeletion> {
  const { result, events } = await prisma.$transaction(async (tx) => {
    const exists = await tx.participant.findUnique({ where: { id: participantId }, select: { id: true } });
    if (!exists) return { result: { comments: 0, supports: 0, reports: 0, hearingResponsesUnlinked: 0 }, events: [] as SequencedEvent[] };

    const comments = await tx.comment.findMany({
      where: { participantId, authorUserId: null, status: { not: "deleted" } },
      select: commentSelect,
    });
    const events: SequencedEvent[] = [];
    for (const comment of comments) {
      const deleted = await tx.comment.update({
        where: { id: comment.id },
        data: { status: "deleted", body: "", authorName: "", heldReasons: null, hiddenRule: null },
        select: commentSelect,
      });
      const visible = toPublic(deleted);
      if (!visible) continue;
      await rewriteEarlierEvents(tx, deleted.id, visible);
      events.push(await appendEvent(tx, deleted.consultationId, { type: "comment.upsert", comment: visible }));
    }
    // The rows go; the counters on the comments are anonymous figures and stay.
    const supports = await tx.commentSupport.deleteMany({ where: { participantId } });
    const reports = await tx.commentReport.deleteMany({ where: { participantId } });

    const standIn = await tx.participant.create({ data: {}, select: { id: true } });
    await tx.comment.updateMany({ where: { participantId }, data: { participantId: standIn.id } });
    const unlinked = await tx.hearingResponse.updateMany({ where: { participantId }, data: { participantId: standIn.id } });
    await tx.participant.delete({ where: { id: participantId } });
    return {
      result: { comments: comments.length, supports: supports.count, reports: reports.count, hearingResponsesUnlinked: unlinked.count },
      events,
    };
  });
  announce(events);
  return result;
}

/**
 * The event log keeps what every reader saw, for pages catching up; a comment its author deleted
 * must not come back from there, so every earlier copy of it becomes the placeholder.
 */
async function rewriteEarlierEvents(tx: Tx, commentId: string, placeholder: PublicComment) {
  const rows = await tx.realtimeEvent.findMany({
    where: { type: "comment.upsert", payload: { contains: `"id":"${commentId}"` } },
    select: { id: true, payload: true },
  });
  for (const row of rows) {
    const event = JSON.parse(row.payload) as { type: string; comment?: PublicComment };
    if (event.comment?.id !== commentId) continue;
    await tx.realtimeEvent.update({ where: { id: row.id }, data: { payload: JSON.stringify({ ...event, comment: placeholder }) } });
  }
}

// ---- An e-mail address ----

/** Link requests from one client address: a family or an office behind one IP, not a script. */
const linkLimiter = createRateLimiter({ name: "my-data-link-address", limit: 10, windowMs: 15 * 60_000 });
/** One link per address per window, whatever is asked: the form cannot flood an inbox. */
const linkWindowMs = 10 * 60_000;

export function linkThrottle(clientAddress: string) {
  return linkLimiter.hit(clientAddress);
}

export function emailDataUrl(origin: string, token: string) {
  return `${origin}/mine-data/email/${token}`;
}

/**
 * Sends the address a link to its own data. Every valid request is answered the same way, whether
 * anything is stored under the address or not, so the form tells nobody who took part.
 */
export async function requestEmailLink(
  input: Record<string, unknown>,
  context: { locale: Language; origin: string },
  now = new Date(),
): Promise<CommandResult<{ email: string }>> {
  const parsed = ownerEmail.safeParse(input.email ?? "");
  if (!parsed.success) return { ok: false, errors: { email: "myData.email.invalid" } };
  const email = parsed.data;
  const municipality = await prisma.municipality.findFirstOrThrow({ select: { name: true, primaryColor: true }, orderBy: { createdAt: "asc" } });
  const t = mailT(context.locale, "privacy");
  const url = emailDataUrl(context.origin, emailLinkToken(email, now));
  const hours = Math.round(linkValidMs / 3600_000);
  const composed = composeMail({
    locale: context.locale,
    municipality,
    preheader: t("mail.preheader", { hours }),
    heading: t("mail.heading"),
    paragraphs: [t("mail.intro", { municipality: municipality.name }), t("mail.explain", { hours })],
    action: { label: t("mail.action"), url },
    footerNote: t("mail.footer"),
  });
  // The key names the address only by its hash: the outbox's keys outlive its addresses.
  const dedupeKey = `my-data-link:${addressHash(email)}:${Math.floor(now.getTime() / linkWindowMs)}`;
  await enqueueMail(prisma, { dedupeKey, to: email, subject: t("mail.subject", { municipality: municipality.name }), ...composed });
  wakeMailWorker();
  return { ok: true, value: { email } };
}

export type EmailData = {
  email: string;
  following: { consultation: ConsultationRef; confirmed: boolean; consentAt: Date; locale: string }[];
  hearingResponses: HearingResponseData[];
  mail: { subject: string; status: string; createdAt: Date; sentAt: Date | null }[];
};

/**
 * Ids of rows whose address column matches, ignoring case: hearing responses keep what was typed.
 * Every identifier is quoted, so the same SQL runs on SQLite and on PostgreSQL (which would
 * otherwise fold the mixed-case table names to lower case).
 */
async function hearingResponseIds(db: Tx | typeof prisma, email: string) {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "HearingResponse" WHERE lower("email") = ${email}`;
  return rows.map((r) => r.id);
}

async function mailIds(db: Tx | typeof prisma, email: string) {
  const rows = await db.$queryRaw<{ id: string; status: string }[]>`SELECT "id", "status" FROM "MailMessage" WHERE lower("to") = ${email}`;
  return rows;
}

/** Everything stored under an address that has proved to be the reader's. */
export async function getEmailData(email: string): Promise<EmailData> {
  const [followers, responseIds, mails] = await Promise.all([
    prisma.follower.findMany({
      where: { email },
      select: { confirmedAt: true, consentAt: true, locale: true, consultation: { select: { slug: true, title: true } } },
      orderBy: { consentAt: "asc" },
    }),
    hearingResponseIds(prisma, email),
    mailIds(prisma, email),
  ]);
  const [responses, messages] = await Promise.all([
    prisma.hearingResponse.findMany({ where: { id: { in: responseIds } }, select: hearingSelect, orderBy: { createdAt: "asc" } }),
    prisma.mailMessage.findMany({
      where: { id: { in: mails.map((m) => m.id) } },
      select: { subject: true, status: true, createdAt: true, sentAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return {
    email,
    following: followers.map((f) => ({ consultation: f.consultation, confirmed: !!f.confirmedAt, consentAt: f.consentAt, locale: f.locale })),
    hearingResponses: responses.map(toHearingData),
    mail: messages,
  };
}

export type EmailDeletion = { following: number; hearingResponses: number; attachments: number; unsentMail: number; sentMailAnonymised: number };

/**
 * Erases an address, in one transaction:
 * - following: the rows are deleted (no outcome e-mail will come);
 * - hearing responses: name, address and organisation are removed and attachments deleted; the
 *   text stays as part of the hearing's record, now anonymous (a named one is no longer named),
 *   except a private response's text, which was never public and goes too (ADR 0010);
 * - e-mail not yet sent to the address is deleted; sent e-mail keeps its row (the outbox's record
 *   that stops a second copy) with the address replaced by a keyed hash and the text removed.
 */
export async function deleteEmailData(email: string): Promise<EmailDeletion> {
  const { result, files } = await prisma.$transaction(async (tx) => {
    const following = await tx.follower.deleteMany({ where: { email } });
    const ids = await hearingResponseIds(tx, email);
    const responses = await tx.hearingResponse.findMany({ where: { id: { in: ids } }, select: { id: true, publication: true, attachmentStored: true } });
    for (const r of responses) {
      await tx.hearingResponse.update({
        where: { id: r.id },
        data: {
          name: "",
          email: "",
          organisation: null,
          publication: r.publication === "named" ? "anonymous" : r.publication,
          ...(r.publication === "private" ? { body: "" } : {}),
          attachmentName: null,
          attachmentStored: null,
          attachmentMime: null,
          attachmentSize: null,
        },
      });
    }
    const mails = await mailIds(tx, email);
    const unsent = mails.filter((m) => m.status !== "sent").map((m) => m.id);
    const sent = mails.filter((m) => m.status === "sent").map((m) => m.id);
    await tx.mailMessage.deleteMany({ where: { id: { in: unsent } } });
    if (sent.length > 0) await tx.mailMessage.updateMany({ where: { id: { in: sent } }, data: anonymisedMail(email) });
    const files = responses.flatMap((r) => (r.attachmentStored ? [r.attachmentStored] : []));
    return {
      result: { following: following.count, hearingResponses: responses.length, attachments: files.length, unsentMail: unsent.length, sentMailAnonymised: sent.length },
      files,
    };
  });
  // Files after the commit: a rolled-back erasure must not have lost the attachment already.
  await removeAttachments(files);
  return result;
}

/** A sent message's row without its recipient and its words; the dedupe key and dates stay. */
export function anonymisedMail(to: string) {
  return { to: isAddressHash(to) ? to : addressHash(to), text: "", html: "", headers: "{}" };
}

/** Where the hearing module keeps citizens' attachments (hearing-responses.server.ts). */
function attachmentPath(storedName: string) {
  return path.join(getEnv().dataDir, "hearing-responses", path.basename(storedName));
}

export async function removeAttachments(storedNames: string[]) {
  for (const name of storedNames) await fs.rm(attachmentPath(name), { force: true });
}

// ---- Export ----

/** The JSON a citizen downloads: what the page shows, with a note on what it is. */
export function exportDocument(kind: "device" | "email", data: DeviceData | EmailData, municipality: { name: string }, now = new Date()) {
  return JSON.stringify({ exportedAt: now.toISOString(), controller: municipality.name, scope: kind, ...data }, null, 2);
}

/**
 * Set-Cookie values that make the browser forget the device and voter cookies. The names and path
 * are those of participants/device.server.ts and polls/voter.server.ts.
 */
export async function forgetDeviceCookies(secure: boolean) {
  return Promise.all(
    ["raadslag_device", "raadslag_voter"].map((name) =>
      createCookie(name, { path: "/", httpOnly: true, sameSite: "lax" }).serialize("", { maxAge: 0, expires: new Date(0), secure }),
    ),
  );
}
