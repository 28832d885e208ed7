/**
 * Post drafts for politicians (the Odense model): a politician asks staff for a draft post about a
 * consultation or its outcome; staff write it, attach a share card and confirm the neutrality
 * checklist; the politician publishes it on their own profile themselves. The platform never posts.
 *
 * Staff only ever write on request, and each request row is also the log of the work: who asked,
 * who drafted, when, and the texts, so the municipality can account for the staff time spent.
 * The only code that touches PostDraftRequest rows.
 */
import { prisma } from "~/utils/db.server.ts";
import { toCsv } from "~/utils/csv.ts";
import type { CommandResult } from "~/utils/command.ts";
import { can } from "~/modules/auth/roles.ts";
import {
  isCardFormat,
  parsePostDraft,
  parsePostDraftRequest,
  type CardFormat,
  type PostDraftStatus,
  type PostDraftTopic,
} from "./post-draft.schema.ts";

export type PostDraftActor = { id: string; role: string; municipalityId: string };

export const postDraftErrors = {
  notAllowed: "errors.notAllowed",
  consultationNotFound: "errors.consultationNotFound",
  outcomeNotPublished: "errors.outcomeNotPublished",
  notFound: "errors.notFound",
  notOpen: "errors.notOpen",
} as const;

const refused = (key: string, field = "form") => ({ ok: false as const, errors: { [field]: key } });

// Drafts and archived consultations are nothing to post about: a draft is not public yet, and an
// archived one is history. An outcome post needs the outcome to be public first.
const requestableStatuses = ["scheduled", "open", "closed", "outcome_published"];

// ---- Queries ----

/** The consultations of the politician's own municipality that a post may be about. */
export async function listRequestableConsultations(municipalityId: string) {
  const rows = await prisma.consultation.findMany({
    where: { municipalityId, status: { in: requestableStatuses } },
    select: { id: true, slug: true, title: true, status: true },
    orderBy: [{ opensAt: "desc" }, { title: "asc" }],
  });
  return rows.map((r) => ({ ...r, outcomePublished: r.status === "outcome_published" }));
}

const rowSelect = {
  id: true,
  topic: true,
  request: true,
  status: true,
  draftText: true,
  cardFormat: true,
  neutralityConfirmedAt: true,
  draftedAt: true,
  createdAt: true,
  updatedAt: true,
  consultation: { select: { id: true, slug: true, title: true } },
  politician: { select: { id: true, name: true, title: true } },
  drafter: { select: { id: true, name: true } },
} as const;

type Row = {
  id: string;
  topic: string;
  request: string;
  status: string;
  draftText: string | null;
  cardFormat: string | null;
  neutralityConfirmedAt: Date | null;
  draftedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  consultation: { id: string; slug: string; title: string };
  politician: { id: string; name: string; title: string | null };
  drafter: { id: string; name: string } | null;
};

function shape(row: Row) {
  return {
    ...row,
    topic: row.topic as PostDraftTopic,
    status: row.status as PostDraftStatus,
    cardFormat: isCardFormat(row.cardFormat) ? row.cardFormat : null,
    // There is no separate column: a withdrawn request is not changed afterwards, so its last
    // update is the moment it was withdrawn.
    withdrawnAt: row.status === "withdrawn" ? row.updatedAt : null,
  };
}

export type PostDraftView = ReturnType<typeof shape>;

/**
 * A politician's own requests and drafts, newest first. Nobody else's, even from the same party or
 * council: a draft belongs to the profile it was written for.
 */
export async function listOwnPostDrafts(politician: PostDraftActor): Promise<PostDraftView[]> {
  const rows = await prisma.postDraftRequest.findMany({
    where: { politicianId: politician.id, consultation: { municipalityId: politician.municipalityId } },
    select: rowSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(shape);
}

/** What staff have to write: the open requests of their municipality, newest first. */
export async function listOpenPostDraftRequests(municipalityId: string): Promise<PostDraftView[]> {
  const rows = await prisma.postDraftRequest.findMany({
    where: { status: "requested", consultation: { municipalityId } },
    select: rowSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(shape);
}

/** Every request of the municipality in any state: the log, newest first. */
export async function listPostDraftLog(municipalityId: string, limit = 100_000): Promise<PostDraftView[]> {
  const rows = await prisma.postDraftRequest.findMany({
    where: { consultation: { municipalityId } },
    select: rowSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(shape);
}

/**
 * The log as CSV (UTF-8 with BOM), one row per request with who asked, who drafted, every time
 * and both texts, so the municipality can show exactly what staff time went to.
 */
export async function postDraftLogCsv(municipalityId: string): Promise<string> {
  const rows = await listPostDraftLog(municipalityId);
  const time = (d: Date | null) => (d ? d.toISOString() : "");
  return toCsv(
    [
      "request_id",
      "requested_at",
      "requested_by",
      "consultation",
      "consultation_slug",
      "topic",
      "request",
      "status",
      "drafted_by",
      "drafted_at",
      "neutrality_confirmed_at",
      "card_format",
      "draft_text",
      "withdrawn_at",
    ],
    rows.map((r) => [
      r.id,
      time(r.createdAt),
      r.politician.name,
      r.consultation.title,
      r.consultation.slug,
      r.topic,
      r.request,
      r.status,
      r.drafter?.name ?? "",
      time(r.draftedAt),
      time(r.neutralityConfirmedAt),
      r.cardFormat ?? "",
      r.draftText ?? "",
      time(r.withdrawnAt),
    ]),
  );
}

// ---- Commands ----

/**
 * A politician asks for a draft. Only about a consultation of their own municipality; an outcome
 * post only once the outcome is published, so staff never write about a decision before it is public.
 */
export async function requestPostDraft(
  politician: PostDraftActor,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<CommandResult<{ id: string }>> {
  if (!can(politician.role, "postDrafts:request")) return refused(postDraftErrors.notAllowed);
  const parsed = parsePostDraftRequest(input);
  if (!parsed.ok) return parsed;
  const { consultationId, topic, request } = parsed.data;

  const consultation = await prisma.consultation.findFirst({
    where: { id: consultationId, municipalityId: politician.municipalityId, status: { in: requestableStatuses } },
    select: { id: true, status: true },
  });
  if (!consultation) return refused(postDraftErrors.consultationNotFound, "consultationId");
  if (topic === "outcome" && consultation.status !== "outcome_published") {
    return refused(postDraftErrors.outcomeNotPublished, "topic");
  }

  const created = await prisma.postDraftRequest.create({
    data: { consultationId: consultation.id, politicianId: politician.id, topic, request, createdAt: now },
    select: { id: true },
  });
  return { ok: true, value: created };
}

/** A politician takes back a request nobody has answered yet. Only their own. */
export async function withdrawPostDraftRequest(
  politician: PostDraftActor,
  requestId: string,
): Promise<CommandResult<{ id: string }>> {
  if (!can(politician.role, "postDrafts:request")) return refused(postDraftErrors.notAllowed);
  // One conditional update, so a draft handed back at the same moment is never overwritten.
  const { count } = await prisma.postDraftRequest.updateMany({
    where: {
      id: requestId,
      politicianId: politician.id,
      status: "requested",
      consultation: { municipalityId: politician.municipalityId },
    },
    data: { status: "withdrawn" },
  });
  if (count === 1) return { ok: true, value: { id: requestId } };
  const own = await prisma.postDraftRequest.findFirst({
    where: { id: requestId, politicianId: politician.id },
    select: { id: true },
  });
  return refused(own ? postDraftErrors.notOpen : postDraftErrors.notFound);
}

export type PostDraftSubmission = {
  draftText?: unknown;
  cardFormat?: unknown;
  /** The ticked checklist items. */
  neutrality?: unknown;
};

/**
 * Staff hand a draft back. Refused, with nothing stored, unless every item of the neutrality
 * checklist is ticked; a request already drafted or withdrawn cannot be drafted (again).
 */
export async function handBackPostDraft(
  drafter: PostDraftActor,
  requestId: string,
  input: PostDraftSubmission,
  now = new Date(),
): Promise<CommandResult<{ id: string; cardFormat: CardFormat; politicianName: string }>> {
  if (!can(drafter.role, "postDrafts:draft")) return refused(postDraftErrors.notAllowed);
  const parsed = parsePostDraft(input as Record<string, unknown>);
  if (!parsed.ok) return parsed;
  const { draftText, cardFormat } = parsed.data;

  const { count } = await prisma.postDraftRequest.updateMany({
    where: { id: requestId, status: "requested", consultation: { municipalityId: drafter.municipalityId } },
    data: {
      status: "drafted",
      drafterId: drafter.id,
      draftText,
      cardFormat,
      neutralityConfirmedAt: now,
      draftedAt: now,
    },
  });
  if (count === 1) {
    const row = await prisma.postDraftRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { politician: { select: { name: true } } },
    });
    return { ok: true, value: { id: requestId, cardFormat, politicianName: row.politician.name } };
  }
  const exists = await prisma.postDraftRequest.findFirst({
    where: { id: requestId, consultation: { municipalityId: drafter.municipalityId } },
    select: { id: true },
  });
  return refused(exists ? postDraftErrors.notOpen : postDraftErrors.notFound);
}
