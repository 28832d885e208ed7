/**
 * The discussion of a consultation: comments, one level of replies and "support". Every comment is
 * written before anything is broadcast; screening decides whether others see it at all.
 */
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import type { CommandResult } from "~/utils/command.ts";
import { fieldErrors } from "~/utils/command.ts";
import { publish } from "~/modules/domain-events.server.ts";
import { acceptsInput, effectiveStatus } from "~/modules/consultations/lifecycle.ts";
import { announce, appendEvent } from "~/modules/realtime/event-log.server.ts";
import type { DiscussionSettings, OwnHeldComment, PublicComment } from "~/modules/realtime/events.ts";
import { screenText } from "~/modules/moderation/screening.ts";
import { employeeNames } from "~/modules/moderation/staff-directory.server.ts";
import { startFollowing } from "~/modules/followers/followers.server.ts";
import { wakeMailWorker } from "~/modules/mail/outbox.server.ts";
import type { Language } from "~/i18n/config.ts";
import { commentInput, reportInput } from "./discussion.schema.ts";

/** A device may post this many comments a minute before it is asked to wait. */
export const floodLimitPerMinute = 5;
/** Reports from this many different devices take a comment down until a moderator has looked. */
export const reportsToHide = 3;

export type Poster =
  | { kind: "citizen"; participantId: string; blocked: boolean }
  | { kind: "staff"; participantId: string; userId: string; name: string; role: string; title: string | null };

/** The fields of a comment the discussion shows; the privacy view adds its own to these. */
export const commentSelect = {
  id: true,
  parentId: true,
  authorName: true,
  authorRole: true,
  authorTitle: true,
  body: true,
  status: true,
  hiddenRule: true,
  supportCount: true,
  publishedAt: true,
  createdAt: true,
  clientId: true,
  participantId: true,
} as const;

type CommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

/** What every reader may see of a comment, or null when only its author and moderators may. */
export function toPublic(row: CommentRow): PublicComment | null {
  // Held or deleted before anyone else saw it: it was never part of the public thread.
  if ((row.status === "held" || row.status === "deleted") && !row.publishedAt) return null;
  const state = row.status === "published" ? "published" : row.status === "hidden" ? "hidden" : row.status === "deleted" ? "deleted" : "pending";
  return {
    id: row.id,
    parentId: row.parentId,
    authorName: state === "deleted" ? "" : row.authorName,
    authorRole: row.authorRole,
    authorTitle: row.authorTitle,
    body: state === "published" ? row.body : null,
    state,
    hiddenRule: state === "hidden" ? row.hiddenRule : null,
    supportCount: row.supportCount,
    createdAt: row.createdAt.toISOString(),
  };
}

function toOwnHeld(row: CommentRow): OwnHeldComment {
  return {
    id: row.id,
    parentId: row.parentId,
    authorName: row.authorName,
    authorRole: row.authorRole,
    authorTitle: row.authorTitle,
    body: row.body,
    state: "held",
    hiddenRule: null,
    supportCount: 0,
    createdAt: row.createdAt.toISOString(),
    clientId: row.clientId,
  };
}

export function discussionSettings(c: { slowModeMinutes: number; discussionPausedAt: Date | null; pauseMessage: string | null }): DiscussionSettings {
  return { slowModeMinutes: c.slowModeMinutes, paused: !!c.discussionPausedAt, pauseMessage: c.pauseMessage };
}

/**
 * The discussion as a reader sees it: public comments in order, the reader's own comments that
 * await review, which comments this device supports, and the last event number for catching up.
 */
export async function getDiscussion(consultationId: string, viewerParticipantId: string | null) {
  const [consultation, rows, supported] = await Promise.all([
    prisma.consultation.findUniqueOrThrow({
      where: { id: consultationId },
      select: { lastEventSeq: true, slowModeMinutes: true, discussionPausedAt: true, pauseMessage: true, discussionEnabled: true },
    }),
    prisma.comment.findMany({
      where: {
        consultationId,
        OR: [
          { status: { in: ["published", "hidden"] } },
          { status: { in: ["held", "deleted"] }, publishedAt: { not: null } },
          ...(viewerParticipantId ? [{ status: "held", participantId: viewerParticipantId }] : []),
        ],
      },
      select: commentSelect,
      orderBy: { createdAt: "asc" },
    }),
    viewerParticipantId
      ? prisma.commentSupport.findMany({
          where: { participantId: viewerParticipantId, comment: { consultationId } },
          select: { commentId: true },
        })
      : [],
  ]);
  const comments: PublicComment[] = [];
  const ownHeld: OwnHeldComment[] = [];
  for (const row of rows) {
    const visible = toPublic(row);
    if (visible) comments.push(visible);
    else if (row.participantId === viewerParticipantId) ownHeld.push(toOwnHeld(row));
  }
  return {
    comments,
    ownHeld,
    supported: supported.map((s) => s.commentId),
    lastSeq: consultation.lastEventSeq,
    enabled: consultation.discussionEnabled,
    settings: discussionSettings(consultation),
  };
}

export type PostResult = CommandResult<{ comment: PublicComment | OwnHeldComment; held: boolean; duplicate: boolean }>;

/**
 * Posts a comment or reply, screened before anyone else can see it. With `follow` (the author
 * ticked "tell me the outcome"), the address becomes a follower in the same transaction; it is
 * never stored on the comment.
 */
export async function postComment(
  consultationId: string,
  formData: Record<string, unknown>,
  poster: Poster,
  now = new Date(),
  options: { follow?: { email: string; locale: Language; origin: string } } = {},
): Promise<PostResult> {
  const parsed = commentInput.safeParse(formData);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const input = parsed.data;

  // The same post sent again (a retry after a dropped connection) is the same comment.
  const existing = await prisma.comment.findUnique({ where: { clientId: input.clientId }, select: commentSelect });
  if (existing) {
    if (existing.participantId !== poster.participantId) return { ok: false, errors: { form: "validation.invalid" } };
    const visible = toPublic(existing);
    return { ok: true, value: { comment: visible ?? toOwnHeld(existing), held: !visible, duplicate: true } };
  }

  const consultation = await prisma.consultation.findUnique({
    where: { id: consultationId },
    select: {
      id: true,
      municipalityId: true,
      status: true,
      opensAt: true,
      closesAt: true,
      expectedDecisionAt: true,
      discussionEnabled: true,
      discussionPausedAt: true,
      slowModeMinutes: true,
    },
  });
  if (!consultation || effectiveStatus(consultation, now) === "draft") return { ok: false, errors: { form: "validation.notFound" } };
  if (!consultation.discussionEnabled) return { ok: false, errors: { form: "validation.discussionDisabled" } };
  if (!acceptsInput(consultation, now)) return { ok: false, errors: { form: "validation.closed" } };
  if (consultation.discussionPausedAt) return { ok: false, errors: { form: "validation.paused" } };

  if (poster.kind === "citizen") {
    if (poster.blocked) return { ok: false, errors: { form: "validation.blocked" } };
    if (input.displayName.length < 2) return { ok: false, errors: { displayName: "validation.nameRequired" } };
    if (input.acceptRules !== "on") return { ok: false, errors: { acceptRules: "validation.acceptRules" } };
    const limit = await postingLimit(poster.participantId, consultation.slowModeMinutes, now);
    if (limit) return { ok: false, errors: { form: limit } };
  }

  if (input.parentId) {
    const parent = await prisma.comment.findUnique({
      where: { id: input.parentId },
      select: { consultationId: true, parentId: true, status: true },
    });
    // One level of replies; a reply to a reply joins the same thread.
    if (!parent || parent.consultationId !== consultationId || parent.status !== "published") {
      return { ok: false, errors: { form: "validation.parentGone" } };
    }
    if (parent.parentId) input.parentId = parent.parentId;
  }

  const reasons =
    poster.kind === "staff" ? [] : screenText(input.body, { employeeNames: await employeeNames(consultation.municipalityId) });
  const held = reasons.length > 0;
  const author =
    poster.kind === "staff"
      ? { authorUserId: poster.userId, authorName: poster.name, authorRole: poster.role, authorTitle: poster.title }
      : { authorName: input.displayName };

  try {
    const { row, event } = await prisma.$transaction(async (tx) => {
      const row = await tx.comment.create({
        data: {
          consultationId,
          parentId: input.parentId,
          participantId: poster.participantId,
          body: input.body,
          clientId: input.clientId,
          status: held ? "held" : "published",
          heldReasons: held ? reasons.join(",") : null,
          publishedAt: held ? null : now,
          createdAt: now,
          ...author,
        },
        select: commentSelect,
      });
      if (poster.kind === "citizen") {
        await tx.participant.update({ where: { id: poster.participantId }, data: { displayName: input.displayName } });
      }
      if (options.follow) await startFollowing(tx, { consultationId, ...options.follow, now });
      const visible = toPublic(row);
      const event = visible ? await appendEvent(tx, consultationId, { type: "comment.upsert", comment: visible }) : null;
      return { row, event };
    });
    if (event) announce([event]);
    if (options.follow) wakeMailWorker();
    if (held) {
      publish("moderation.held", { municipalityId: consultation.municipalityId, participantId: poster.participantId, comment: toOwnHeld(row) });
      publish("moderation.changed", { municipalityId: consultation.municipalityId });
    }
    const visible = toPublic(row);
    return { ok: true, value: { comment: visible ?? toOwnHeld(row), held, duplicate: false } };
  } catch (error) {
    // Two copies of the same post racing: the first one won; answer as for a retry.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return postComment(consultationId, formData, poster, now, options);
    }
    throw error;
  }
}

/** Flooding and slow mode, counted in the database so they hold across restarts and processes. */
async function postingLimit(participantId: string, slowModeMinutes: number, now: Date) {
  const minuteAgo = new Date(now.getTime() - 60_000);
  const recent = await prisma.comment.count({ where: { participantId, createdAt: { gt: minuteAgo } } });
  if (recent >= floodLimitPerMinute) return "validation.tooFast";
  if (slowModeMinutes > 0) {
    const since = new Date(now.getTime() - slowModeMinutes * 60_000);
    const last = await prisma.comment.count({ where: { participantId, createdAt: { gt: since } } });
    if (last > 0) return "validation.slowMode";
  }
  return null;
}

/** Support (or withdraw support for) a published comment; one per device. */
export async function toggleSupport(commentId: string, participantId: string, now = new Date()): Promise<CommandResult<{ supported: boolean; supportCount: number }>> {
  const comment = await prisma.comment.findUnique({
    where: { id: commentId },
    select: { status: true, consultation: { select: { id: true, status: true, opensAt: true, closesAt: true, expectedDecisionAt: true } } },
  });
  if (!comment || comment.status !== "published") return { ok: false, errors: { form: "validation.notFound" } };
  if (!acceptsInput(comment.consultation, now)) return { ok: false, errors: { form: "validation.closed" } };
  const result = await prisma.$transaction(async (tx) => {
    const removed = await tx.commentSupport.deleteMany({ where: { commentId, participantId } });
    if (removed.count === 0) {
      await tx.commentSupport.create({ data: { commentId, participantId } });
    }
    // The unique (comment, device) row decides; the counter follows it in the same transaction.
    const { supportCount } = await tx.comment.update({
      where: { id: commentId },
      data: { supportCount: removed.count === 0 ? { increment: 1 } : { decrement: 1 } },
      select: { supportCount: true },
    });
    const event = await appendEvent(tx, comment.consultation.id, { type: "comment.support", commentId, supportCount });
    return { supported: removed.count === 0, supportCount, event };
  });
  announce([result.event]);
  return { ok: true, value: { supported: result.supported, supportCount: result.supportCount } };
}

/**
 * Reports a comment for breaking a house rule. The third report from different devices takes it
 * down (pending review) for everyone until a moderator decides.
 */
export async function reportComment(
  commentId: string,
  participantId: string,
  formData: Record<string, unknown>,
  ruleCount: number,
): Promise<CommandResult<{ takenDown: boolean }>> {
  const parsed = reportInput.safeParse(formData);
  if (!parsed.success || parsed.data.rule < 1 || parsed.data.rule > ruleCount) return { ok: false, errors: { rule: "validation.ruleRequired" } };
  const comment = await prisma.comment.findUnique({
    where: { id: commentId },
    select: { status: true, consultationId: true, consultation: { select: { municipalityId: true } } },
  });
  if (!comment || comment.status === "hidden") return { ok: false, errors: { form: "validation.notFound" } };
  const outcome = await prisma.$transaction(async (tx) => {
    try {
      await tx.commentReport.create({ data: { commentId, participantId, rule: parsed.data.rule } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { takenDown: false, event: null };
      throw error;
    }
    const reportCount = await tx.commentReport.count({ where: { commentId } });
    const takeDown = reportCount >= reportsToHide && comment.status === "published";
    const row = await tx.comment.update({
      where: { id: commentId },
      data: { reportCount, ...(takeDown ? { status: "held", heldReasons: "reports" } : {}) },
      select: commentSelect,
    });
    const visible = toPublic(row);
    const event = takeDown && visible ? await appendEvent(tx, comment.consultationId, { type: "comment.upsert", comment: visible }) : null;
    return { takenDown: takeDown, event };
  });
  if (outcome.event) announce([outcome.event]);
  publish("moderation.changed", { municipalityId: comment.consultation.municipalityId });
  return { ok: true, value: { takenDown: outcome.takenDown } };
}
