/**
 * Short polls: the editor's commands (create, edit until the first vote, open, close), the vote
 * itself (one per device, enforced by the database), and the tallies shown as bars.
 */
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import type { CommandResult } from "~/utils/command.ts";
import { publish, subscribe } from "~/modules/domain-events.server.ts";
import { acceptsInput } from "~/modules/consultations/lifecycle.ts";
import { generateJoinCode } from "~/modules/consultations/join-code.ts";
import { parsePollForm, type PollInput } from "./poll.schema.ts";
import { ageGroups, type QuestionType } from "./poll-types.ts";
import { writeBallot } from "./ballot-writer.server.ts";
import { readTallies, type Tallies } from "./tallies.server.ts";

export type Editor = { id: string; municipalityId: string };

const pollSelect = {
  id: true,
  joinCode: true,
  status: true,
  showResultsBeforeClose: true,
  askAgeGroup: true,
  openedAt: true,
  closedAt: true,
  updatedAt: true,
  consultation: {
    select: { id: true, slug: true, title: true, kind: true, status: true, opensAt: true, closesAt: true, expectedDecisionAt: true, municipalityId: true },
  },
  questions: {
    select: { id: true, type: true, text: true, options: { select: { id: true, label: true }, orderBy: { position: "asc" } } },
    orderBy: { position: "asc" },
  },
} satisfies Prisma.PollSelect;

type PollRow = Prisma.PollGetPayload<{ select: typeof pollSelect }>;

/** Voters of one poll, from its running tallies (see tallies.server.ts). */
async function countVoters(pollId: string) {
  return (await readTallies(pollId)).totalVoters;
}

function shape(row: PollRow, totalVoters: number, now = new Date()) {
  const { questions, ...rest } = row;
  const votingOpen = row.status === "open" && acceptsInput(row.consultation, now);
  return {
    ...rest,
    questions: questions.map((q) => ({ ...q, type: q.type as QuestionType })),
    totalVoters,
    votingOpen,
    /** Closed polls always show results; open ones only when the editor allows it. */
    resultsVisible: row.status === "closed" || !votingOpen || row.showResultsBeforeClose,
  };
}

export type PublicPoll = ReturnType<typeof shape>;

/** A poll as citizens see it; null for unknown polls and drafts. */
export async function getPublicPoll(id: string, now = new Date()) {
  const row = await prisma.poll.findUnique({ where: { id }, select: pollSelect });
  if (!row || row.status === "draft" || row.consultation.status === "draft") return null;
  return shape(row, await countVoters(row.id), now);
}

export async function listPublicPolls(consultationId: string) {
  const rows = await prisma.poll.findMany({
    where: { consultationId, status: { not: "draft" } },
    select: { id: true, status: true, questions: { select: { text: true }, orderBy: { position: "asc" }, take: 1 } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ id: r.id, status: r.status, question: r.questions[0]?.text ?? "" }));
}

/** Polls of public consultations, for the open data API. */
export async function pollsByConsultation(consultationIds: string[]) {
  const rows = await prisma.poll.findMany({
    where: { consultationId: { in: consultationIds }, status: { not: "draft" } },
    select: { id: true, consultationId: true, questions: { select: { text: true }, orderBy: { position: "asc" }, take: 1 } },
    orderBy: { createdAt: "asc" },
  });
  const map = new Map<string, { id: string; question: string }[]>();
  for (const r of rows) {
    const list = map.get(r.consultationId) ?? [];
    list.push({ id: r.id, question: r.questions[0]?.text ?? "" });
    map.set(r.consultationId, list);
  }
  return map;
}

/** Counts per option, voters, and voters per channel and age group. */
export async function getTallies(pollId: string): Promise<Tallies> {
  return readTallies(pollId);
}

export type { Tallies };

/** Whether this voter (by its per-poll hash) has voted. */
export async function hasVoted(pollId: string, voterHash: string) {
  return (await prisma.pollBallot.count({ where: { pollId, voterHash } })) > 0;
}

export type VoteForm = Record<string, string | string[] | undefined>;

/**
 * Casts one ballot. Every question must be answered with options of that question; the age group
 * is optional. A second ballot from the same voter is refused by the unique constraint, also when
 * both arrive at the same moment.
 */
export async function castVote(
  pollId: string,
  form: VoteForm,
  voter: { hash: string; channel: string },
  now = new Date(),
): Promise<CommandResult<{ ballotId: string }>> {
  const poll = await pollForVoting(pollId);
  if (!poll || poll.status === "draft" || poll.consultation.status === "draft") return { ok: false, errors: { form: "vote.notFound" } };
  if (poll.status !== "open" || !acceptsInput(poll.consultation, now)) return { ok: false, errors: { form: "vote.closed" } };

  const errors: Record<string, string> = {};
  const answers: { questionId: string; optionId: string }[] = [];
  for (const q of poll.questions) {
    const raw = form[`q_${q.id}`];
    const chosen = [...new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map(String))];
    const valid = chosen.every((id) => q.options.some((o) => o.id === id));
    if (chosen.length === 0) errors[`q_${q.id}`] = "vote.answerRequired";
    else if (!valid || (q.type !== "multiple" && chosen.length > 1)) errors[`q_${q.id}`] = "vote.invalid";
    else for (const optionId of chosen) answers.push({ questionId: q.id, optionId });
  }
  const age = typeof form.ageGroup === "string" && form.ageGroup !== "" ? form.ageGroup : null;
  if (age !== null && (!poll.askAgeGroup || !(ageGroups as readonly string[]).includes(age))) errors.ageGroup = "vote.invalid";
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const written = await writeBallot({ pollId, voterHash: voter.hash, ageGroup: age, channel: voter.channel, createdAt: now, answers });
  if (!written.ok) return { ok: false, errors: { form: "vote.alreadyVoted" } };
  publish("poll.voted", { pollId, consultationId: poll.consultation.id });
  return { ok: true, value: { ballotId: written.id } };
}

/**
 * A poll's questions, options and dates for checking a vote, kept for a second: every vote of a
 * busy poll would otherwise read the same rows again. Editors' changes drop the entry at once.
 */
const votingCache = new Map<string, { at: number; poll: PollRow | null }>();
const votingCacheMs = 1000;
// A consultation closed early by staff stops its polls' votes at once, not a second later.
subscribe("consultation.statusChanged", () => votingCache.clear());

async function pollForVoting(pollId: string) {
  const hit = votingCache.get(pollId);
  if (hit && Date.now() - hit.at < votingCacheMs) return hit.poll;
  const poll = await prisma.poll.findUnique({ where: { id: pollId }, select: pollSelect });
  if (votingCache.size > 1000) votingCache.clear();
  votingCache.set(pollId, { at: Date.now(), poll });
  return poll;
}

// ---- Editors ----

export async function listPollsForStaff(consultationId: string, municipalityId: string) {
  const rows = await prisma.poll.findMany({
    where: { consultationId, consultation: { municipalityId } },
    select: { id: true, status: true, joinCode: true, _count: { select: { ballots: true } }, questions: { select: { text: true }, orderBy: { position: "asc" }, take: 1 } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ id: r.id, status: r.status, joinCode: r.joinCode, votes: r._count.ballots, question: r.questions[0]?.text ?? "" }));
}

export async function getPollForStaff(id: string, municipalityId: string) {
  const row = await prisma.poll.findFirst({ where: { id, consultation: { municipalityId } }, select: pollSelect });
  return row ? shape(row, await countVoters(row.id)) : null;
}

function questionWrites(input: PollInput) {
  return input.questions.map((q, position) => ({
    position,
    type: q.type,
    text: q.text,
    options: { create: q.options.map((label, i) => ({ label, position: i })) },
  }));
}

export async function createPoll(consultationId: string, form: Record<string, unknown>, editor: Editor): Promise<CommandResult<{ id: string }>> {
  const consultation = await prisma.consultation.findFirst({ where: { id: consultationId, municipalityId: editor.municipalityId }, select: { id: true } });
  if (!consultation) return { ok: false, errors: { form: "validation.notFound" } };
  const parsed = parsePollForm(form);
  if (!parsed.ok) return parsed;
  for (let attempt = 0; ; attempt++) {
    try {
      const poll = await prisma.poll.create({
        data: {
          consultationId,
          joinCode: generateJoinCode(6),
          askAgeGroup: parsed.data.askAgeGroup,
          showResultsBeforeClose: parsed.data.showResultsBeforeClose,
          questions: { create: questionWrites(parsed.data) },
        },
        select: { id: true },
      });
      return { ok: true, value: poll };
    } catch (error) {
      if (attempt < 5 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") continue;
      throw error;
    }
  }
}

/** Questions can change only until the first vote: a vote is an answer to exactly these words. */
export async function updatePoll(id: string, form: Record<string, unknown>, editor: Editor): Promise<CommandResult<{ id: string }>> {
  const poll = await prisma.poll.findFirst({ where: { id, consultation: { municipalityId: editor.municipalityId } }, select: { id: true } });
  if (!poll) return { ok: false, errors: { form: "validation.notFound" } };
  if ((await countVoters(id)) > 0) return { ok: false, errors: { form: "validation.hasVotes" } };
  const parsed = parsePollForm(form);
  if (!parsed.ok) return parsed;
  await prisma.$transaction([
    prisma.pollQuestion.deleteMany({ where: { pollId: id } }),
    prisma.poll.update({
      where: { id },
      data: {
        askAgeGroup: parsed.data.askAgeGroup,
        showResultsBeforeClose: parsed.data.showResultsBeforeClose,
        questions: { create: questionWrites(parsed.data) },
      },
    }),
  ]);
  votingCache.delete(id);
  return { ok: true, value: { id } };
}

export async function setPollStatus(id: string, status: "open" | "closed", editor: Editor): Promise<CommandResult<{ status: string }>> {
  const poll = await prisma.poll.findFirst({ where: { id, consultation: { municipalityId: editor.municipalityId } }, select: { status: true, consultationId: true } });
  if (!poll) return { ok: false, errors: { form: "validation.notFound" } };
  const allowed = (status === "open" && poll.status === "draft") || (status === "closed" && poll.status === "open");
  if (!allowed) return { ok: false, errors: { form: "validation.statusNotAllowed" } };
  const now = new Date();
  await prisma.poll.update({
    where: { id },
    data: { status, ...(status === "open" ? { openedAt: now } : { closedAt: now }) },
  });
  votingCache.delete(id);
  publish("poll.voted", { pollId: id, consultationId: poll.consultationId });
  return { ok: true, value: { status } };
}
