import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import type { z } from "zod";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { listProvinceCodes } from "../registry/index.js";
import { RebuildInput } from "./contracts.js";
import { refreshRollups, type RefreshResult } from "./refresh-rollups.js";

/**
 * An administrator rebuilds every roll-up now (after a bulk import that bypassed the triggers, or to check the
 * job): the same work as the refresh job, recorded in the audit log with its figures.
 */
export async function rebuildRollups({ ctx, input }: { ctx: Ctx; input?: z.input<typeof RebuildInput> }): Promise<RefreshResult> {
  await requirePermission(ctx, "oversight:refresh", NATION);
  const i = parseInput(RebuildInput, input ?? {});
  const known = new Set(await listProvinceCodes(ctx));
  const unknown = (i.provinces ?? []).findIndex((p) => !known.has(p));
  if (unknown >= 0) throw new ValidationError([{ path: `provinces.${unknown}`, code: "ref.unknown-area", messageTh: `ไม่พบจังหวัดรหัส ${i.provinces![unknown]}`, messageEn: `Unknown province code ${i.provinces![unknown]}` }]);
  return withTransaction(ctx, async (tx) => {
    const r = await refreshRollups({ ctx: tx, input: { provinces: i.provinces, families: i.families } });
    await writeAudit(tx, { action: "oversight.rollups.rebuild", entityType: "oversight", entityId: "rollups", provinceCode: i.provinces?.length === 1 ? i.provinces[0]! : null, after: { ...r, families: i.families ?? "all", provinces: i.provinces ?? "all" } });
    return r;
  });
}
