/**
 * Dates are shown in Danish time whatever the server's or the browser's zone, so the server render
 * and the browser agree, and "closes at 12:00" means 12:00 in the municipality.
 */
import { intlLocale, type Language } from "~/i18n/config.ts";

export const municipalTimeZone = "Europe/Copenhagen";

export function formatDate(date: Date | string, lng: Language, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  return new Intl.DateTimeFormat(intlLocale[lng], { timeZone: municipalTimeZone, ...options }).format(new Date(date));
}

export function formatDateTime(date: Date | string, lng: Language) {
  return formatDate(date, lng, { dateStyle: "long", timeStyle: "short" });
}

export function formatNumber(value: number, lng: Language) {
  return new Intl.NumberFormat(intlLocale[lng]).format(value);
}

/** Minutes that the zone is ahead of UTC at the given instant (60 or 120 for Denmark). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - instant.getTime()) / 60000);
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Reads a `datetime-local` value as wall-clock time in Denmark; null when it is not one. */
export function parseLocalDateTime(value: string, timeZone = municipalTimeZone): Date | null {
  const m = localPattern.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  // Two passes settle the offset across a daylight-saving change.
  let instant = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60000;
  instant = wall - zoneOffsetMinutes(new Date(instant), timeZone) * 60000;
  return new Date(instant);
}

/** The value for a `datetime-local` input showing the instant in Danish time. */
export function toLocalDateTimeInput(date: Date | string, timeZone = municipalTimeZone): string {
  const instant = new Date(date);
  const local = new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60000);
  return local.toISOString().slice(0, 16);
}
