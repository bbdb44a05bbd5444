import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors.js";

/**
 * Signing secrets at rest: AES-256-GCM under a deployment key (WEBHOOKS_SECRET_KEY). HMAC signing needs the
 * secret itself, so it is sealed (not hashed); a copy of the database alone no longer lets anyone forge events.
 */

/** A 32-byte AES key and its id (a fingerprint stored beside each sealed secret, so a wrong key is named, not guessed). */
export type SecretKey = { id: string; key: Buffer };

/** The current key seals; previous keys (WEBHOOKS_SECRET_KEY_PREVIOUS, during a key change) only open. */
export type SecretKeyring = { current: SecretKey; previous: readonly SecretKey[] };

/** One sealed secret as stored: base64 ciphertext, 12-byte nonce and 16-byte GCM tag, and the key's id. */
export type Sealed = { ciphertext: string; nonce: string; tag: string; keyId: string };

/** The stable code of every failure to open a sealed secret (the delivery log shows it). */
export const SECRET_UNREADABLE = "webhooks.secret-unreadable";

/** A sealed secret that cannot be opened: a key that is not configured, or a ciphertext that fails its tag. */
export class SecretUnreadableError extends AppError {
  constructor(th: string, en: string) {
    super(SECRET_UNREADABLE, 503, th, en);
  }
}

/** The id of a key: the first 16 hex digits of a domain-separated SHA-256 (reveals nothing usable about the key). */
export function secretKeyId(key: Buffer): string {
  return createHash("sha256").update("changwat webhooks secret key\0").update(key).digest("hex").slice(0, 16);
}

/** A key from its 32 bytes. */
export function secretKey(key: Buffer): SecretKey {
  if (key.length !== 32) throw new Error(`a webhooks secret key is 32 bytes, not ${key.length}`);
  return { id: secretKeyId(key), key };
}

/**
 * Decodes a configured key: 64 hex digits or base64 / base64url of exactly 32 bytes; null for anything else
 * (env.ts turns that into a start-up error).
 */
export function parseSecretKey(raw: string): Buffer | null {
  const s = raw.trim();
  if (/^[0-9a-f]{64}$/i.test(s)) return Buffer.from(s, "hex");
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) return null;
  const b = Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return b.length === 32 ? b : null;
}

/**
 * The key used when none is configured (tests, tools that open the database): fixed and public, so never for real
 * secrets. The server always configures WEBHOOKS_SECRET_KEY or the data folder's key file (server/main.ts).
 */
export const DEVELOPMENT_KEY: SecretKey = secretKey(createHash("sha256").update("changwat development-only webhooks key: never in production").digest());

/** Name of the generated key file kept in DATA_DIR beside PGlite's `pg/` folder (demo and development). */
export const KEY_FILE_NAME = "webhooks-secret.key";

/**
 * The data folder's key (demo and development without WEBHOOKS_SECRET_KEY): read from `<dataDir>/webhooks-secret.key`,
 * or created there once (32 random bytes, base64, mode 0600). Exclusive creation: two processes racing get one key.
 */
export function dataDirKey(dataDir: string): Buffer {
  const file = path.join(path.resolve(dataDir), KEY_FILE_NAME);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  // a file copied in with looser rights is tightened: it opens every subscription's secret
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const key = parseSecretKey(fs.readFileSync(file, "utf8"));
  if (!key) throw new Error(`${file} does not hold a 32-byte key (base64 or hex); remove it to have a new one made (stored webhook secrets then need a rotation)`);
  return key;
}

/** Seals a secret under the keyring's current key; `aad` binds it to its row and slot, so it cannot be moved to another. */
export function seal(ring: SecretKeyring, plaintext: string, aad: string): Sealed {
  const nonce = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", ring.current.key, nonce);
  c.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([c.update(plaintext, "utf8"), c.final()]);
  return { ciphertext: ciphertext.toString("base64"), nonce: nonce.toString("base64"), tag: c.getAuthTag().toString("base64"), keyId: ring.current.id };
}

/** Opens a sealed secret with whichever configured key has its id; a missing key or a failed tag is a SecretUnreadableError. */
export function open(ring: SecretKeyring, s: Sealed, aad: string): string {
  const key = [ring.current, ...ring.previous].find((k) => k.id === s.keyId);
  if (!key) {
    throw new SecretUnreadableError(
      `อ่านรหัสลับของเว็บฮุกไม่ได้: ถูกเข้ารหัสด้วยกุญแจ ${s.keyId} ซึ่งไม่ใช่ WEBHOOKS_SECRET_KEY ที่ตั้งไว้ (${ring.current.id}) ให้ตั้งกุญแจเดิมเป็น WEBHOOKS_SECRET_KEY_PREVIOUS หรือออกรหัสลับใหม่`,
      `The webhook signing secret cannot be read: it is sealed under key ${s.keyId}, not the configured WEBHOOKS_SECRET_KEY (${ring.current.id}). Set the old key as WEBHOOKS_SECRET_KEY_PREVIOUS, or rotate the secret.`,
    );
  }
  try {
    const d = createDecipheriv("aes-256-gcm", key.key, Buffer.from(s.nonce, "base64"));
    d.setAAD(Buffer.from(aad, "utf8"));
    d.setAuthTag(Buffer.from(s.tag, "base64"));
    return Buffer.concat([d.update(Buffer.from(s.ciphertext, "base64")), d.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadableError(
      `อ่านรหัสลับของเว็บฮุกไม่ได้: ข้อมูลที่เข้ารหัสไว้ไม่ผ่านการตรวจสอบกับกุญแจ ${key.id} (ถูกแก้ไขหรือเสียหาย) ให้ออกรหัสลับใหม่`,
      `The webhook signing secret cannot be read: its ciphertext fails authentication under key ${key.id} (altered or corrupt). Rotate the secret.`,
    );
  }
}
