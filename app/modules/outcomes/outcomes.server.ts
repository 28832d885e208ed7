/**
 * Outcome reports: what the council decided and what it did with the input. Editors write the
 * report while the consultation is closed; publishing it is one transaction that moves the
 * consultation to outcome_published, freezes the platform's figures, logs a realtime event for
 * every open page, and puts an e-mail for every confirmed follower in the outbox. Nothing else
 * publishes an outcome, so nobody who asked to be told can be forgotten.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import type { CommandResult } from "~/utils/command.ts";
import { publish } from "~/modules/domain-events.server.ts";
import { announce, appendEvent } from "~/modules/realtime/event-log.server.ts";
import { effectiveStatus, type ConsultationStatus } from "~/modules/consultations/lifecycle.ts";
import type { Actor } from "~/modules/consultations/consultations.server.ts";
import type { ConsultationKind } from "~/modules/consultations/kinds.ts";
import { collectFigures } from "~/modules/representativeness/figures.server.ts";
import { parseFigures } from "~/modules/representativeness/figures.ts";
import { wakeMailWorker } from "~/modules/mail/outbox.server.ts";
import { parseOutcomeForm, type Evidence, type OutcomeInput } from "./outcome.schema.ts";
import { enqueueOutcomeMails } from "./outcome-mail.server.ts";

const editorSelect = {
  id: true,
  slug: true,
  title: true,
  kind: true,
  status: true,
  opensAt: true,
  closesAt: true,
  expectedDecisionAt: true,
  decidedBy: true,
  outcome: {
    select: {
      id: true,
      decision: true,
      publishedAt: true,
      figures: true,
      updatedAt: true,
      points: { select: { id: true, youSaid: true, weDid: true, commentId: true, pollId: true }, orderBy: { position: "asc" } },
    },
  },
  documents: {
    where: { purpose: "outcome" },
    select: { id: true, title: true, url: true, mimeType: true, sizeBytes: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  },
} satisfies Prisma.ConsultationSelect;

/** Whether a consultation in this status may get (or change) its outcome report. */
export function outcomeIsWritable(status: ConsultationStatus) {
  return status === "closed";
}

/** Comments and polls an editor can point to as evidence: the most supported comments first. */
async function evidenceChoices(consultationId: string) {
  const [comments, polls] = await Promise.all([
    prisma.comment.findMany({
      where: { consultationId, status: "published" },
      select: { id: true, body: true, authorName: true, supportCount: true },
      orderBy: [{ supportCount: "desc" }, { createdAt: "asc" }],
      take: 30,
    }),
    prisma.poll.findMany({
      where: { consultationId, status: { not: "draft" } },
      select: { id: true, questions: { select: { text: true }, orderBy: { position: "asc" }, take: 1 } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return {
    comments: comments.map((c) => ({ id: c.id, excerpt: excerpt(c.body, 90), authorName: c.authorName, supportCount: c.supportCount })),
    polls: polls.map((p) => ({ id: p.id, question: p.questions[0]?.text ?? "" })),
  };
}

function excerpt(text: string, length: number) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}

/** Everything the outcome editor shows: the report so far, evidence to point at, and live figures. */
export async function getOutcomeForEditor(consultationId: string, municipalityId: string, now = new Date()) {
  const row = await prisma.consultation.findFirst({ where: { id: consultationId, municipalityId }, select: editorSelect });
  if (!row) return null;
  const status = effectiveStatus(row, now);
  const [evidence, liveFigures, followers] = await Promise.all([
    evidenceChoices(row.id),
    row.outcome?.publishedAt ? null : collectFigures(row.id),
    prisma.follower.count({ where: { consultationId: row.id, confirmedAt: { not: null } } }),
  ]);
  return {
    ...row,
    kind: row.kind as ConsultationKind,
    status,
    writable: outcomeIsWritable(status) && !row.outcome?.publishedAt,
    evidence,
    figures: row.outcome?.publishedAt ? parseFigures(row.outcome.figures) : liveFigures,
    confirmedFollowers: followers,
  };
}

/** Evidence must belong to this consultation (a comment that is published, or a public poll). */
async function checkEvidence(consultationId: string, input: OutcomeInput) {
  const errors: Record<string, string> = {};
  const ids = (kind: "comment" | "poll") => input.points.flatMap((p) => (p.evidence?.kind === kind ? [p.evidence.id] : []));
  const [comments, polls] = await Promise.all([
    prisma.comment.findMany({ where: { consultationId, id: { in: ids("comment") }, status: "published" }, select: { id: true } }),
    prisma.poll.findMany({ where: { consultationId, id: { in: ids("poll") }, status: { not: "draft" } }, select: { id: true } }),
  ]);
  const known = new Set([...comments.map((c) => `comment:${c.id}`), ...polls.map((p) => `poll:${p.id}`)]);
  input.points.forEach((p, i) => {
    if (p.evidence && !known.has(`${p.evidence.kind}:${p.evidence.id}`)) errors[`points.${i}.evidence`] = "validation.evidenceUnknown";
  });
  return errors;
}

function pointRows(points: OutcomeInput["points"]) {
  return points.map((p, position) => ({
    youSaid: p.youSaid,
    weDid: p.weDid,
    position,
    commentId: p.evidence?.kind === "comment" ? p.evidence.id : null,
    pollId: p.evidence?.kind === "poll" ? p.evidence.id : null,
  }));
}

/**
 * Saves the report as a draft. Only while the consultation is closed and the report unpublished:
 * what followers were told is never changed afterwards.
 */
export async function saveOutcomeDraft(consultationId: string, form: Record<string, unknown>, actor: Actor, now = new Date()): Promise<CommandResult<{ id: string }>> {
  const consultation = await prisma.consultation.findFirst({
    where: { id: consultationId, municipalityId: actor.municipalityId },
    select: { id: true, status: true, opensAt: true, closesAt: true, expectedDecisionAt: true, outcome: { select: { publishedAt: true } } },
  });
  if (!consultation) return { ok: false, errors: { form: "validation.notFound" } };
  if (!outcomeIsWritable(effectiveStatus(consultation, now)) || consultation.outcome?.publishedAt) return { ok: false, errors: { form: "validation.notWritable" } };
  const parsed = parseOutcomeForm(form);
  if (!parsed.ok) return parsed;
  const evidenceErrors = await checkEvidence(consultationId, parsed.data);
  if (Object.keys(evidenceErrors).length > 0) return { ok: false, errors: evidenceErrors };
  const report = await prisma.$transaction(async (tx) => {
    const saved = await tx.outcomeReport.upsert({
      where: { consultationId },
      create: { consultationId, decision: parsed.data.decision },
      update: { decision: parsed.data.decision },
      select: { id: true, publishedAt: true },
    });
    // Published in the meantime by someone else: leave what was published alone.
    if (saved.publishedAt) return null;
    await tx.outcomePoint.deleteMany({ where: { reportId: saved.id } });
    if (parsed.data.points.length > 0) await tx.outcomePoint.createMany({ data: pointRows(parsed.data.points).map((p) => ({ ...p, reportId: saved.id })) });
    return saved;
  });
  if (!report) return { ok: false, errors: { form: "validation.notWritable" } };
  return { ok: true, value: { id: report.id } };
}

/**
 * Publishes the saved report: consultation to outcome_published, figures frozen, a realtime event
 * for open pages, and one outcome e-mail per confirmed follower, all committed together. Two
 * editors publishing at once: the conditional status update lets exactly one through.
 */
export async function publishOutcome(
  consultationId: string,
  actor: Actor,
  origin: string,
  now = new Date(),
): Promise<CommandResult<{ followersNotified: number }>> {
  const consultation = await prisma.consultation.findFirst({
    where: { id: consultationId, municipalityId: actor.municipalityId },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      opensAt: true,
      closesAt: true,
      expectedDecisionAt: true,
      municipality: { select: { name: true, primaryColor: true } },
      outcome: { select: { id: true, decision: true, publishedAt: true, _count: { select: { points: true } } } },
    },
  });
  if (!consultation) return { ok: false, errors: { form: "validation.notFound" } };
  const from = effectiveStatus(consultation, now);
  if (!outcomeIsWritable(from) || consultation.outcome?.publishedAt) return { ok: false, errors: { form: "validation.notWritable" } };
  const report = consultation.outcome;
  if (!report || report.decision.trim().length === 0) return { ok: false, errors: { form: "validation.saveFirst" } };
  const figures = await collectFigures(consultationId);

  const result = await prisma.$transaction(async (tx) => {
    const moved = await tx.consultation.updateMany({
      where: { id: consultationId, status: consultation.status },
      data: { status: "outcome_published", closedAt: consultation.status === "open" ? consultation.closesAt : undefined },
    });
    if (moved.count === 0) return null;
    await tx.outcomeReport.update({
      where: { id: report.id },
      data: { publishedAt: now, publishedById: actor.id, figures: JSON.stringify(figures) },
    });
    const event = await appendEvent(tx, consultationId, { type: "consultation.status", status: "outcome_published" });
    const followersNotified = await enqueueOutcomeMails(tx, {
      reportId: report.id,
      consultation: { id: consultationId, slug: consultation.slug, title: consultation.title },
      municipality: consultation.municipality,
      decision: report.decision,
      points: report._count.points,
      origin,
    });
    return { event, followersNotified };
  });
  if (!result) return { ok: false, errors: { form: "validation.notWritable" } };
  announce([result.event]);
  publish("consultation.statusChanged", { consultationId, from, to: "outcome_published", actorId: actor.id });
  wakeMailWorker();
  return { ok: true, value: { followersNotified: result.followersNotified } };
}

export type OutcomeEditorData = NonNullable<Awaited<ReturnType<typeof getOutcomeForEditor>>>;
export type { Evidence };
