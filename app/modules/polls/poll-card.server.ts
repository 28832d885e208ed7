/** What a poll's share card shows: its first question and the consultation it belongs to. */
import { prisma } from "~/utils/db.server.ts";

export async function getPollForCard(pollId: string) {
  const poll = await prisma.poll.findUnique({
    where: { id: pollId },
    select: {
      id: true,
      joinCode: true,
      status: true,
      questions: { select: { text: true }, orderBy: { position: "asc" }, take: 1 },
      consultation: { select: { slug: true, kind: true, title: true, closesAt: true, status: true } },
    },
  });
  if (!poll || poll.status === "draft" || poll.consultation.status === "draft") return null;
  return {
    id: poll.id,
    joinCode: poll.joinCode,
    question: poll.questions[0]?.text ?? poll.consultation.title,
    consultation: poll.consultation,
  };
}
