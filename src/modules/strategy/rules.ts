import { eq } from "drizzle-orm";
import type { Operation } from "../../platform/auth/policy.js";
import { NATION, type ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { RuleViolation, ValidationError } from "../../platform/errors.js";
import { KIND_SCOPE, RANK, type NodeKind } from "./contracts.js";
import { strategyNodes } from "./tables.js";

/** The scope a node's permissions are checked at: its area, or the nation for national kinds. */
export function nodeScope(node: { areaId: string | null }): ScopeRef {
  return node.areaId ? { kind: "area", id: node.areaId } : NATION;
}

/** Who writes a node of this kind: national kinds are the administrators', area kinds the area's strategy staff. */
export function writeOperation(kind: NodeKind): Operation {
  return KIND_SCOPE[kind] === "nation" ? "strategy:national.write" : "strategy:area.write";
}

/** Regional and cluster strategies are approved by the deputy PM overseeing the area; provincial ones by the governor. */
export function approveOperation(kind: NodeKind): Operation | null {
  if (kind === "regional_strategy" || kind === "cluster_strategy") return "strategy:cluster.approve";
  if (kind === "provincial_strategy") return "strategy:province.approve";
  return null;
}

export async function mustFindNode(ctx: Ctx, id: string, field: string) {
  const [row] = await ctx.db.select().from(strategyNodes).where(eq(strategyNodes.id, id)).limit(1);
  if (!row) throw new ValidationError([{ path: field, code: "strategy.unknown-node", messageTh: `ไม่พบรายการในยุทธศาสตร์ ${id}`, messageEn: `Unknown strategy node ${id}` }]);
  return row;
}

/** A node may only serve a node higher in the cascade: goals serve agendas, never the other way round (and no cycles). */
export function assertServesUpward(fromKind: NodeKind, toKind: NodeKind, field: string): void {
  if (RANK[toKind] < RANK[fromKind]) return;
  throw new RuleViolation(
    "strategy.link-not-upward",
    `รายการประเภทนี้เชื่อมโยงขึ้นไปหา "${toKind}" ไม่ได้ ต้องเชื่อมกับรายการที่อยู่สูงกว่าในลำดับยุทธศาสตร์`,
    `A ${fromKind} cannot serve a ${toKind}: links go up the cascade only`,
    { field, from: fromKind, to: toKind },
  );
}
