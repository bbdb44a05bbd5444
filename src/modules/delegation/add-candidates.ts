import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError, type FieldError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganizations } from "../registry/index.js";
import { AddCandidatesInput, type CommitteeDetail } from "./contracts-personnel.js";
import { committeeDetail, mustGetCommittee, RECRUITMENT_SCOPE } from "./personnel-rules.js";
import { delegationRule } from "./rules.js";
import { recruitmentCandidates, recruitmentCommittees } from "./tables.js";

const MAX_CANDIDATES = 100;
const key = (name: string) => name.replace(/\s+/g, " ").trim().toLowerCase();

/** Adds candidates to a recruitment committee (until the selection is decided); they are unscored until the next assessment. */
export async function addCandidates({ ctx, input }: { ctx: Ctx; input: z.input<typeof AddCandidatesInput> & { committeeId: string } }): Promise<CommitteeDetail> {
  const i = parseInput(AddCandidatesInput, input);
  return withTransaction(ctx, async (tx) => {
    await requirePermission(tx, "delegation:recruitment.write", RECRUITMENT_SCOPE);
    const c = await mustGetCommittee(tx, input.committeeId, true);
    if (c.kind !== "recruitment") throw delegationRule("delegation.committee.not-recruitment", "ผู้สมัครยื่นต่อคณะกรรมการสรรหา ไม่ใช่คณะกรรมการคัดเลือก", "Candidates go before the recruitment committee, not the selection committee");
    if (c.status === "decided") throw new ConflictError("delegation.committee.decided", "การคัดเลือกมีผลแล้ว แก้ไขรายชื่อผู้สมัครไม่ได้", "The selection is decided: the candidates can no longer change");
    const existing = await tx.db.select().from(recruitmentCandidates).where(eq(recruitmentCandidates.committeeId, c.id));
    if (existing.length + i.candidates.length > MAX_CANDIDATES) throw delegationRule("delegation.committee.too-many-candidates", `ผู้สมัครได้ไม่เกิน ${MAX_CANDIDATES} คนต่อคณะกรรมการ`, `At most ${MAX_CANDIDATES} candidates per committee`);
    const seen = new Set(existing.map((x) => key(x.name)));
    const dup: FieldError[] = [];
    i.candidates.forEach((x, k) => {
      if (seen.has(key(x.name))) dup.push({ path: `candidates.${k}.name`, code: "delegation.committee.duplicate-candidate", messageTh: `${x.name} เป็นผู้สมัครอยู่แล้ว`, messageEn: `${x.name} is already a candidate` });
      seen.add(key(x.name));
    });
    if (dup.length) throw new ValidationError(dup);
    const orgs = await lookupOrganizations(tx, i.candidates.map((x) => x.currentOrgId).filter((o): o is string => !!o));
    const unknown: FieldError[] = [];
    i.candidates.forEach((x, k) => {
      if (x.currentOrgId && !orgs.has(x.currentOrgId)) unknown.push({ path: `candidates.${k}.currentOrgId`, code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${x.currentOrgId}`, messageEn: `Unknown organisation ${x.currentOrgId}` });
    });
    if (unknown.length) throw new ValidationError(unknown);
    const ord0 = existing.reduce((m, x) => Math.max(m, x.ord), 0);
    const rows = i.candidates.map((x, k) => ({ id: newId(), committeeId: c.id, ord: ord0 + k + 1, name: x.name, currentPositionTh: x.currentPositionTh, currentOrgId: x.currentOrgId ?? null, createdAt: tx.now() }));
    await tx.db.insert(recruitmentCandidates).values(rows);
    await tx.db.update(recruitmentCommittees).set({ updatedAt: tx.now() }).where(eq(recruitmentCommittees.id, c.id));
    await writeAudit(tx, { action: "delegation.committee.candidates.add", entityType: "recruitment-committee", entityId: c.id, provinceCode: c.provinceCode, after: { added: rows.map((r) => ({ id: r.id, currentPositionTh: r.currentPositionTh })), candidateCount: existing.length + rows.length } });
    return committeeDetail(tx, c, true);
  });
}
