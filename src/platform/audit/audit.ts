import { and, desc, eq, lt } from "drizzle-orm";
import type { Ctx } from "../ctx.js";
import { insertRows, type RowsWrite } from "../db/one-statement.js";
import { auditLog } from "./tables.js";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  provinceCode?: string | null;
  before?: unknown;
  after?: unknown;
};

export class AuditOutsideTransactionError extends Error {}

/** Writes the audit row; refuses to run outside a transaction so no change can exist without its record. */
export async function writeAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  if (!ctx.inTransaction) {
    throw new AuditOutsideTransactionError(`audit for ${entry.action} must be written inside the change's transaction`);
  }
  await ctx.db.insert(auditLog).values(auditRow(ctx, entry));
}

/**
 * The audit row as a part of a change sent to the database as one statement (executeAsOne), which is atomic
 * without an explicit transaction. Everything else uses writeAudit.
 */
export function auditWrite(ctx: Ctx, entry: AuditEntry): RowsWrite {
  return insertRows(auditLog, auditRow(ctx, entry));
}

function auditRow(ctx: Ctx, entry: AuditEntry): typeof auditLog.$inferInsert {
  return {
    at: ctx.now(),
    actorKind: ctx.actor.kind,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    provinceCode: entry.provinceCode ?? null,
    before: (entry.before ?? null) as never,
    after: (entry.after ?? null) as never,
    requestId: ctx.requestId,
  };
}

export type AuditRecord = {
  id: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string;
};

/** The history of one entity, newest first, paged by id. */
export async function readHistory(
  ctx: Ctx,
  entityType: string,
  entityId: string,
  opts: { limit: number; beforeId?: number },
): Promise<AuditRecord[]> {
  const where = opts.beforeId
    ? and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId), lt(auditLog.id, opts.beforeId))
    : and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId));
  return ctx.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorId,
      actorName: auditLog.actorName,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
    })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(opts.limit);
}
