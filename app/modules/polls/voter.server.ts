/**
 * The one-vote rule's identity: a random token in a signed, HttpOnly cookie. Ballots store only a
 * keyed hash of (poll, token), so two ballots of one device on two polls cannot be linked, and a
 * ballot cannot be traced back to the cookie without the server's secret.
 */
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import { getEnv } from "~/utils/env.server.ts";

function voterCookie() {
  return createCookie("raadslag_voter", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secrets: [getEnv().SESSION_SECRET],
    maxAge: 60 * 60 * 24 * 365,
  });
}

export async function getVoter(request: Request) {
  return voterFromCookieHeader(request.headers.get("Cookie"), new URL(request.url).protocol === "https:");
}

/** The voter of a Cookie header; a new token (and the cookie to set) when there is none. */
export async function voterFromCookieHeader(cookieHeader: string | null | undefined, secure: boolean) {
  const value = await voterCookie().parse(cookieHeader ?? null);
  if (typeof value === "string" && /^[A-Za-z0-9_-]{22,64}$/.test(value)) return { token: value, setCookie: null };
  const token = crypto.randomBytes(18).toString("base64url");
  return { token, setCookie: await voterCookie().serialize(token, { secure }) };
}

export function voterHash(pollId: string, token: string) {
  return crypto.createHmac("sha256", getEnv().SESSION_SECRET).update(`${pollId}:${token}`).digest("base64url");
}
