/**
 * Which channel brought people (?via=snapchat, instagram, facebook, qr, …), counted in aggregate
 * only: a counter per consultation or poll and channel. No visit is stored, nothing ties a count
 * to a person.
 */
import { prisma } from "~/utils/db.server.ts";

export const channels = ["snapchat", "instagram", "facebook", "tiktok", "qr", "email", "web", "other"] as const;
export type Channel = (typeof channels)[number];

/** A missing value means the web; an unknown one counts as other. */
export function normalizeChannel(via: string | null | undefined): Channel {
  if (!via) return "web";
  const value = via.trim().toLowerCase();
  return (channels as readonly string[]).includes(value) ? (value as Channel) : "other";
}

export async function countArrival(targetType: "consultation" | "poll", targetId: string, channel: Channel) {
  await prisma.channelCount.upsert({
    where: { targetType_targetId_channel: { targetType, targetId, channel } },
    create: { targetType, targetId, channel, count: 1 },
    update: { count: { increment: 1 } },
  });
}

/**
 * Counts an arrival from a page loader once: only for the page load itself (not the data requests
 * a live page makes afterwards) and only when the link said where it came from.
 */
export async function countArrivalFromRequest(request: Request, targetType: "consultation" | "poll", targetId: string) {
  const url = new URL(request.url);
  const via = url.searchParams.get("via");
  if (!via || url.pathname.endsWith(".data") || request.method !== "GET") return;
  await countArrival(targetType, targetId, normalizeChannel(via));
}

export async function channelCounts(targetType: "consultation" | "poll", targetId: string) {
  const rows = await prisma.channelCount.findMany({ where: { targetType, targetId }, select: { channel: true, count: true } });
  return Object.fromEntries(rows.map((r) => [r.channel, r.count])) as Partial<Record<Channel, number>>;
}
