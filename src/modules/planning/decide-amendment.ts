import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { bangkokDateOf } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { DecideAmendmentInput, type AmendmentView } from "./contracts-projects.js";
import { amendmentAuthority, applyAmendment, deciderOf, mustGetAmendment } from "./amendment-rules.js";
import { amendmentView } from "./project-presenters.js";
import { mustGetProject } from "./project-rules.js";
import { projectAmendments } from "./tables.js";

/**
 * Decides a waiting amendment. In the province: only a post the authority check names today (governor / vice
 * governor) — if no instrument applies any more, 409 (ask again: it will go central). Central: an officer of the
 * central organisation the answer named (`planning:amendment.decide-central` over that organisation).
 */
export async function decideAmendment({ ctx, input }: { ctx: Ctx; input: DecideAmendmentInput & { id: string } }): Promise<AmendmentView> {
  const i = parseInput(DecideAmendmentInput, input);
  return withTransaction(ctx, async (tx) => {
    const a = await mustGetAmendment(tx, input.id, true);
    const p = await mustGetProject(tx, a.projectId, true);
    const today = bangkokDateOf(tx.now());
    let delegationId: string | null = a.delegationId;
    let authority = a.authority;
    if (a.status === "pending_province") {
      const now = await amendmentAuthority(tx, a.provinceCode!, Number(a.amount), today);
      if (now.decision === "central") throw new ConflictError("planning.amendment-authority-lapsed", `วันนี้ไม่มีคำสั่งมอบอำนาจที่ใช้กับคำขอนี้แล้ว ต้องขอใหม่เพื่อส่ง${now.central.authorityTh}`, `No delegation instrument applies today: request again so that it goes to ${now.central.authorityEn}`);
      const d = await deciderOf(tx, now, a.provinceCode!);
      if (!d) {
        if (tx.actor.kind === "anonymous") throw new UnauthorizedError();
        throw new ForbiddenError("planning:project.amend");
      }
      delegationId = d.delegationId;
      authority = now;
    } else if (a.status === "pending_central") {
      await requirePermission(tx, "planning:amendment.decide-central", { kind: "org", id: a.centralOrgId! });
    } else {
      throw new ConflictError("planning.amendment-decided", "คำขอนี้พิจารณาแล้ว", "The amendment is already decided", { status: a.status });
    }
    const status = i.decision === "approve" ? "approved" : "rejected";
    const who = tx.actor.name ?? tx.actor.id ?? tx.actor.kind;
    const [saved] = await tx.db.update(projectAmendments).set({ status, delegationId, authority, decidedBy: who, decidedOn: today, decisionNoteTh: i.noteTh ?? "", updatedAt: tx.now() }).where(eq(projectAmendments.id, a.id)).returning();
    if (status === "approved") await applyAmendment(tx, p, a.changes as Record<string, { before: unknown; after: unknown }>);
    await writeAudit(tx, { action: "planning.amendment.decide", entityType: "project", entityId: p.id, provinceCode: p.provinceCode, before: { amendmentId: a.id, status: a.status, version: p.version }, after: { amendmentId: a.id, status, route: a.route, delegationId, decidedBy: who, noteTh: i.noteTh ?? "" } });
    return amendmentView(saved!);
  });
}
