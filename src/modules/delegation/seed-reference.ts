import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { readSeedJson } from "../../platform/paths.js";
import { powers } from "./tables.js";

type SeedPower = Omit<typeof powers.$inferInsert, "createdAt" | "updatedAt" | "isDemo"> & { parameters: Record<string, unknown> };

/** Loads the powers catalogue (seed/reference/delegation-powers.json) into an empty table; a re-run changes nothing. */
export async function seedPowersCatalogue({ ctx }: { ctx: Ctx }): Promise<number> {
  const list = readSeedJson<{ powers: SeedPower[] }>("reference", "delegation-powers.json").powers;
  return withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(powers)) as [{ n: number }];
    if (n > 0) return 0;
    await tx.db.insert(powers).values(list.map((p) => ({ ...p, createdAt: tx.now(), updatedAt: tx.now() })));
    await writeAudit(tx, { action: "delegation.seed.powers", entityType: "power", entityId: "catalogue", after: { count: list.length } });
    return list.length;
  });
}
