/**
 * Receipt numbers for hearing responses: the author's proof that the response arrived, e.g.
 * HS-2026-4KQ7M2. Read aloud on the phone to the administration or typed from a printout, so they
 * use the join codes' alphabet without look-alike characters, and the year of arrival in Danish time.
 */
import { randomInt } from "node:crypto";
import { joinCodeAlphabet } from "~/modules/consultations/join-code.ts";
import { municipalTimeZone } from "~/utils/time.ts";

const codeLength = 6;
const pattern = new RegExp(`^HS-\\d{4}-[${joinCodeAlphabet}]{${codeLength}}$`);

const yearFormat = new Intl.DateTimeFormat("en", { timeZone: municipalTimeZone, year: "numeric" });

/** The year as the municipality counts it: a response at 00:30 on 1 January belongs to the new year. */
function municipalYear(at: Date) {
  return yearFormat.format(at);
}

/** A fresh receipt number. Uniqueness is the database's job: the caller draws again on a collision. */
export function generateReceiptNumber(at = new Date()): string {
  let code = "";
  for (let i = 0; i < codeLength; i++) code += joinCodeAlphabet[randomInt(joinCodeAlphabet.length)];
  return `HS-${municipalYear(at)}-${code}`;
}

/** A receipt number as typed or taken from a URL, in its stored form; null when it cannot be one. */
export function normalizeReceiptNumber(input: string): string | null {
  const candidate = input.trim().toUpperCase();
  return pattern.test(candidate) ? candidate : null;
}

export function isReceiptNumber(value: string): boolean {
  return pattern.test(value);
}
