/**
 * Short join codes for /j/CODE: typed from a poster or read aloud, so no look-alike characters
 * (0/O, 1/I/L) and case does not matter.
 */
import { randomInt } from "node:crypto";

export const joinCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const pattern = new RegExp(`^[${joinCodeAlphabet}]{3,12}$`);

export function normalizeJoinCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  return pattern.test(code) ? code : null;
}

export function generateJoinCode(length = 6): string {
  let code = "";
  for (let i = 0; i < length; i++) code += joinCodeAlphabet[randomInt(joinCodeAlphabet.length)];
  return code;
}
