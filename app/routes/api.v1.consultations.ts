import type { LoaderFunctionArgs } from "@remix-run/node";
import { listApiConsultations } from "~/modules/consultations/consultations.server.ts";
import { publicOrigin } from "~/utils/env.server.ts";
import { pollsByConsultation } from "~/modules/polls/polls.server.ts";
import { cardUrls } from "~/modules/share-cards/cards.server.ts";

/** Open data: every public consultation, for journalists, researchers and other sites. */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = publicOrigin(request);
  const rows = await listApiConsultations();
  const polls = await pollsByConsultation(rows.map((r) => r.id));
  const consultations = rows.map((c) => ({
    id: c.id,
    slug: c.slug,
    kind: c.kind,
    status: c.status,
    title: c.title,
    summary: c.summary,
    url: `${origin}/c/${c.slug}`,
    joinUrl: `${origin}/j/${c.joinCode}`,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    expectedDecisionAt: c.expectedDecisionAt.toISOString(),
    polls: (polls.get(c.id) ?? []).map((p) => ({ id: p.id, url: `${origin}/p/${p.id}`, question: p.question })),
    shareCards: cardUrls("consultation", c.slug, origin),
  }));
  return Response.json(
    { consultations },
    { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } },
  );
}
