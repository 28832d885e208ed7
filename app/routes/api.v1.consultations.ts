import type { LoaderFunctionArgs } from "@remix-run/node";
import { listApiConsultations } from "~/modules/consultations/consultations.server.ts";
import { publicOrigin } from "~/utils/env.server.ts";

/** Open data: every public consultation, for journalists, researchers and other sites. */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = publicOrigin(request);
  const rows = await listApiConsultations();
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
    // Filled by the polls and share-card capabilities when they exist.
    polls: [] as { id: string; url: string; question: string }[],
    shareCards: {} as Partial<Record<"story" | "post" | "og", string>>,
  }));
  return Response.json(
    { consultations },
    { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } },
  );
}
