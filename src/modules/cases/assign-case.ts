import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { hasAnyPermission, requireAnyPermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupAccount } from "../accounts/index.js";
import { AssignCaseInput } from "./contracts.js";
import { assertStatus, assertVersion, caseScopes, mustGetCase, recordEvent, type CaseRow } from "./case-rules.js";
import { cases } from "./tables.js";

/** Refuses an assignee who could not handle the case (an account without cases:handle over it). */
export async function checkAssignee(ctx: Ctx, c: CaseRow, accountId: string, path = "accountId"): Promise<string> {
  const a = await lookupAccount(ctx, accountId);
  const can = a ? await hasAnyPermission({ ...ctx, actor: { kind: "user", id: a.id, name: a.displayName, grants: a.grants } }, "cases:handle", caseScopes(c)) : false;
  if (!a || !can) throw new ValidationError([fieldError(path, "cases.assignee-cannot-handle", "ผู้รับมอบหมายต้องเป็นเจ้าหน้าที่ที่รับผิดชอบเรื่องนี้ได้", "The assignee must be staff who can handle this case")]);
  return a.displayName;
}

/** Gives the case to one person of the offices handling it (or takes it back: null); internal, audited. */
export async function assignOne(tx: Ctx, c: CaseRow, accountId: string | null): Promise<void> {
  await requireAnyPermission(tx, "cases:assign", caseScopes(c));
  assertStatus(c, ["received", "accepted", "in_progress", "reopened"], "assign");
  const name = accountId ? await checkAssignee(tx, c, accountId) : null;
  await tx.db.update(cases).set({ assigneeAccountId: accountId, version: c.version + 1, updatedAt: tx.now() }).where(eq(cases.id, c.id));
  await recordEvent(tx, c, { kind: "assigned", visibility: "internal", textTh: name ? `มอบหมายให้ ${name}` : "ยกเลิกการมอบหมาย", data: { accountId } });
  await writeAudit(tx, { action: "cases.case.assign", entityType: "case", entityId: c.id, provinceCode: c.provinceCode, before: { assigneeAccountId: c.assigneeAccountId }, after: { assigneeAccountId: accountId } });
}

/** Assigns a case to a person who can handle it. */
export async function assignCase({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }): Promise<{ id: string; assigneeAccountId: string | null; version: number }> {
  const { id, ...rest } = input;
  const i = parseInput(AssignCaseInput, rest);
  return withTransaction(ctx, async (tx) => {
    const c = await mustGetCase(tx, id, { lock: true });
    assertVersion(c, i.version);
    await assignOne(tx, c, i.accountId);
    return { id: c.id, assigneeAccountId: i.accountId, version: c.version + 1 };
  });
}
