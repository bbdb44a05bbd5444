import { sql } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { parseScopeKey, type ScopeRef } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { rowsOf } from "../../platform/db/rows.js";
import { parseInput } from "../../platform/validation.js";
import { RevokeDelegationInput, type DelegationView } from "./contracts.js";
import { delegationView, loadNames } from "./presenters.js";
import { delegateScope, delegationRule, mustGetDelegation, mustGetPower, todayOf, type Delegation } from "./rules.js";

/** Where the issuer of an instrument sits: its revoker must hold `delegation:instrument.write` there. */
export async function issuerScopeOf(ctx: Ctx, d: Delegation): Promise<ScopeRef> {
  if (d.parentId === null) return { kind: "org", id: d.delegatorOrgId! };
  const parent = await mustGetDelegation(ctx, d.parentId);
  const at = parent.provinceCode === null && d.provinceCode ? { ...parent, provinceCode: d.provinceCode } : parent;
  return parseScopeKey(delegateScope(at))!;
}

/**
 * Revokes an instrument from a date: it and every onward delegation beneath it stop being in force from then
 * (the cascade runs in the same transaction and each instrument it reaches gets its own audit record).
 */
export async function revokeDelegation({ ctx, input }: { ctx: Ctx; input: z.input<typeof RevokeDelegationInput> & { delegationId: string } }): Promise<DelegationView & { cascaded: string[] }> {
  const i = parseInput(RevokeDelegationInput, input);
  return withTransaction(ctx, async (tx) => {
    const d = await mustGetDelegation(tx, input.delegationId, true);
    await requirePermission(tx, "delegation:instrument.write", await issuerScopeOf(tx, d));
    const from = i.revokedFrom ?? todayOf(tx);
    if (d.revokedFrom !== null && d.revokedFrom <= from) {
      throw delegationRule("delegation.instrument.already-revoked", `คำสั่งนี้ถูกยกเลิกแล้วตั้งแต่ ${d.revokedFrom}`, `This instrument is already revoked from ${d.revokedFrom}`, { status: 409 });
    }
    const now = tx.now();
    // the instrument and its whole subtree, stopping at branches already revoked earlier
    const hit = rowsOf<{ id: string; province_code: string | null }>(
      await tx.db.execute(sql`
        with recursive tree as (
          select id from delegations where id = ${d.id}
          union all
          select c.id from delegations c join tree t on c.parent_id = t.id
        )
        update delegations set
          revoked_from = ${from}, revoked_at = ${now.toISOString()}, revoke_reason_th = ${i.reasonTh},
          cascaded_from_id = case when id = ${d.id} then null else ${d.id} end, updated_at = ${now.toISOString()}
        where id in (select id from tree) and (revoked_from is null or revoked_from > ${from})
        returning id, province_code`),
    );
    const power = await mustGetPower(tx, d.powerCode);
    const after = await mustGetDelegation(tx, d.id);
    const names = await loadNames(tx, [after], [power]);
    const view = delegationView(after, power, names, todayOf(tx));
    const reached = hit.filter((r) => r.id !== d.id).sort((a, b) => a.id.localeCompare(b.id));
    const cascaded = reached.map((r) => r.id);
    await writeAudit(tx, { action: "delegation.instrument.revoke", entityType: "delegation", entityId: d.id, provinceCode: d.provinceCode, before: { revokedFrom: d.revokedFrom }, after: { revokedFrom: from, reasonTh: i.reasonTh, cascaded } });
    await emitEvent(tx, { type: "delegation.revoked", provinceCode: d.provinceCode, entityType: "delegation", entityId: d.id, isDemo: d.isDemo, data: { delegation: { id: d.id, powerCode: d.powerCode, delegateRole: d.delegateRole, delegateOrgId: d.delegateOrgId, provinceCode: d.provinceCode, districtCode: d.districtCode, instrumentNo: d.instrumentNo }, revokedFrom: from, cascaded } });
    for (const r of reached) {
      await writeAudit(tx, { action: "delegation.instrument.revoke-cascade", entityType: "delegation", entityId: r.id, provinceCode: r.province_code, after: { revokedFrom: from, cascadedFromId: d.id } });
    }
    return { ...view, cascaded };
  });
}
