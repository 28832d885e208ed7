/**
 * Citizens take part without an account. A device is recognised by a random participant id in a
 * signed, HttpOnly cookie; it carries the pseudonym the citizen chose and nothing else about them.
 */
import { createCookie } from "@remix-run/node";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";

const cookieName = "raadslag_device";

function deviceCookie() {
  return createCookie(cookieName, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secrets: [getEnv().SESSION_SECRET],
    maxAge: 60 * 60 * 24 * 365,
  });
}

/** The participant id in a Cookie header, if it is there and correctly signed. */
export async function participantIdFromCookieHeader(cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return null;
  const value = await deviceCookie().parse(cookieHeader);
  return typeof value === "string" && /^[a-z0-9]{20,40}$/.test(value) ? value : null;
}

export async function getParticipant(request: Request) {
  const id = await participantIdFromCookieHeader(request.headers.get("Cookie"));
  if (!id) return null;
  return prisma.participant.findUnique({
    where: { id },
    select: { id: true, displayName: true, blockedAt: true },
  });
}

/**
 * The device's participant, created on its first contribution. `setCookie` is non-null when the
 * response must carry a new cookie.
 */
export async function ensureParticipant(request: Request) {
  const existing = await getParticipant(request);
  if (existing) return { participant: existing, setCookie: null };
  const participant = await prisma.participant.create({ select: { id: true, displayName: true, blockedAt: true } });
  const secure = new URL(request.url).protocol === "https:";
  return { participant, setCookie: await deviceCookie().serialize(participant.id, { secure }) };
}
