import { hasPermission, requirePermission, scopesFor } from "../../platform/auth/permissions.js";
import { NATION, parseScopeKey, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { lookupArea, lookupOrganization, provinceFrame, type ProvinceFrameRow } from "../registry/index.js";
import type { DashboardScope } from "./contracts.js";

/**
 * What a dashboard scope reads: the provinces of an area (null = all), or a function across provinces (a ministry's
 * or department's rows), or one office (its rows in its province).
 */
export type ResolvedScope = {
  view: DashboardScope;
  ref: ScopeRef;
  provinces: string[] | null;
  fn: { kind: "ministry" | "department" | "office"; id: string } | null;
  frame: ProvinceFrameRow[];
};

const badScope = (key: string) =>
  new ValidationError([{ path: "scope", code: "oversight.unknown-scope", messageTh: `ไม่มีขอบเขต ${key} ที่แสดงแดชบอร์ดได้ (ทั้งประเทศ ภาค กลุ่มจังหวัด จังหวัด กระทรวง กรม หรือหน่วยงาน)`, messageEn: `No dashboard for scope ${key} (the nation, a region, cluster or province, a ministry, department or office)` }]);

/** Turns a scope key into what to read, checking that the actor may read it (403 otherwise, 400 for a scope that is not one). */
export async function resolveScope(ctx: Ctx, key: string): Promise<ResolvedScope> {
  const ref = parseScopeKey(key);
  if (!ref) throw badScope(key);
  await requirePermission(ctx, "oversight:read", ref);
  const frame = await provinceFrame(ctx);
  if (ref.kind === "nation") return { view: { key, kind: "nation", nameTh: "ทั้งประเทศ", nameEn: "Whole country" }, ref, provinces: null, fn: null, frame };
  if (ref.kind === "area") {
    const a = await lookupArea(ctx, ref.id);
    if (!a) throw new NotFoundError("area", ref.id);
    const named = { key, nameTh: a.nameTh, nameEn: a.nameEn || a.nameTh };
    if (a.classification === "province") return { view: { ...named, kind: "province" }, ref, provinces: [a.provinceCode ?? ref.id.slice("province:".length)], fn: null, frame };
    if (a.classification === "region") return { view: { ...named, kind: "region" }, ref, provinces: frame.filter((p) => p.region.id === a.id).map((p) => p.code), fn: null, frame };
    if (a.classification === "cluster") return { view: { ...named, kind: "cluster" }, ref, provinces: frame.filter((p) => p.cluster?.id === a.id).map((p) => p.code), fn: null, frame };
    throw badScope(key);
  }
  const o = await lookupOrganization(ctx, ref.id);
  if (!o) throw new NotFoundError("organization", ref.id);
  const named = { key, nameTh: o.nameTh, nameEn: o.nameEn || o.nameTh };
  if (o.classification === "ministry") return { view: { ...named, kind: "ministry" }, ref, provinces: null, fn: { kind: "ministry", id: o.id }, frame };
  if (o.classification === "department") return { view: { ...named, kind: "department" }, ref, provinces: null, fn: { kind: "department", id: o.id }, frame };
  if (o.provinceCode) return { view: { ...named, kind: "office" }, ref, provinces: [o.provinceCode], fn: { kind: "office", id: o.id }, frame };
  throw badScope(key);
}

const ORDER: Record<DashboardScope["kind"], number> = { nation: 0, ministry: 1, department: 2, region: 3, cluster: 4, province: 5, office: 6 };

/**
 * The dashboards the actor's grants open, widest first; the landing one is the first. A district officer's or a
 * citizen's grant opens none.
 */
export async function myScopes({ ctx }: { ctx: Ctx }): Promise<{ scopes: DashboardScope[]; landing: string | null }> {
  if (ctx.actor.kind === "anonymous") await requirePermission(ctx, "oversight:read", NATION);
  const keys = scopesFor(ctx, "oversight:read") ?? ["nation"];
  const out: DashboardScope[] = [];
  for (const key of [...new Set(keys)]) {
    const ref = parseScopeKey(key);
    if (!ref || !(await hasPermission(ctx, "oversight:read", ref))) continue;
    try {
      out.push((await resolveScope(ctx, key)).view);
    } catch {
      // a grant at a scope with no dashboard (a district): nothing to open there
    }
  }
  out.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.nameTh.localeCompare(b.nameTh, "th"));
  return { scopes: out, landing: out[0]?.key ?? null };
}
