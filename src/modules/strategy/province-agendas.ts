import { asc, eq, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { agendaAssignments, strategyNodes } from "./tables.js";

export type ProvinceAgenda = {
  assignmentId: string;
  agendaNodeId: string;
  agendaKind: string;
  nameTh: string;
  nameEn: string;
  status: string;
  currentVersion: number;
  isDemo: boolean;
  /** the agenda node and every node that serves it, directly or through others (goals, issues) */
  coveredNodeIds: string[];
};

/**
 * The agendas assigned to a province, for other modules' read models (the cockpit): each with the strategy nodes
 * that serve it, so that KPIs measuring those nodes can be grouped under it. The caller checks permission.
 */
export async function provinceAgendas(ctx: Ctx, provinceCode: string): Promise<ProvinceAgenda[]> {
  const rows = await ctx.db
    .select({ a: agendaAssignments, kind: strategyNodes.kind, nameTh: strategyNodes.nameTh, nameEn: strategyNodes.nameEn })
    .from(agendaAssignments)
    .innerJoin(strategyNodes, eq(strategyNodes.id, agendaAssignments.agendaNodeId))
    .where(eq(agendaAssignments.provinceCode, provinceCode))
    .orderBy(asc(agendaAssignments.assignedOn));
  const out: ProvinceAgenda[] = [];
  for (const r of rows) {
    const below = rowsOf<{ id: string }>(
      await ctx.db.execute(sql`
      with recursive below(id) as (
        select from_id from strategy_links where to_id = ${r.a.agendaNodeId}
        union
        select l.from_id from strategy_links l join below b on l.to_id = b.id
      ) select id from below`),
    );
    const ids = below.map((x) => x.id);
    out.push({ assignmentId: r.a.id, agendaNodeId: r.a.agendaNodeId, agendaKind: r.kind, nameTh: r.nameTh, nameEn: r.nameEn, status: r.a.status, currentVersion: r.a.currentVersion, isDemo: r.a.isDemo, coveredNodeIds: [r.a.agendaNodeId, ...ids] });
  }
  return out;
}
