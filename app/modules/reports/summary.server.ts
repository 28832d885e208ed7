/**
 * The summary of a consultation for the council's decision memo: what was asked and promised, who
 * took part, what the polls said, the comments with most support, the published hearing responses
 * and, once written, the outcome. Staff-only, but it shows nothing a citizen could not see except
 * counts: private and held hearing responses are counted, never shown.
 */
import { prisma } from "~/utils/db.server.ts";
import { effectiveStatus, isOverdue } from "~/modules/consultations/lifecycle.ts";
import type { ConsultationKind } from "~/modules/consultations/kinds.ts";
import { listPublishedResponses } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { getPollForStaff, getTallies, listPollsForStaff } from "~/modules/polls/polls.server.ts";
import type { QuestionType } from "~/modules/polls/poll-types.ts";
import { collectFigures } from "~/modules/representativeness/figures.server.ts";

/** How many of the most supported comments the memo quotes. */
export const topCommentCount = 10;

/**
 * `seeHiddenResults`: whether the viewer may see the counts of a poll that hides its results until
 * it closes (staff who run the consultation); others see that the results are hidden, as citizens do.
 */
export async function getConsultationSummary(
  consultationId: string,
  municipalityId: string,
  origin: string,
  { seeHiddenResults }: { seeHiddenResults: boolean },
  now = new Date(),
) {
  const row = await prisma.consultation.findFirst({
    where: { id: consultationId, municipalityId },
    select: {
      id: true,
      slug: true,
      joinCode: true,
      kind: true,
      status: true,
      title: true,
      summary: true,
      promise: true,
      decidedBy: true,
      opensAt: true,
      closesAt: true,
      expectedDecisionAt: true,
      publishedAt: true,
      closedAt: true,
      municipality: { select: { name: true } },
      documents: { select: { id: true, title: true, url: true, purpose: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
      outcome: {
        select: {
          decision: true,
          publishedAt: true,
          points: { select: { id: true, youSaid: true, weDid: true }, orderBy: { position: "asc" } },
        },
      },
    },
  });
  if (!row) return null;
  const isPublic = row.status !== "draft";
  const [figures, polls, topComments, hearing] = await Promise.all([
    collectFigures(row.id),
    pollResults(row.id, municipalityId, seeHiddenResults),
    mostSupportedComments(row.id),
    row.kind === "hearing" ? hearingResponses(row.id) : null,
  ]);
  return {
    municipality: row.municipality.name,
    consultation: {
      id: row.id,
      title: row.title,
      summary: row.summary,
      kind: row.kind as ConsultationKind,
      status: effectiveStatus(row, now),
      overdue: isOverdue(row, now),
      promise: row.promise,
      decidedBy: row.decidedBy,
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      expectedDecisionAt: row.expectedDecisionAt,
      // Written out on paper, where nobody can click: the full address, not a link text.
      publicUrl: isPublic ? `${origin}/c/${row.slug}` : null,
      joinUrl: isPublic ? `${origin}/j/${row.joinCode}` : null,
    },
    documents: row.documents.map((d) => ({
      id: d.id,
      title: d.title,
      url: d.url ?? `${origin}/documents/${d.id}`,
      // Documents about the decision go with the outcome; the rest are the consultation's background.
      purpose: d.purpose === "outcome" ? ("outcome" as const) : ("background" as const),
    })),
    figures,
    polls,
    topComments,
    hearing,
    outcome: row.outcome,
    generatedAt: now,
  };
}

export type ConsultationSummary = NonNullable<Awaited<ReturnType<typeof getConsultationSummary>>>;

export type SummaryPoll = {
  id: string;
  number: number;
  joinCode: string;
  status: string;
  /** True when the poll still hides its results from this viewer: no counts are included. */
  resultsHidden: boolean;
  totalVoters: number;
  questions: { id: string; type: QuestionType; text: string; options: { id: string; label: string; votes: number }[] }[];
};

/** Every poll that has been open, with its counts unless they are hidden from this viewer. */
async function pollResults(consultationId: string, municipalityId: string, seeHiddenResults: boolean): Promise<SummaryPoll[]> {
  const listed = (await listPollsForStaff(consultationId, municipalityId)).filter((p) => p.status !== "draft");
  const polls: SummaryPoll[] = [];
  for (const item of listed) {
    const poll = await getPollForStaff(item.id, municipalityId);
    if (!poll) continue;
    const resultsHidden = !poll.resultsVisible && !seeHiddenResults;
    const tallies = resultsHidden ? null : await getTallies(poll.id);
    polls.push({
      id: poll.id,
      number: polls.length + 1,
      joinCode: poll.joinCode,
      status: poll.status,
      resultsHidden,
      totalVoters: tallies?.totalVoters ?? 0,
      questions: poll.questions.map((q) => ({
        id: q.id,
        type: q.type,
        text: q.text,
        options: tallies ? q.options.map((o) => ({ id: o.id, label: o.label, votes: tallies.votes[o.id] ?? 0 })) : [],
      })),
    });
  }
  return polls;
}

/** Published comments and replies with support, most supported first; held and hidden ones never. */
async function mostSupportedComments(consultationId: string) {
  return prisma.comment.findMany({
    where: { consultationId, status: "published", supportCount: { gt: 0 } },
    select: { id: true, parentId: true, authorName: true, authorRole: true, authorTitle: true, body: true, supportCount: true, createdAt: true },
    orderBy: [{ supportCount: "desc" }, { createdAt: "asc" }, { id: "asc" }],
    take: topCommentCount,
  });
}

/**
 * The hearing's responses as the memo reports them: every one counted, the published ones listed
 * by the author's choice (named or anonymous); private ones and those a moderator held are counted.
 */
async function hearingResponses(consultationId: string) {
  const [published, groups] = await Promise.all([
    listPublishedResponses(consultationId),
    prisma.hearingResponse.groupBy({ by: ["publication", "status"], where: { consultationId }, _count: { _all: true } }),
  ]);
  const counts = { total: 0, named: 0, anonymous: 0, private: 0, moderated: 0 };
  for (const g of groups) {
    const n = g._count._all;
    counts.total += n;
    if (g.publication === "private") counts.private += n;
    else if (g.status !== "published") counts.moderated += n;
    else if (g.publication === "named") counts.named += n;
    else counts.anonymous += n;
  }
  return {
    ...counts,
    // Oldest first, as they arrived: the memo reads them in order.
    published: published
      .map((r) => ({
        id: r.id,
        receiptNumber: r.receiptNumber,
        authorLabel: r.authorLabel,
        organisation: r.organisation,
        body: r.body,
        createdAt: r.createdAt,
      }))
      .reverse(),
  };
}
