/**
 * CSV exports of one consultation, for staff who work the input in a spreadsheet: hearing
 * responses, comments, poll results, the number of followers and the consultation's part of the
 * moderation log. Every file is UTF-8 with a byte-order mark (see app/utils/csv.ts), its column
 * headers and values in the staff member's language, its times in Danish time.
 *
 * Poll results are one file with one table, so it filters and pivots in a spreadsheet: the first
 * column says what a row counts (an answer, an age group, a channel, or all voters of a poll).
 */
import { prisma } from "~/utils/db.server.ts";
import { toCsv } from "~/utils/csv.ts";
import { getFixedT, getLanguage } from "~/i18n/i18next.server.ts";
import { intlLocale, type Language } from "~/i18n/config.ts";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { can } from "~/modules/auth/roles.ts";
import { getPollForStaff, getTallies, listPollsForStaff } from "~/modules/polls/polls.server.ts";
import { ageGroups } from "~/modules/polls/poll-types.ts";
import { findExport, type ExportKey } from "./export-kinds.ts";
import { attachmentDisposition, danishDate, exportFileName, spreadsheetDateTime } from "./download.ts";

type Translate = Awaited<ReturnType<typeof getFixedT>>;

type ExportContext = {
  consultation: { id: string; title: string; kind: string; municipalityId: string };
  viewer: { role: string };
  lng: Language;
  t: Translate;
  tPolls: Translate;
  tModeration: Translate;
};

type Table = { header: string[]; rows: (string | number)[][] };

/**
 * The answer to GET /admin/consultations/:id/exports/:file. A role without the export's permission
 * gets a 403 before anything is looked up, so it cannot learn which ids exist; an unknown file, or a
 * consultation of another municipality (or none), is a 404.
 */
export async function consultationExportResponse(request: Request, consultationId: string, file: string | undefined) {
  const spec = findExport(file);
  const user = await requireUserWithPermission(request, spec?.permission ?? "admin:view");
  if (!spec) throw new Response("Not found", { status: 404 });
  const consultation = await prisma.consultation.findFirst({
    where: { id: consultationId, municipalityId: user.municipalityId },
    select: { id: true, title: true, kind: true, municipalityId: true },
  });
  if (!consultation || (spec.hearingsOnly && consultation.kind !== "hearing")) {
    throw new Response("Not found", { status: 404 });
  }
  const lng = await getLanguage(request);
  const [t, tPolls, tModeration] = await Promise.all([getFixedT(lng, "reports"), getFixedT(lng, "polls"), getFixedT(lng, "moderation")]);
  const table = await builders[spec.key]({ consultation, viewer: user, lng, t, tPolls, tModeration });
  const name = exportFileName([t(`files.${spec.key}`), consultation.title, danishDate()], "csv");
  return new Response(toCsv(table.header, table.rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(name),
      // Personal data must not linger in shared caches or the browser's back/forward cache.
      "Cache-Control": "no-store",
    },
  });
}

const builders: Record<ExportKey, (ctx: ExportContext) => Promise<Table>> = {
  responses: hearingResponsesTable,
  comments: commentsTable,
  polls: pollResultsTable,
  followers: followersTable,
  moderationLog: moderationLogTable,
};

/** Every response, private and held ones included: staff read all of them. Oldest first. */
async function hearingResponsesTable({ consultation, t }: ExportContext): Promise<Table> {
  const rows = await prisma.hearingResponse.findMany({
    where: { consultationId: consultation.id },
    select: {
      receiptNumber: true,
      createdAt: true,
      name: true,
      email: true,
      organisation: true,
      publication: true,
      status: true,
      body: true,
      attachmentName: true,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return {
    header: ["receipt", "submittedAt", "name", "email", "organisation", "publication", "status", "text", "attachment"].map((k) =>
      t(`csv.responses.${k}`),
    ),
    rows: rows.map((r) => [
      r.receiptNumber,
      spreadsheetDateTime(r.createdAt),
      r.name,
      r.email,
      r.organisation ?? "",
      t(`csv.publication.${r.publication}`, { defaultValue: r.publication }),
      t(`csv.status.${r.status}`, { defaultValue: r.status }),
      r.body,
      r.attachmentName ?? "",
    ]),
  };
}

/** Every comment and reply, held and hidden ones included, in the order they were posted. */
async function commentsTable({ consultation, t }: ExportContext): Promise<Table> {
  const rows = await prisma.comment.findMany({
    where: { consultationId: consultation.id },
    select: {
      id: true,
      parentId: true,
      createdAt: true,
      authorName: true,
      authorRole: true,
      status: true,
      hiddenRule: true,
      supportCount: true,
      reportCount: true,
      body: true,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return {
    header: ["id", "parentId", "postedAt", "author", "authorType", "status", "hiddenRule", "supports", "reports", "text"].map((k) =>
      t(`csv.comments.${k}`),
    ),
    rows: rows.map((c) => [
      c.id,
      c.parentId ?? "",
      spreadsheetDateTime(c.createdAt),
      c.authorName,
      t(c.authorRole ? "csv.authorType.staff" : "csv.authorType.citizen"),
      t(`csv.status.${c.status}`, { defaultValue: c.status }),
      c.status === "hidden" && c.hiddenRule ? c.hiddenRule : "",
      c.supportCount,
      c.reportCount,
      c.body,
    ]),
  };
}

/**
 * One row per answer option (votes and share of the poll's voters), then the poll's voters per age
 * group and per channel. Politicians get results a poll still hides only once it shows them to
 * everyone: the permission rests on results being public.
 */
async function pollResultsTable({ consultation, viewer, lng, t, tPolls }: ExportContext): Promise<Table> {
  const listed = (await listPollsForStaff(consultation.id, consultation.municipalityId)).filter((p) => p.status !== "draft");
  const percent = new Intl.NumberFormat(intlLocale[lng], { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  const share = (n: number, of: number) => (of > 0 ? percent.format((n / of) * 100) : "");
  const rows: (string | number)[][] = [];
  let number = 0;
  for (const item of listed) {
    const poll = await getPollForStaff(item.id, consultation.municipalityId);
    if (!poll) continue;
    number++;
    const label = t("csv.pollLabel", { number, code: poll.joinCode });
    if (!poll.resultsVisible && !can(viewer.role, "consultation:write")) {
      rows.push([t("csv.pollType.hidden"), label, "", "", "", ""]);
      continue;
    }
    const tallies = await getTallies(poll.id);
    const voters = tallies.totalVoters;
    rows.push([t("csv.pollType.voters"), label, "", "", voters, voters > 0 ? share(voters, voters) : ""]);
    for (const q of poll.questions) {
      for (const o of q.options) {
        const votes = tallies.votes[o.id] ?? 0;
        const option = q.type === "scale" ? `${o.label} (${tPolls(`scale.${o.label}`)})` : q.type === "yesno" ? tPolls(`yesno.${o.label}`) : o.label;
        rows.push([t("csv.pollType.answer"), label, q.text, option, votes, share(votes, voters)]);
      }
    }
    if (poll.askAgeGroup) {
      let answered = 0;
      for (const group of ageGroups) {
        const n = tallies.ageGroups[group] ?? 0;
        answered += n;
        rows.push([t("csv.pollType.ageGroup"), label, "", group, n, share(n, voters)]);
      }
      rows.push([t("csv.pollType.ageGroup"), label, "", t("csv.ageGroupNone"), voters - answered, share(voters - answered, voters)]);
    }
    for (const [channel, n] of Object.entries(tallies.channels).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      rows.push([t("csv.pollType.channel"), label, "", t(`channel.${channel}`, { defaultValue: channel }), n, share(n, voters)]);
    }
  }
  return { header: ["type", "poll", "question", "option", "votes", "share"].map((k) => t(`csv.polls.${k}`)), rows };
}

/** How many follow the consultation, never who: the addresses stay in the database. */
async function followersTable({ consultation, t }: ExportContext): Promise<Table> {
  const [confirmed, total] = await Promise.all([
    prisma.follower.count({ where: { consultationId: consultation.id, confirmedAt: { not: null } } }),
    prisma.follower.count({ where: { consultationId: consultation.id } }),
  ]);
  return {
    header: ["consultation", "confirmed", "unconfirmed", "total"].map((k) => t(`csv.followers.${k}`)),
    rows: [[consultation.title, confirmed, total - confirmed, total]],
  };
}

/**
 * The moderation decisions about this consultation's comments, responses and brakes. Blocking a
 * device concerns the person, not one consultation: it is in the municipality-wide log only.
 */
async function moderationLogTable({ consultation, t, tModeration }: ExportContext): Promise<Table> {
  const rows = await prisma.moderationLog.findMany({
    where: { municipalityId: consultation.municipalityId, consultationId: consultation.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return {
    header: ["time", "moderator", "action", "rule", "commentId", "responseId", "participantId", "note"].map((k) => t(`csv.moderation.${k}`)),
    rows: rows.map((e) => [
      spreadsheetDateTime(e.createdAt),
      e.actorName,
      tModeration(`logAction.${e.action}`, { defaultValue: e.action }),
      e.rule ?? "",
      e.commentId ?? "",
      e.hearingResponseId ?? "",
      e.participantId ?? "",
      e.note ?? "",
    ]),
  };
}
