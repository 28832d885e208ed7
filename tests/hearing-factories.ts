/** Builders for hearing response tests: what the public form would post, and attachments. */
import { prisma } from "~/utils/db.server.ts";

let counter = 0;

/** A minimal but real PDF: the content check looks at the bytes, not the name. */
export const pdfBytes = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

export function pdfFile(name = "bilag.pdf") {
  return new File([pdfBytes], name, { type: "application/pdf" });
}

/** What the form posts for a valid response; override any field. */
export function validResponseForm(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    name: "Karen Strandgaard",
    email: `karen${counter}@eksempel.dk`,
    organisation: "",
    body: `Jeg cykler på Strandvejen hver dag, og en cykelsti vil gøre turen meget tryggere. (${counter})`,
    publication: "named",
    attachment: null as File | null,
    ...overrides,
  };
}

/**
 * A staff member with a realistic name, for screening: no password, because these users never log
 * in, and hashing one would only slow the tests down.
 */
export async function createNamedStaff(municipalityId: string, name: string, role: string) {
  counter++;
  return prisma.user.create({
    data: { municipalityId, role, name, email: `named${counter}-${Date.now()}@testby.dk`, passwordHash: "not-a-hash" },
  });
}
