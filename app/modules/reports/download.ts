/**
 * What a downloaded file is called and how its times read in a spreadsheet. Pure, so it is tested
 * without a server.
 */
import { municipalTimeZone } from "~/utils/time.ts";

// Characters that no file system or browser accepts in a name, and control characters.
const unsafeInFileName = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/** A file name from its parts, e.g. "Høringssvar - Ny cykelsti - 2026-05-01.csv"; long titles are cut. */
export function exportFileName(parts: string[], extension: string) {
  const base = parts
    .map((p) => p.replace(unsafeInFileName, " ").replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((p) => (p.length > 80 ? `${p.slice(0, 79).trimEnd()}…` : p))
    .join(" - ");
  return `${base || "export"}.${extension}`;
}

const danishLetters: Record<string, string> = { æ: "ae", ø: "oe", å: "aa", Æ: "Ae", Ø: "Oe", Å: "Aa", "…": "" };

/** The name for browsers that only read `filename=`: Danish letters spelt out, other marks dropped. */
export function asciiFileName(name: string) {
  return (
    name
      .replace(/[æøåÆØÅ…]/g, (c) => danishLetters[c])
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9 ._-]+/g, "")
      .replace(/\s+/g, " ")
      .trim() || "export"
  );
}

/**
 * Content-Disposition for a download: an ASCII `filename` for old clients and the real name as
 * `filename*` (RFC 6266 / RFC 8187), so the Danish title arrives intact.
 */
export function attachmentDisposition(name: string) {
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encoded}`;
}

const spreadsheetFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: municipalTimeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * A time in Danish time as "2026-05-01 14:03:22": every spreadsheet reads it as a date and time,
 * whatever its language, and it sorts as text too.
 */
export function spreadsheetDateTime(date: Date | string | null | undefined) {
  return date ? spreadsheetFormat.format(new Date(date)) : "";
}

/** Today's date in Denmark, for file names. */
export function danishDate(now = new Date()) {
  return spreadsheetDateTime(now).slice(0, 10);
}
