/**
 * Seeds a fresh installation with the demo municipality (Fjordby Kommune): staff of every role and
 * consultations in every phase, dated relative to now so the demo always looks current.
 */
import crypto from "node:crypto";
import { prisma } from "~/utils/db.server.ts";
import { hashPassword } from "~/modules/auth/password.server.ts";
import { joinCodeAlphabet } from "~/modules/consultations/join-code.ts";
import type { ConsultationStatus } from "~/modules/consultations/lifecycle.ts";
import { demoConsultations, demoMunicipality, demoStaff, type DemoConsultation } from "./demo-content.ts";
import { demoDiscussion, type DemoComment } from "./demo-discussion.ts";
import { demoPolls } from "./demo-polls.ts";
import { collectFigures } from "~/modules/representativeness/figures.server.ts";
import { demoPopulation } from "./demo-population.ts";
import { fixedOptions } from "~/modules/polls/poll-types.ts";

const day = 24 * 3600 * 1000;

/** Stable join codes for the demo, so links in the README and on printed posters keep working. */
export function demoJoinCode(key: string) {
  const digest = crypto.createHash("sha256").update(key).digest();
  return Array.from(digest.subarray(0, 6), (b) => joinCodeAlphabet[b % joinCodeAlphabet.length]).join("");
}

const statusOfPhase: Record<DemoConsultation["phase"], ConsultationStatus> = {
  open: "open",
  scheduled: "scheduled",
  closed_awaiting: "closed",
  closed_overdue: "closed",
  outcome_published: "outcome_published",
};

/** At noon Danish time on the given day offset, so deadlines look like a municipality set them. */
function atNoon(now: Date, days: number) {
  const d = new Date(now.getTime() + days * day);
  d.setUTCHours(11, 0, 0, 0);
  return d;
}

export async function seedDemo({ adminEmail, adminPassword, now = new Date() }: { adminEmail: string; adminPassword: string; now?: Date }) {
  const passwordHash = await hashPassword(adminPassword);
  await prisma.$transaction(async (tx) => {
    const municipality = await tx.municipality.create({
      data: { ...demoMunicipality, logoPath: "/brand/fjordby-logo.svg" },
      select: { id: true },
    });
    await tx.populationGroup.createMany({
      data: Object.entries(demoPopulation).map(([ageGroup, residents]) => ({ municipalityId: municipality.id, ageGroup, residents })),
    });
    const staff = new Map<string, string>();
    const staffByEmail = new Map<string, { id: string; name: string; role: string; title: string | null }>();
    for (const member of demoStaff) {
      const email = member.role === "admin" ? adminEmail.toLowerCase() : member.email;
      const user = await tx.user.create({
        data: { ...member, email, passwordHash, municipalityId: municipality.id },
        select: { id: true, role: true, name: true, title: true },
      });
      staff.set(user.role, user.id);
      staffByEmail.set(member.email, user);
    }
    for (const c of demoConsultations) {
      const status = statusOfPhase[c.phase];
      const opensAt = atNoon(now, c.opensDaysFromNow);
      const closesAt = atNoon(now, c.closesDaysFromNow);
      const consultation = await tx.consultation.create({
        select: { id: true },
        data: {
          municipalityId: municipality.id,
          slug: c.key,
          joinCode: demoJoinCode(c.key),
          kind: c.kind,
          status,
          title: c.title,
          summary: c.summary,
          body: c.body,
          promise: c.promise,
          decidedBy: c.decidedBy,
          opensAt,
          closesAt,
          expectedDecisionAt: atNoon(now, c.decisionDaysFromNow),
          publishedAt: new Date(Math.min(opensAt.getTime(), now.getTime()) - 2 * day),
          closedAt: status === "closed" || status === "outcome_published" ? closesAt : null,
          createdById: staff.get("editor") ?? null,
          documents: {
            create: c.documents
              .filter((d) => d.url)
              .map((d, position) => ({ title: d.title, url: d.url, position })),
          },
          outcome: c.outcome
            ? {
                create: {
                  decision: c.outcome.decision,
                  publishedAt: status === "outcome_published" ? atNoon(now, c.decisionDaysFromNow) : null,
                  points: { create: c.outcome.points.map((p, position) => ({ ...p, position })) },
                },
              }
            : undefined,
        },
      });
      // Comments are written directly: the demo's events start after them, as on a restored backup.
      const writeComment = async (comment: DemoComment, parentId: string | null) => {
        const official = comment.staffEmail ? staffByEmail.get(comment.staffEmail) : undefined;
        const participant = await tx.participant.create({ data: { displayName: official ? null : comment.author }, select: { id: true } });
        const createdAt = new Date(now.getTime() - comment.minutesAgo * 60_000);
        const row = await tx.comment.create({
          data: {
            consultationId: consultation.id,
            parentId,
            participantId: participant.id,
            authorUserId: official?.id,
            authorName: official?.name ?? comment.author,
            authorRole: official?.role,
            authorTitle: official?.title,
            body: comment.body,
            clientId: crypto.randomUUID(),
            supportCount: comment.supports ?? 0,
            publishedAt: createdAt,
            createdAt,
          },
          select: { id: true },
        });
        for (const reply of comment.replies ?? []) await writeComment(reply, row.id);
      };
      for (const comment of demoDiscussion[c.key] ?? []) await writeComment(comment, null);

      for (const demo of demoPolls.filter((p) => p.consultationKey === c.key)) {
        const poll = await tx.poll.create({
          data: {
            consultationId: consultation.id,
            joinCode: demo.joinCode,
            status: demo.status ?? "open",
            openedAt: opensAt,
            closedAt: demo.status === "closed" ? closesAt : null,
            questions: {
              create: demo.questions.map((q, position) => ({
                position,
                type: q.type,
                text: q.text,
                options: { create: (fixedOptions(q.type) ?? q.options ?? []).map((label, i) => ({ label, position: i })) },
              })),
            },
          },
          select: { id: true, questions: { select: { id: true, options: { select: { id: true }, orderBy: { position: "asc" } } }, orderBy: { position: "asc" } } },
        });
        let n = 0;
        // Ballots spread evenly over the time the poll has been open, so the dashboard's week of
        // activity and the closed poll's dates look like real voting.
        const total = demo.ballots.reduce((sum, g) => sum + g.count, 0);
        const votingEnds = Math.min(closesAt.getTime(), now.getTime());
        const castAt = (i: number) => new Date(opensAt.getTime() + ((i + 0.5) / total) * (votingEnds - opensAt.getTime()));
        for (const group of demo.ballots) {
          for (let i = 0; i < group.count; i++) {
            await tx.pollBallot.create({
              data: {
                pollId: poll.id,
                createdAt: castAt(n),
                voterHash: `demo-${n++}`,
                ageGroup: group.ageGroup,
                channel: group.channel,
                answers: {
                  create: group.answers.flatMap((indexes, qi) =>
                    indexes.map((oi) => ({ questionId: poll.questions[qi].id, optionId: poll.questions[qi].options[oi].id })),
                  ),
                },
              },
            });
          }
          await tx.channelCount.upsert({
            where: { targetType_targetId_channel: { targetType: "poll", targetId: poll.id, channel: group.channel } },
            create: { targetType: "poll", targetId: poll.id, channel: group.channel, count: group.count + 4 },
            update: { count: { increment: group.count + 4 } },
          });
        }
      }
    }
    // Hundreds of rows in one transaction: on a busy machine, or over a network to PostgreSQL,
    // Prisma's default of 5 s can expire before the seed is done, and the first start would fail.
  }, { timeout: 120_000, maxWait: 30_000 });
  // Published outcomes carry their figures frozen, as publishing leaves them.
  const published = await prisma.outcomeReport.findMany({ where: { publishedAt: { not: null }, figures: null }, select: { id: true, consultationId: true } });
  for (const report of published) {
    await prisma.outcomeReport.update({ where: { id: report.id }, data: { figures: JSON.stringify(await collectFigures(report.consultationId)) } });
  }
}
