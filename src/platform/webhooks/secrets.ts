import { and, eq, isNotNull, ne, or, sql } from "drizzle-orm";
import { writeAudit } from "../audit/audit.js";
import { withTransaction, type Ctx } from "../ctx.js";
import { open, seal, SecretUnreadableError } from "./secret-box.js";
import { webhookSettings } from "./settings.js";
import { webhookSubscriptions } from "./tables.js";

type Row = typeof webhookSubscriptions.$inferSelect;
type SecretColumns = Pick<Row, "secret" | "previousSecret" | "secretKeyId" | "secretCiphertext" | "secretNonce" | "secretTag" | "previousSecretCiphertext" | "previousSecretNonce" | "previousSecretTag">;

/** Binds a sealed secret to its subscription and slot: a ciphertext copied onto another row does not open. */
const aad = (subscriptionId: string, slot: "current" | "previous") => `webhook-subscription:${subscriptionId}:${slot}`;

/** The columns that store a subscription's secrets sealed under the current key (plaintext columns null). */
export function sealedSecretColumns(subscriptionId: string, secret: string, previous: string | null): SecretColumns {
  const ring = webhookSettings().secretKeys;
  const cur = seal(ring, secret, aad(subscriptionId, "current"));
  const prev = previous === null ? null : seal(ring, previous, aad(subscriptionId, "previous"));
  return {
    secret: null,
    previousSecret: null,
    secretKeyId: ring.current.id,
    secretCiphertext: cur.ciphertext,
    secretNonce: cur.nonce,
    secretTag: cur.tag,
    previousSecretCiphertext: prev?.ciphertext ?? null,
    previousSecretNonce: prev?.nonce ?? null,
    previousSecretTag: prev?.tag ?? null,
  };
}

/**
 * A subscription's secrets in clear (the current one and the rotated-out one, if kept): opened with the configured
 * keys, or read from the plaintext columns of a row not sealed yet. Throws SecretUnreadableError, never a wrong secret.
 */
export function openSubscriptionSecrets(row: Pick<Row, "id"> & SecretColumns): { secret: string; previous: string | null } {
  const ring = webhookSettings().secretKeys;
  const unsealed = (slot: "current" | "previous") => {
    const [ciphertext, nonce, tag] = slot === "current" ? [row.secretCiphertext, row.secretNonce, row.secretTag] : [row.previousSecretCiphertext, row.previousSecretNonce, row.previousSecretTag];
    return ciphertext && nonce && tag && row.secretKeyId ? open(ring, { ciphertext, nonce, tag, keyId: row.secretKeyId }, aad(row.id, slot)) : null;
  };
  const secret = unsealed("current") ?? row.secret;
  if (secret === null) throw new SecretUnreadableError("ไม่พบรหัสลับของเว็บฮุกนี้ในฐานข้อมูล", "This webhook subscription has no stored signing secret");
  return { secret, previous: unsealed("previous") ?? row.previousSecret };
}

/** Whether a row still holds plaintext, or is sealed under a key other than the current one. */
export function needsSealing(row: SecretColumns): boolean {
  return row.secret !== null || row.previousSecret !== null || row.secretKeyId !== webhookSettings().secretKeys.current.id;
}

/**
 * Seals one row's secrets under the current key, only if the row is still as read (a concurrent rotation or a
 * second process wins): the plaintext columns become null. Returns false when it changed meanwhile.
 */
async function sealRow(ctx: Ctx, row: Row): Promise<boolean> {
  const { secret, previous } = openSubscriptionSecrets(row);
  const sameAsRead = and(
    eq(webhookSubscriptions.id, row.id),
    eq(webhookSubscriptions.version, row.version),
    row.secretCiphertext === null ? sql`${webhookSubscriptions.secretCiphertext} is null` : eq(webhookSubscriptions.secretCiphertext, row.secretCiphertext),
  );
  // the version stays: sealing changes how the secret is stored, not the subscription its owner edits
  const done = await ctx.db.update(webhookSubscriptions).set(sealedSecretColumns(row.id, secret, previous)).where(sameAsRead).returning({ id: webhookSubscriptions.id });
  return done.length === 1;
}

/**
 * Seals a row that needs it, on first use (a delivery reading it), audited as the system's act. A row whose
 * secret cannot be opened is left as it is (the caller reports SecretUnreadableError).
 */
export async function sealOnUse(ctx: Ctx, row: Row): Promise<void> {
  if (!needsSealing(row)) return;
  await withTransaction(ctx, async (tx) => {
    const wasPlaintext = row.secret !== null;
    if (await sealRow(tx, row)) {
      await writeAudit(tx, { action: "webhooks.secrets.seal", entityType: "webhook-subscription", entityId: row.id, provinceCode: row.provinceCode, after: { trigger: "use", plaintext: wasPlaintext ? 1 : 0, resealed: wasPlaintext ? 0 : 1, keyId: webhookSettings().secretKeys.current.id } });
    }
  });
}

/**
 * The one-off step at start-up (webhooks module `start`): every subscription still in plaintext (rows from before
 * migration 0016) or under a previous key is sealed under the current key, one audit record for the run. Rows
 * whose secret no configured key opens are counted in `unreadable` and left alone (their deliveries fail with
 * `webhooks.secret-unreadable` until the old key is configured or the secret rotated).
 */
export async function sealStoredSecrets(ctx: Ctx): Promise<{ plaintext: number; resealed: number; unreadable: number }> {
  const current = webhookSettings().secretKeys.current.id;
  const rows = await ctx.db
    .select()
    .from(webhookSubscriptions)
    .where(or(isNotNull(webhookSubscriptions.secret), isNotNull(webhookSubscriptions.previousSecret), sql`${webhookSubscriptions.secretKeyId} is null`, ne(webhookSubscriptions.secretKeyId, current)));
  const out = { plaintext: 0, resealed: 0, unreadable: 0 };
  if (rows.length === 0) return out;
  return withTransaction(ctx, async (tx) => {
    for (const row of rows) {
      try {
        if (await sealRow(tx, row)) out[row.secret !== null ? "plaintext" : "resealed"]++;
      } catch (e) {
        if (!(e instanceof SecretUnreadableError)) throw e;
        out.unreadable++;
      }
    }
    if (out.plaintext + out.resealed > 0) await writeAudit(tx, { action: "webhooks.secrets.seal", entityType: "webhook-subscription", entityId: "all", after: { trigger: "start-up", ...out, keyId: current } });
    return out;
  });
}
