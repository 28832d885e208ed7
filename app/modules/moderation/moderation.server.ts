/**
 * The moderation room: one queue over everything held or reported, the decisions moderators take
 * (approve, hide with the rule cited, restore, block), discussion brakes (slow mode, pause), and the
 * log of every action. Moderation never deletes content; only the retention policy does.
 */
import { prisma } from "~/utils/db.server.ts";
import type { CommandResult } from "~/utils/command.ts";
import { publish } from "~/modules/domain-events.server.ts";
import { announce, appendEvent } from "~/modules/realtime/event-log.server.ts";
import type { SequencedEvent } from "~/modules/realtime/events.ts";
import { discussionSettings, toPublic } from "~/modules/discussion/discussion.server.ts";

export type Moderator = { id: string; name: string; municipalityId: string };

export const moderationActions = ["approve", "hide", "restore"] as const;
export type ModerationAction = (typeof moderationActions)[number];

/** Held and reported comments and held hearing responses, newest first, with their context. */
export async function moderationQueue(municipalityId: string) {
  const [comments, responses, hidden] = await Promise.all([
    prisma.comment.findMany({
      where: {
        consultation: { municipalityId },
        OR: [{ status: "held" }, { status: "published", reportCount: { gt: 0 } }],
      },
      select: {
        id: true,
        body: true,
        authorName: true,
        status: true,
        heldReasons: true,
        reportCount: true,
        createdAt: true,
        participantId: true,
        participant: { select: { blockedAt: true } },
        parent: { select: { authorName: true, body: true } },
        reports: { select: { rule: true } },
        consultation: { select: { id: true, slug: true, title: true } },
      },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    prisma.hearingResponse.findMany({
      where: { consultation: { municipalityId }, status: "held" },
      select: {
        id: true,
        body: true,
        name: true,
        publication: true,
        heldReasons: true,
        createdAt: true,
        receiptNumber: true,
        consultation: { select: { id: true, slug: true, title: true } },
      },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    // Recently hidden comments stay within reach, so a decision can be undone.
    prisma.comment.findMany({
      where: { consultation: { municipalityId }, status: "hidden" },
      select: {
        id: true,
        body: true,
        authorName: true,
        hiddenRule: true,
        updatedAt: true,
        consultation: { select: { slug: true, title: true } },
      },
      orderBy: { updatedAt: "desc" },
      take: 30,
    }),
  ]);
  return {
    hidden,
    comments: comments.map(({ reports, participant, ...c }) => ({
      ...c,
      blocked: !!participant?.blockedAt,
      reportedRules: [...new Set(reports.map((r) => r.rule))].sort(),
    })),
    responses,
  };
}

/** The public pages that a decision changes hear about it at once. */
async function decideComment(commentId: string, action: ModerationAction, moderator: Moderator, rule: number | null): Promise<CommandResult<{ status: string }>> {
  const comment = await prisma.comment.findFirst({
    where: { id: commentId, consultation: { municipalityId: moderator.municipalityId } },
    select: { status: true, consultationId: true, publishedAt: true, participantId: true },
  });
  // A comment its author deleted is gone for moderation too: nothing is left to approve or hide.
  if (!comment || comment.status === "deleted") return { ok: false, errors: { form: "validation.notFound" } };
  const allowed =
    (action === "approve" && comment.status !== "hidden") || (action === "hide" && comment.status !== "hidden") || (action === "restore" && comment.status === "hidden");
  if (!allowed) return { ok: false, errors: { form: "validation.notAllowed" } };
  if (action === "hide" && !rule) return { ok: false, errors: { rule: "validation.ruleRequired" } };

  const now = new Date();
  const status = action === "hide" ? "hidden" : "published";
  const event: SequencedEvent | null = await prisma.$transaction(async (tx) => {
    const row = await tx.comment.update({
      where: { id: commentId },
      data: {
        status,
        hiddenRule: action === "hide" ? rule : null,
        // Approving clears the reports that took it down; the log keeps the history.
        ...(action === "approve" ? { reportCount: 0, heldReasons: null } : {}),
        publishedAt: comment.publishedAt ?? (status === "published" ? now : null),
      },
      select: {
        id: true, parentId: true, authorName: true, authorRole: true, authorTitle: true, body: true, status: true,
        hiddenRule: true, supportCount: true, publishedAt: true, createdAt: true, clientId: true, participantId: true,
      },
    });
    if (action === "approve") await tx.commentReport.deleteMany({ where: { commentId } });
    await tx.moderationLog.create({
      data: {
        municipalityId: moderator.municipalityId,
        actorUserId: moderator.id,
        actorName: moderator.name,
        action,
        consultationId: comment.consultationId,
        commentId,
        participantId: comment.participantId,
        rule: action === "hide" ? rule : null,
      },
    });
    const visible = toPublic(row);
    // A held comment hidden before anyone saw it stays out of the public log altogether.
    if (!visible || (action === "hide" && !comment.publishedAt)) return null;
    return appendEvent(tx, comment.consultationId, { type: "comment.upsert", comment: visible });
  });
  if (event) announce([event]);
  publish("moderation.changed", { municipalityId: moderator.municipalityId });
  return { ok: true, value: { status } };
}

export function moderateComment(commentId: string, action: ModerationAction, moderator: Moderator, rule: number | null = null) {
  return decideComment(commentId, action, moderator, rule);
}

/** Approve or hide a held hearing response. */
export async function moderateHearingResponse(responseId: string, action: "approve" | "hide", moderator: Moderator, rule: number | null = null): Promise<CommandResult<{ status: string }>> {
  const response = await prisma.hearingResponse.findFirst({
    where: { id: responseId, consultation: { municipalityId: moderator.municipalityId } },
    select: { consultationId: true },
  });
  if (!response) return { ok: false, errors: { form: "validation.notFound" } };
  if (action === "hide" && !rule) return { ok: false, errors: { rule: "validation.ruleRequired" } };
  const status = action === "hide" ? "hidden" : "published";
  await prisma.$transaction([
    prisma.hearingResponse.update({ where: { id: responseId }, data: { status, hiddenRule: action === "hide" ? rule : null } }),
    prisma.moderationLog.create({
      data: {
        municipalityId: moderator.municipalityId,
        actorUserId: moderator.id,
        actorName: moderator.name,
        action,
        consultationId: response.consultationId,
        hearingResponseId: responseId,
        rule: action === "hide" ? rule : null,
      },
    }),
  ]);
  publish("moderation.changed", { municipalityId: moderator.municipalityId });
  return { ok: true, value: { status } };
}

/** Blocks (or unblocks) a device from posting; what it already posted stays as decided. */
export async function setParticipantBlocked(participantId: string, blocked: boolean, moderator: Moderator, note: string | null = null) {
  const known = await prisma.comment.findFirst({
    where: { participantId, consultation: { municipalityId: moderator.municipalityId } },
    select: { id: true },
  });
  if (!known) return { ok: false as const, errors: { form: "validation.notFound" } };
  await prisma.$transaction([
    prisma.participant.update({
      where: { id: participantId },
      data: blocked ? { blockedAt: new Date(), blockedReason: note } : { blockedAt: null, blockedReason: null },
    }),
    prisma.moderationLog.create({
      data: {
        municipalityId: moderator.municipalityId,
        actorUserId: moderator.id,
        actorName: moderator.name,
        action: blocked ? "block" : "unblock",
        participantId,
        note,
      },
    }),
  ]);
  publish("moderation.changed", { municipalityId: moderator.municipalityId });
  return { ok: true as const, value: { blocked } };
}

/** Slow mode and pause for a debate that boils over; both reach every open page at once. */
export async function setDiscussionBrakes(
  consultationId: string,
  brakes: { slowModeMinutes: number; paused: boolean; pauseMessage: string | null },
  moderator: Moderator,
): Promise<CommandResult<{ ok: true }>> {
  if (!Number.isInteger(brakes.slowModeMinutes) || brakes.slowModeMinutes < 0 || brakes.slowModeMinutes > 1440) {
    return { ok: false, errors: { slowModeMinutes: "validation.slowModeRange" } };
  }
  const message = brakes.pauseMessage?.trim().slice(0, 300) || null;
  const current = await prisma.consultation.findFirst({
    where: { id: consultationId, municipalityId: moderator.municipalityId },
    select: { slowModeMinutes: true, discussionPausedAt: true },
  });
  if (!current) return { ok: false, errors: { form: "validation.notFound" } };
  const event = await prisma.$transaction(async (tx) => {
    const row = await tx.consultation.update({
      where: { id: consultationId },
      data: {
        slowModeMinutes: brakes.slowModeMinutes,
        discussionPausedAt: brakes.paused ? (current.discussionPausedAt ?? new Date()) : null,
        pauseMessage: brakes.paused ? message : null,
      },
      select: { slowModeMinutes: true, discussionPausedAt: true, pauseMessage: true },
    });
    const logs = [];
    if (current.slowModeMinutes !== brakes.slowModeMinutes) logs.push({ action: "slow_mode", note: String(brakes.slowModeMinutes) });
    if (!!current.discussionPausedAt !== brakes.paused) logs.push({ action: brakes.paused ? "pause" : "resume", note: message });
    for (const log of logs) {
      await tx.moderationLog.create({
        data: { municipalityId: moderator.municipalityId, actorUserId: moderator.id, actorName: moderator.name, consultationId, ...log },
      });
    }
    return appendEvent(tx, consultationId, { type: "discussion.settings", settings: discussionSettings(row) });
  });
  announce([event]);
  return { ok: true, value: { ok: true } };
}

export async function moderationLog(municipalityId: string, take = 500) {
  return prisma.moderationLog.findMany({
    where: { municipalityId },
    orderBy: { createdAt: "desc" },
    take,
  });
}
