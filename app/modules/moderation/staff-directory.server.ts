/**
 * The staff directory that screening protects: employees must not be hung out by name in a public
 * debate. Politicians are public figures and are not on it.
 */
import { prisma } from "~/utils/db.server.ts";

export async function employeeNames(municipalityId: string): Promise<string[]> {
  const staff = await prisma.user.findMany({
    where: { municipalityId, role: { in: ["admin", "editor", "moderator"] } },
    select: { name: true },
  });
  return staff.map((s) => s.name);
}
