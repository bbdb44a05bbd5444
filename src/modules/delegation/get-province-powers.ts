import { asc, isNull, or, eq } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { ProvincePowersInput, type ProvincePowers } from "./contracts.js";
import { loadNames, powerView } from "./presenters.js";
import { statusOn, todayOf, type Delegation } from "./rules.js";
import { delegations, powers } from "./tables.js";

/**
 * "What can the governor of P decide today": every power in the catalogue, whether a post of that role in the
 * province holds it on the date (its instrument and every instrument above it in force), its cap and end date.
 */
export async function getProvincePowers({ ctx, input }: { ctx: Ctx; input: z.input<typeof ProvincePowersInput> }): Promise<ProvincePowers> {
  const i = parseInput(ProvincePowersInput, input);
  await requirePermission(ctx, "delegation:read", NATION);
  const date = i.date ?? todayOf(ctx);
  const rows = await ctx.db.select().from(delegations).where(or(eq(delegations.provinceCode, i.provinceCode), isNull(delegations.provinceCode)));
  const catalogue = await ctx.db.select().from(powers).orderBy(asc(powers.code));
  const names = await loadNames(ctx, [], catalogue, [`province:${i.provinceCode}`]);
  const province = names.province(i.provinceCode);
  if (!province) throw new ValidationError([{ path: "provinceCode", code: "ref.unknown-area", messageTh: `ไม่พบจังหวัดรหัส ${i.provinceCode}`, messageEn: `Unknown province code ${i.provinceCode}` }]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const inForce = (d: Delegation): boolean => {
    for (let cur: Delegation | undefined = d; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
      if (statusOn(cur, date) !== "in-force") return false;
      if (cur.parentId && !byId.has(cur.parentId)) return false;
    }
    return true;
  };
  const best = new Map<string, Delegation>();
  for (const d of rows) {
    if (d.delegateRole !== i.role || d.districtCode !== null || !inForce(d)) continue;
    const cur = best.get(d.powerCode);
    // prefer the province's own instrument, then the one with the larger cap (none = unlimited), then the later end
    const rank = (x: Delegation) => [x.provinceCode ? 1 : 0, x.amountCap === null ? Infinity : Number(x.amountCap), x.effectiveTo ?? "9999"] as const;
    if (!cur || compare(rank(d), rank(cur)) > 0) best.set(d.powerCode, d);
  }
  const items = catalogue.map((p) => {
    const d = best.get(p.code);
    const v = powerView(p, names, 0);
    return {
      power: { code: v.code, area: v.area, nameTh: v.nameTh, nameEn: v.nameEn, legalBasisTh: v.legalBasisTh, legalBasisEn: v.legalBasisEn, centralOrgId: v.centralOrgId, centralOrgNameTh: v.centralOrgNameTh, centralOrgNameEn: v.centralOrgNameEn, isPermit: v.isPermit, verified: v.verified },
      decidedHere: Boolean(d),
      delegationId: d?.id ?? null,
      amountCap: d ? lowestCap(d, byId) : null,
      effectiveTo: d?.effectiveTo ?? null,
      instrumentNo: d?.instrumentNo ?? null,
      maySubdelegate: d?.maySubdelegate ?? false,
    };
  });
  const here = items.filter((x) => x.decidedHere).length;
  return { provinceCode: i.provinceCode, provinceNameTh: province.nameTh, provinceNameEn: province.nameEn, role: i.role, date, items, counts: { decidedHere: here, central: items.length - here } };
}

function compare(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! > b[k]! ? 1 : -1;
  return 0;
}

function lowestCap(d: Delegation, byId: Map<string, Delegation>): string | null {
  let cap: string | null = null;
  for (let cur: Delegation | undefined = d; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
    if (cur.amountCap !== null && (cap === null || Number(cur.amountCap) < Number(cap))) cap = cur.amountCap;
  }
  return cap;
}
