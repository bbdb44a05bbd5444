import { hasPermission, requirePermission, scopesFor } from "../../platform/auth/permissions.js";
import { NATION, parseScopeKey, provinceScope, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError, ValidationError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { lookupArea, lookupOrganization, overseenAreas, provinceFrame, type OverseenArea, type ProvinceFrameRow } from "../registry/index.js";
import type { DashboardScope } from "./contracts.js";

/**
 * What a dashboard scope reads: the provinces of an area (null = all) or of a deputy prime minister's post, or a
 * function across provinces (a ministry's or department's rows), or one office (its rows in its province). `targets`:
 * what a permission on the scope is checked against (a deputy PM's area: each of its provinces).
 */
export type ResolvedScope = {
  view: DashboardScope;
  targets: ScopeRef[];
  provinces: string[] | null;
  fn: { kind: "ministry" | "department" | "office"; id: string } | null;
  frame: ProvinceFrameRow[];
};

const badScope = (key: string) =>
  new ValidationError([{ path: "scope", code: "oversight.unknown-scope", messageTh: `ไม่มีขอบเขต ${key} ที่แสดงแดชบอร์ดได้ (ทั้งประเทศ พื้นที่รองนายกรัฐมนตรี ภาค กลุ่มจังหวัด จังหวัด กระทรวง กรม หรือหน่วยงาน)`, messageEn: `No dashboard for scope ${key} (the nation, a deputy prime minister's area, a region, cluster or province, a ministry, department or office)` }]);

/** The key of a deputy prime minister's area: the provinces their post oversees (registry `oversights`). */
export const DPM_PREFIX = "dpm:";
const dpmView = (a: OverseenArea): DashboardScope => ({ key: `${DPM_PREFIX}${a.postId}`, kind: "dpm", nameTh: a.labelTh, nameEn: a.labelEn || a.labelTh });

/** A deputy PM's area, read by whoever may read each of its provinces; 404 for a post overseeing nothing today. */
async function resolveDpmArea(ctx: Ctx, key: string, frame: ProvinceFrameRow[]): Promise<ResolvedScope> {
  // someone with no dashboard anywhere learns nothing about posts: 401/403 before 404
  const keys = scopesFor(ctx, "oversight:read");
  if (keys && keys.length === 0) await requirePermission(ctx, "oversight:read", NATION);
  const postId = key.slice(DPM_PREFIX.length);
  const area = (await overseenAreas(ctx, bangkokToday(ctx.now()))).find((a) => a.postId === postId);
  if (!area) throw new NotFoundError("post", postId);
  const targets = area.provinces.map(provinceScope);
  await requirePermission(ctx, "oversight:read", targets);
  return { view: dpmView(area), targets, provinces: area.provinces, fn: null, frame };
}

/** Turns a scope key into what to read, checking that the actor may read it (403 otherwise, 400 for a scope that is not one). */
export async function resolveScope(ctx: Ctx, key: string): Promise<ResolvedScope> {
  if (key.startsWith(DPM_PREFIX)) return resolveDpmArea(ctx, key, await provinceFrame(ctx));
  const ref = parseScopeKey(key);
  if (!ref) throw badScope(key);
  await requirePermission(ctx, "oversight:read", ref);
  const frame = await provinceFrame(ctx);
  const targets = [ref];
  if (ref.kind === "nation") return { view: { key, kind: "nation", nameTh: "ทั้งประเทศ", nameEn: "Whole country" }, targets, provinces: null, fn: null, frame };
  if (ref.kind === "area") {
    const a = await lookupArea(ctx, ref.id);
    if (!a) throw new NotFoundError("area", ref.id);
    const named = { key, nameTh: a.nameTh, nameEn: a.nameEn || a.nameTh };
    if (a.classification === "province") return { view: { ...named, kind: "province" }, targets, provinces: [a.provinceCode ?? ref.id.slice("province:".length)], fn: null, frame };
    if (a.classification === "region") return { view: { ...named, kind: "region" }, targets, provinces: frame.filter((p) => p.region.id === a.id).map((p) => p.code), fn: null, frame };
    if (a.classification === "cluster") return { view: { ...named, kind: "cluster" }, targets, provinces: frame.filter((p) => p.cluster?.id === a.id).map((p) => p.code), fn: null, frame };
    throw badScope(key);
  }
  const o = await lookupOrganization(ctx, ref.id);
  if (!o) throw new NotFoundError("organization", ref.id);
  const named = { key, nameTh: o.nameTh, nameEn: o.nameEn || o.nameTh };
  if (o.classification === "ministry") return { view: { ...named, kind: "ministry" }, targets, provinces: null, fn: { kind: "ministry", id: o.id }, frame };
  if (o.classification === "department") return { view: { ...named, kind: "department" }, targets, provinces: null, fn: { kind: "department", id: o.id }, frame };
  if (o.provinceCode) return { view: { ...named, kind: "office" }, targets, provinces: [o.provinceCode], fn: { kind: "office", id: o.id }, frame };
  throw badScope(key);
}

const ORDER: Record<DashboardScope["kind"], number> = { nation: 0, dpm: 1, ministry: 2, department: 3, region: 4, cluster: 5, province: 6, office: 7 };

/**
 * The deputy PM's areas a deputy PM's office works for: the posts whose every province its deputy_pm_office grants
 * reach (the office of a deputy PM overseeing five clusters holds a grant at each of them).
 */
async function dpmAreasOf(ctx: Ctx): Promise<DashboardScope[]> {
  const grants = ctx.actor.grants.filter((g) => g.role === "deputy_pm_office");
  if (ctx.actor.kind === "system" || !grants.length) return [];
  const office: Ctx = { ...ctx, actor: { ...ctx.actor, grants } };
  const out: DashboardScope[] = [];
  for (const a of await overseenAreas(ctx, bangkokToday(ctx.now()))) {
    if (a.provinces.length && (await hasPermission(office, "oversight:read", a.provinces.map(provinceScope)))) out.push(dpmView(a));
  }
  return out;
}

/**
 * The dashboards the actor's grants open, widest first; the landing one is the first. A deputy PM's office lands on
 * its deputy PM's area (then each of its clusters). A district officer's or a citizen's grant opens none.
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
  out.push(...(await dpmAreasOf(ctx)));
  out.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.nameTh.localeCompare(b.nameTh, "th"));
  return { scopes: out, landing: out[0]?.key ?? null };
}
