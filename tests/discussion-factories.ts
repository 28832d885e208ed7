import { prisma } from "~/utils/db.server.ts";
import type { Poster } from "~/modules/discussion/discussion.server.ts";

let n = 0;

export async function citizen(displayName = "Borger"): Promise<Poster & { kind: "citizen" }> {
  const p = await prisma.participant.create({ data: { displayName } });
  return { kind: "citizen", participantId: p.id, blocked: false };
}

export function commentForm(overrides: Record<string, string> = {}) {
  n++;
  return {
    body: "Jeg synes, cykelstien er en god idé, men der mangler lys ved skolen.",
    displayName: "Cyklende forælder",
    acceptRules: "on",
    clientId: `test-client-${n}-${Date.now()}`,
    ...overrides,
  };
}
