import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { provinceAgendas, provinceGoalNodes } from "../strategy/index.js";
import type { PartnerOptions } from "./contracts.js";
import { partnerScope, requirePartner } from "./load.js";

/** The agendas a partner's agreements and contributions may serve: the province's assigned agendas, then its own goals and issues. */
export async function partnerOptions({ ctx, id }: { ctx: Ctx; id: string }): Promise<PartnerOptions> {
  const p = await requirePartner(ctx, id);
  await requirePermission(ctx, "networks:manage", partnerScope(p));
  const [assigned, own] = await Promise.all([provinceAgendas(ctx, p.provinceCode), provinceGoalNodes(ctx, p.provinceCode)]);
  const seen = new Set<string>();
  const agendas = [...assigned.map((a) => ({ id: a.agendaNodeId, kind: a.agendaKind, nameTh: a.nameTh, nameEn: a.nameEn })), ...own.map((n) => ({ id: n.id, kind: n.kind, nameTh: n.nameTh, nameEn: n.nameEn }))];
  return { agendas: agendas.filter((a) => !seen.has(a.id) && seen.add(a.id)) };
}
