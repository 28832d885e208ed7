/** Password hashing with Argon2id (OWASP's first choice), through a prebuilt native module. */
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string) {
  return hash(password);
}

// Verifying against a real hash when the account does not exist keeps the answer time the same,
// so the login form does not reveal which e-mail addresses have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string) {
  if (!passwordHash) {
    await verify(await (dummyHash ??= hash("not-a-real-password")), password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
