import { createHmac, randomBytes } from "node:crypto";

/** Standard Webhooks secrets are `whsec_` + base64 of the key bytes; 32 random bytes (the spec asks 24–64). */
export const SECRET_PREFIX = "whsec_";

/** A new signing secret, e.g. whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw… (shown once to whoever registers). */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

/** The HMAC key of a secret: the bytes after the `whsec_` prefix, base64-decoded. */
function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** One `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` entry. */
export function signV1(secret: string, id: string, timestamp: number, body: string): string {
  return "v1," + createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64");
}

/**
 * The three Standard Webhooks headers for one request. Every secret given signs (current first, then one in
 * rotation), space-separated in `webhook-signature`, so a receiver with either secret can verify.
 */
export function signedHeaders(secrets: readonly string[], id: string, timestamp: number, body: string): Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((s) => signV1(s, id, timestamp, body)).join(" "),
  };
}
