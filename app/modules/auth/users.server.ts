/** Staff accounts: logging in, the first admin, and the admin's management of users. */
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { fieldErrors, type CommandResult } from "~/utils/command.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";
import { loginInput, newStaffUserInput, staffUserUpdateInput } from "./user.schema.ts";

export async function authenticate(formData: Record<string, unknown>): Promise<CommandResult<{ id: string }>> {
  const parsed = loginInput.safeParse(formData);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const user = await prisma.user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
  if (!user || !valid || user.disabledAt) return { ok: false, errors: { form: "login.invalid" } };
  return { ok: true, value: { id: user.id } };
}

export async function listStaffUsers(municipalityId: string) {
  return prisma.user.findMany({
    where: { municipalityId },
    select: { id: true, email: true, name: true, role: true, title: true, disabledAt: true, createdAt: true },
    orderBy: [{ disabledAt: "asc" }, { name: "asc" }],
  });
}

export async function createStaffUser(
  formData: Record<string, unknown>,
  municipalityId: string,
): Promise<CommandResult<{ id: string }>> {
  const parsed = newStaffUserInput.safeParse(formData);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { password, ...data } = parsed.data;
  try {
    const user = await prisma.user.create({
      data: { ...data, municipalityId, passwordHash: await hashPassword(password) },
      select: { id: true },
    });
    return { ok: true, value: user };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, errors: { email: "validation.emailTaken" } };
    }
    throw error;
  }
}

export async function updateStaffUser(
  id: string,
  formData: Record<string, unknown>,
  actor: { id: string; municipalityId: string },
): Promise<CommandResult<{ id: string }>> {
  const parsed = staffUserUpdateInput.safeParse(formData);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const target = await prisma.user.findFirst({
    where: { id, municipalityId: actor.municipalityId },
    select: { id: true, role: true, disabledAt: true },
  });
  if (!target) return { ok: false, errors: { form: "validation.notFound" } };
  const { active, ...data } = parsed.data;
  // An admin cannot lock themselves out, and the last active admin cannot be demoted or disabled.
  if (id === actor.id && (!active || data.role !== "admin")) {
    return { ok: false, errors: { form: "validation.cannotDemoteSelf" } };
  }
  if (target.role === "admin" && (!active || data.role !== "admin")) {
    const admins = await prisma.user.count({ where: { municipalityId: actor.municipalityId, role: "admin", disabledAt: null } });
    if (admins <= 1) return { ok: false, errors: { form: "validation.lastAdmin" } };
  }
  await prisma.$transaction([
    prisma.user.update({
      where: { id },
      data: { ...data, disabledAt: active ? null : (target.disabledAt ?? new Date()) },
    }),
    // A disabled or re-roled user starts again from the login page.
    ...(active && data.role === target.role ? [] : [prisma.session.deleteMany({ where: { userId: id } })]),
  ]);
  return { ok: true, value: { id } };
}

/** The first admin, from SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD, when no active admin exists. */
export async function ensureAdmin(municipalityId: string, email: string, password: string) {
  const admins = await prisma.user.count({ where: { role: "admin", disabledAt: null } });
  if (admins > 0) return false;
  const passwordHash = await hashPassword(password);
  await prisma.user.upsert({
    where: { email: email.toLowerCase() },
    update: { role: "admin", disabledAt: null, passwordHash },
    create: { email: email.toLowerCase(), name: "Administrator", role: "admin", municipalityId, passwordHash },
  });
  return true;
}
