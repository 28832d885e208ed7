/**
 * Consultations: the queries behind the public pages and the staff area, and the commands that
 * create, edit and move a consultation through its lifecycle. The only code that touches the
 * consultation tables.
 */
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { publish } from "~/modules/domain-events.server.ts";
import { announce, appendEvent } from "~/modules/realtime/event-log.server.ts";
import type { SequencedEvent } from "~/modules/realtime/events.ts";
import { parseConsultation } from "./consultation.schema.ts";
import type { CommandResult } from "~/utils/command.ts";
import {
  allowedActions,
  effectiveStatus,
  isEditable,
  isOverdue,
  kindIsLocked,
  statusAfter,
  type ConsultationStatus,
  type LifecycleAction,
} from "./lifecycle.ts";
import { generateJoinCode, normalizeJoinCode } from "./join-code.ts";
import { slugify } from "./slug.ts";
import type { ConsultationKind } from "./kinds.ts";

export type Actor = { id: string; municipalityId: string };

const listSelect = {
  id: true,
  slug: true,
  joinCode: true,
  kind: true,
  status: true,
  title: true,
  summary: true,
  decidedBy: true,
  opensAt: true,
  closesAt: true,
  expectedDecisionAt: true,
  outcome: { select: { publishedAt: true } },
} as const;

type ListRow = Prisma.ConsultationGetPayload<{ select: typeof listSelect }>;

function withPhase<T extends ListRow>(row: T, now: Date) {
  return {
    ...row,
    kind: row.kind as ConsultationKind,
    status: effectiveStatus(row, now),
    overdue: isOverdue(row, now),
  };
}

export type ConsultationListItem = ReturnType<typeof withPhase<ListRow>>;

/** The public home page: open ones by closing date, then those awaiting a decision, then decided. */
export async function listPublicConsultations(municipalityId: string, now = new Date()) {
  const rows = await prisma.consultation.findMany({
    where: { municipalityId, status: { notIn: ["draft"] } },
    select: listSelect,
    orderBy: { closesAt: "asc" },
  });
  const items = rows.map((r) => withPhase(r, now));
  return {
    open: items.filter((c) => c.status === "open"),
    upcoming: items.filter((c) => c.status === "scheduled").sort(by("opensAt")),
    awaitingDecision: items.filter((c) => c.status === "closed").sort(by("expectedDecisionAt")),
    decided: items
      .filter((c) => c.status === "outcome_published")
      .sort((a, b) => (b.outcome?.publishedAt?.getTime() ?? 0) - (a.outcome?.publishedAt?.getTime() ?? 0)),
  };
}

function by<K extends "opensAt" | "expectedDecisionAt">(key: K) {
  return (a: Record<K, Date>, b: Record<K, Date>) => a[key].getTime() - b[key].getTime();
}

const pageSelect = {
  ...listSelect,
  body: true,
  promise: true,
  publishedAt: true,
  closedAt: true,
  updatedAt: true,
  municipalityId: true,
  discussionEnabled: true,
  slowModeMinutes: true,
  discussionPausedAt: true,
  pauseMessage: true,
  documents: {
    select: { id: true, title: true, url: true, mimeType: true, sizeBytes: true, purpose: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  },
  outcome: {
    select: {
      decision: true,
      publishedAt: true,
      figures: true,
      points: { select: { id: true, youSaid: true, weDid: true, commentId: true, pollId: true }, orderBy: { position: "asc" } },
    },
  },
} satisfies Prisma.ConsultationSelect;

/** One public consultation; null for unknown slugs and drafts, which citizens must not see. */
export async function getPublicConsultation(slug: string, now = new Date()) {
  const row = await prisma.consultation.findUnique({ where: { slug }, select: pageSelect });
  if (!row || row.status === "draft") return null;
  const outcome = row.outcome?.publishedAt ? row.outcome : null;
  return { ...withPhase(row, now), outcome };
}

export type PublicConsultation = NonNullable<Awaited<ReturnType<typeof getPublicConsultation>>>;

/** The id of a public consultation, for handlers that only need to know it exists. */
export async function getConsultationRef(slug: string) {
  const row = await prisma.consultation.findUnique({ where: { slug }, select: { id: true, status: true, municipalityId: true } });
  return row && row.status !== "draft" ? row : null;
}

/** The slug a join code leads to, if the consultation is public. */
export async function resolveJoinCode(input: string) {
  const target = await resolveJoinTarget(input);
  return target?.type === "consultation" ? target.slug : null;
}

/** Where a short link leads: a public consultation or a public poll (codes share one namespace). */
export async function resolveJoinTarget(input: string) {
  const code = normalizeJoinCode(input);
  if (!code) return null;
  const row = await prisma.consultation.findUnique({
    where: { joinCode: code },
    select: { id: true, slug: true, status: true },
  });
  if (row) return row.status !== "draft" ? { type: "consultation" as const, id: row.id, slug: row.slug, path: `/c/${row.slug}` } : null;
  const poll = await prisma.poll.findUnique({
    where: { joinCode: code },
    select: { id: true, status: true, consultation: { select: { status: true } } },
  });
  if (poll && poll.status !== "draft" && poll.consultation.status !== "draft") return { type: "poll" as const, id: poll.id, path: `/p/${poll.id}` };
  return null;
}

/** Public consultations for the open data API, newest first. */
export async function listApiConsultations(now = new Date()) {
  const rows = await prisma.consultation.findMany({
    where: { status: { notIn: ["draft"] } },
    select: { ...listSelect, publishedAt: true },
    orderBy: [{ opensAt: "desc" }],
  });
  return rows.map((r) => withPhase(r, now));
}

// ---- Staff ----

export async function listStaffConsultations(municipalityId: string, now = new Date()) {
  const rows = await prisma.consultation.findMany({
    where: { municipalityId },
    select: { ...listSelect, updatedAt: true, _count: { select: { documents: true } } },
    orderBy: { updatedAt: "desc" },
  });
  return rows.map((r) => withPhase(r, now));
}

export async function getStaffConsultation(id: string, municipalityId: string, now = new Date()) {
  const row = await prisma.consultation.findFirst({
    where: { id, municipalityId },
    select: pageSelect,
  });
  if (!row) return null;
  const phase = withPhase(row, now);
  return {
    ...phase,
    actions: allowedActions(row, now),
    editable: isEditable(row, now),
    kindLocked: kindIsLocked(row, now),
  };
}

async function uniqueSlug(title: string, excludeId?: string) {
  const base = slugify(title);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const taken = await prisma.consultation.findFirst({
      where: { slug: candidate, ...(excludeId ? { id: { not: excludeId } } : {}) },
      select: { id: true },
    });
    if (!taken) return candidate;
  }
}

function isUniqueViolation(error: unknown, field: string) {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2002" &&
    JSON.stringify(error.meta ?? {}).includes(field)
  );
}

/** Creates a draft. `defaultPromise` fills an empty promise with the kind's standard wording. */
export async function createConsultation(
  formData: Record<string, unknown>,
  actor: Actor,
  defaultPromise: (kind: ConsultationKind) => string,
): Promise<CommandResult<{ id: string; slug: string }>> {
  const parsed = parseConsultation(formData);
  if (!parsed.ok) return parsed;
  const input = parsed.data;
  const slug = await uniqueSlug(input.title);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const created = await prisma.consultation.create({
        data: {
          ...input,
          promise: input.promise || defaultPromise(input.kind),
          slug,
          joinCode: generateJoinCode(),
          status: "draft",
          municipalityId: actor.municipalityId,
          createdById: actor.id,
        },
        select: { id: true, slug: true },
      });
      return { ok: true, value: created };
    } catch (error) {
      // A join code collision is rare (31^6 codes); draw another.
      if (!isUniqueViolation(error, "joinCode")) throw error;
    }
  }
  throw new Error("Could not draw a free join code");
}

export async function updateConsultation(
  id: string,
  formData: Record<string, unknown>,
  actor: Actor,
  defaultPromise: (kind: ConsultationKind) => string,
  now = new Date(),
): Promise<CommandResult<{ id: string; slug: string }>> {
  const current = await prisma.consultation.findFirst({
    where: { id, municipalityId: actor.municipalityId },
    select: { id: true, slug: true, kind: true, status: true, opensAt: true, closesAt: true, expectedDecisionAt: true },
  });
  if (!current) return { ok: false, errors: { form: "validation.notFound" } };
  if (!isEditable(current, now)) return { ok: false, errors: { form: "validation.notEditable" } };
  const parsed = parseConsultation(formData);
  if (!parsed.ok) return parsed;
  const input = parsed.data;
  if (kindIsLocked(current, now) && input.kind !== current.kind) {
    return { ok: false, errors: { kind: "validation.kindLocked" } };
  }
  const updated = await prisma.consultation.update({
    where: { id },
    data: { ...input, promise: input.promise || defaultPromise(input.kind) },
    select: { id: true, slug: true },
  });
  publish("consultation.updated", { consultationId: id, actorId: actor.id });
  return { ok: true, value: updated };
}

/** Publish, close, reopen, archive or unpublish, if the phase gate allows it now. */
export async function applyLifecycleAction(
  id: string,
  action: LifecycleAction,
  actor: Actor,
  now = new Date(),
): Promise<CommandResult<{ status: ConsultationStatus }>> {
  const current = await prisma.consultation.findFirst({
    where: { id, municipalityId: actor.municipalityId },
    select: { status: true, opensAt: true, closesAt: true, expectedDecisionAt: true, publishedAt: true },
  });
  if (!current) return { ok: false, errors: { form: "validation.notFound" } };
  if (!allowedActions(current, now).includes(action)) {
    return { ok: false, errors: { form: "validation.actionNotAllowed" } };
  }
  const from = effectiveStatus(current, now);
  const to = statusAfter(action, current, now);
  // The update is conditional on the status we read, so two staff clicking at once cannot both win.
  const event = await prisma.$transaction(async (tx) => {
    const { count } = await tx.consultation.updateMany({
      where: { id, status: current.status },
      data: {
        status: to,
        publishedAt: action === "publish" ? (current.publishedAt ?? now) : undefined,
        closedAt: to === "closed" ? now : action === "reopen" ? null : undefined,
        closesAt: action === "close" && current.closesAt > now ? now : undefined,
        archivedAt: to === "archived" ? now : undefined,
      },
    });
    return count === 0 ? null : appendEvent(tx, id, { type: "consultation.status", status: to });
  });
  if (!event) return { ok: false, errors: { form: "validation.actionNotAllowed" } };
  announce([event]);
  publish("consultation.statusChanged", { consultationId: id, from, to, actorId: actor.id });
  return { ok: true, value: { status: to } };
}

/**
 * Writes the status that the dates imply: scheduled ones open, open ones close. Run by the
 * background ticker; pages never depend on it having run, because they use effectiveStatus.
 */
export async function advanceLifecycle(now = new Date()) {
  const due = await prisma.consultation.findMany({
    where: {
      OR: [
        { status: "scheduled", opensAt: { lte: now } },
        { status: "open", closesAt: { lte: now } },
      ],
    },
    select: { id: true, status: true, opensAt: true, closesAt: true, expectedDecisionAt: true },
  });
  const changed: { consultationId: string; from: ConsultationStatus; to: ConsultationStatus }[] = [];
  for (const c of due) {
    const to = effectiveStatus(c, now);
    const event: SequencedEvent | null = await prisma.$transaction(async (tx) => {
      const { count } = await tx.consultation.updateMany({
        where: { id: c.id, status: c.status },
        data: { status: to, closedAt: to === "closed" ? c.closesAt : undefined },
      });
      return count === 1 ? appendEvent(tx, c.id, { type: "consultation.status", status: to }) : null;
    });
    if (event) {
      const change = { consultationId: c.id, from: c.status as ConsultationStatus, to };
      changed.push(change);
      announce([event]);
      publish("consultation.statusChanged", { ...change, actorId: null });
    }
  }
  return changed;
}

/** Counts for the staff dashboard. */
export function summarize(items: { status: ConsultationStatus; overdue: boolean; closesAt: Date }[], now = new Date()) {
  const week = 7 * 24 * 3600 * 1000;
  return {
    open: items.filter((c) => c.status === "open").length,
    closingSoon: items.filter((c) => c.status === "open" && c.closesAt.getTime() - now.getTime() < week).length,
    awaitingDecision: items.filter((c) => c.status === "closed").length,
    overdue: items.filter((c) => c.overdue).length,
    drafts: items.filter((c) => c.status === "draft").length,
  };
}
