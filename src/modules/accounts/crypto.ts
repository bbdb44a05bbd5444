import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/** argon2id with the library's defaults (m=19 MiB, t=2), the OWASP minimum for argon2id. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Tokens and keys are stored only as SHA-256 hashes: a database leak does not leak sessions. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

let dummy: Promise<string> | undefined;
/** Verifies against a throwaway hash so unknown usernames take as long as wrong passwords. */
export async function burnVerify(password: string): Promise<void> {
  dummy ??= hashPassword("not-a-real-password-" + randomToken(8));
  await verifyPassword(await dummy, password);
}
