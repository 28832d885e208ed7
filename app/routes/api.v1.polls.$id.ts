import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublicPoll, getTallies } from "~/modules/polls/polls.server.ts";

/** A poll with its counts, for other sites and the council's own dashboards. */
export async function loader({ params }: LoaderFunctionArgs) {
  const poll = await getPublicPoll(params.id ?? "");
  if (!poll) return Response.json({ error: "not_found" }, { status: 404 });
  const tallies = await getTallies(poll.id);
  // A poll that hides its results until it closes hides the counts here too.
  const show = poll.resultsVisible;
  return Response.json(
    {
      id: poll.id,
      status: poll.status,
      questions: poll.questions.map((q) => ({
        id: q.id,
        type: q.type,
        text: q.text,
        options: q.options.map((o) => ({ id: o.id, label: o.label, votes: show ? (tallies.votes[o.id] ?? 0) : null })),
      })),
      totalVoters: show ? tallies.totalVoters : null,
      channels: show ? tallies.channels : null,
    },
    { headers: { "Cache-Control": "public, max-age=5", "Access-Control-Allow-Origin": "*" } },
  );
}
