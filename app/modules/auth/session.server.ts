/**
 * Staff sessions: a random id in a signed, HttpOnly, SameSite=Lax cookie, and the session row in
 * the database, so logging out (or disabling a user) ends it everywhere at once.
 */
import { createCookie, redirect } from "@remix-run/node";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";

const sessionDays = 14;

function sessionCookie() {
  return createCookie("raadslag_session", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secrets: [getEnv().SESSION_SECRET],
    maxAge: sessionDays * 24 * 3600,
  });
}

/** Secure cookies whenever the request came over HTTPS (directly or through a proxy). */
function isHttps(request: Request) {
  return new URL(request.url).protocol === "https:";
}

export async function createStaffSession(userId: string, request: Request) {
  const session = await prisma.session.create({
    data: { userId, expiresAt: new Date(Date.now() + sessionDays * 24 * 3600 * 1000) },
    select: { id: true },
  });
  return sessionCookie().serialize(session.id, { secure: isHttps(request) });
}

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export type StaffUser = {
  id: string;
  name: string;
  email: string;
  role: string;
  title: string | null;
  municipalityId: string;
};

export async function getStaffUser(request: Request): Promise<StaffUser | null> {
  const id = await sessionIdFrom(request);
  if (!id) return null;
  const session = await prisma.session.findUnique({
    where: { id },
    select: {
      expiresAt: true,
      user: { select: { id: true, name: true, email: true, role: true, title: true, municipalityId: true, disabledAt: true } },
    },
  });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  const { disabledAt: _disabled, ...user } = session.user;
  return user;
}

export async function destroyStaffSession(request: Request) {
  const id = await sessionIdFrom(request);
  if (id) await prisma.session.deleteMany({ where: { id } });
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0), secure: isHttps(request) });
}

/** Sends a visitor without a session to the login page, and back here afterwards. */
export async function requireStaffUser(request: Request): Promise<StaffUser> {
  const user = await getStaffUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

/** Only same-site paths are followed after login, never another host. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/admin") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}
