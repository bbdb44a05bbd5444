import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { readSeedJson } from "../../platform/paths.js";
import { searchText } from "../../platform/thai/index.js";
import { strategyLinks, strategyNodes } from "./tables.js";

type Named = { code: string; nameTh: string; nameEn: string };
type Seed = { strategies: Named[]; masterPlans: (Named & { strategy: string })[]; agendas: (Named & { serves: string[] })[] };

/** Loads the 20-year National Strategy (6), its 23 master plans and the government priority agendas, once. */
export async function seedStrategyReference({ ctx }: { ctx: Ctx; input?: unknown }): Promise<{ nodes: number }> {
  await requirePermission(ctx, "strategy:national.write", NATION);
  const seed = readSeedJson<Seed>("reference", "national-strategy.json");
  return withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(strategyNodes)) as [{ n: number }];
    if (n > 0) return { nodes: 0 };
    const node = (kind: string, x: Named, order: number) => ({
      id: `${kind === "national_strategy" ? "ns" : kind === "master_plan" ? "mp" : "agenda"}:${x.code.toLowerCase()}`,
      kind,
      code: x.code,
      nameTh: x.nameTh,
      nameEn: x.nameEn,
      fromYear: kind === "government_agenda" ? 2567 : 2561,
      toYear: kind === "government_agenda" ? 2570 : 2580,
      status: "approved",
      approvedAt: tx.now(),
      approvedBy: kind === "government_agenda" ? "คณะรัฐมนตรี (Cabinet)" : "ราชกิจจานุเบกษา (Royal Gazette)",
      sortOrder: order,
      searchText: searchText(x.nameTh, x.nameEn, x.code),
      createdAt: tx.now(),
      updatedAt: tx.now(),
    });
    const rows = [
      ...seed.strategies.map((s, k) => node("national_strategy", s, k)),
      ...seed.masterPlans.map((m, k) => node("master_plan", m, k)),
      ...seed.agendas.map((a, k) => node("government_agenda", a, k)),
    ];
    await tx.db.insert(strategyNodes).values(rows);
    const links = [
      ...seed.masterPlans.map((m) => ({ fromId: `mp:${m.code.toLowerCase()}`, toId: `ns:${m.strategy.toLowerCase()}`, kind: "part_of" })),
      ...seed.agendas.flatMap((a) => a.serves.map((s) => ({ fromId: `agenda:${a.code.toLowerCase()}`, toId: `mp:${s.toLowerCase()}`, kind: "serves" }))),
    ].map((l) => ({ ...l, createdAt: tx.now() }));
    await tx.db.insert(strategyLinks).values(links);
    await writeAudit(tx, { action: "strategy.seed.reference", entityType: "strategy-node", entityId: "reference", after: { nodes: rows.length, links: links.length } });
    return { nodes: rows.length };
  });
}
