import type { Ctx } from "../../platform/ctx.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { kpiTargetsOf, lookupKpis } from "../performance/index.js";
import { lookupStrategyNodes, provinceAgendas } from "../strategy/index.js";
import type { SubjectKind, SubjectView } from "./contracts.js";

type SubjectRef = { kind: SubjectKind; id: string; fiscalYear: number | null };

/** The subjects of many calls as they stand now (names; a KPI's current targets), by "kind|id|year". */
export async function subjectViews(ctx: Ctx, refs: SubjectRef[]): Promise<Map<string, SubjectView>> {
  const kpiIds = refs.filter((r) => r.kind === "kpi" || r.kind === "target").map((r) => r.id);
  const nodeIds = refs.filter((r) => r.kind === "agenda" || r.kind === "goal").map((r) => r.id);
  const [kpis, nodes] = await Promise.all([lookupKpis(ctx, kpiIds), lookupStrategyNodes(ctx, nodeIds)]);
  const out = new Map<string, SubjectView>();
  for (const r of refs) {
    const key = subjectKey(r);
    if (out.has(key)) continue;
    if (r.kind === "kpi" || r.kind === "target") {
      const k = kpis.get(r.id);
      const targets = r.kind === "target" ? await kpiTargetsOf(ctx, r.id, r.fiscalYear ?? undefined) : [];
      out.set(key, { kind: r.kind, id: r.id, nameTh: k?.nameTh ?? r.id, nameEn: k?.nameEn ?? "", code: k?.code ?? null, unit: k?.unit ?? null, fiscalYear: r.fiscalYear, targets });
    } else {
      const n = nodes.get(r.id);
      out.set(key, { kind: r.kind, id: r.id, nameTh: n?.nameTh ?? r.id, nameEn: n?.nameEn ?? "", code: n?.code ?? null, unit: null, fiscalYear: r.fiscalYear, targets: [] });
    }
  }
  return out;
}

export const subjectKey = (r: SubjectRef) => `${r.kind}|${r.id}|${r.fiscalYear ?? ""}`;

const unknown = (path: string, th: string, en: string) => new ValidationError([fieldError(path, "participation.unknown-subject", th, en)]);

/** Checks that the subject exists and belongs to the province (an agenda: assigned to it); returns its names. */
export async function requireSubject(ctx: Ctx, provinceCode: string, kind: SubjectKind, id: string, path = "subjectId"): Promise<{ nameTh: string; nameEn: string; unit: string | null; direction: string | null }> {
  if (kind === "kpi" || kind === "target") {
    const k = (await lookupKpis(ctx, [id])).get(id);
    if (!k || k.provinceCode !== provinceCode) throw unknown(path, `ไม่พบตัวชี้วัด ${id} ของจังหวัดนี้`, `No KPI ${id} in this province`);
    return { nameTh: k.nameTh, nameEn: k.nameEn, unit: k.unit, direction: k.direction };
  }
  if (kind === "agenda") {
    const a = (await provinceAgendas(ctx, provinceCode)).find((x) => x.agendaNodeId === id);
    if (!a) throw unknown(path, `วาระ ${id} ไม่ได้มอบหมายให้จังหวัดนี้`, `Agenda ${id} is not assigned to this province`);
    return { nameTh: a.nameTh, nameEn: a.nameEn, unit: null, direction: null };
  }
  const n = (await lookupStrategyNodes(ctx, [id])).get(id);
  if (!n || n.provinceCode !== provinceCode) throw unknown(path, `ไม่พบเป้าหมาย ${id} ในแผนของจังหวัดนี้`, `No goal ${id} in this province's plan`);
  return { nameTh: n.nameTh, nameEn: n.nameEn, unit: null, direction: null };
}
