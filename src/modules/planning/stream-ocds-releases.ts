import { asc, gt } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ocdsPackageHead, ocdsRelease } from "./ocds.js";
import { procurementNames } from "./procurement-presenters.js";
import { loadGraphs } from "./procurement-rules.js";
import { procurements } from "./tables.js";

export const OCDS_BULK_BATCH = 500;

/**
 * Every contracting process's latest release as one OCDS release package (format "package") or as JSON Lines, one
 * release per line ("jsonl"), produced lazily: the table is read in keyset-paginated batches (by id) only as the
 * consumer pulls, so memory stays that of one batch however many releases there are.
 */
export async function* streamOcdsReleases({ ctx, input }: { ctx: Ctx; input: { baseUrl: string; format: "package" | "jsonl"; batchSize?: number } }): AsyncGenerator<string> {
  await requirePermission(ctx, "planning:public", { kind: "nation" });
  const batch = Math.min(Math.max(input.batchSize ?? OCDS_BULK_BATCH, 1), 5000);
  const pkg = input.format === "package";
  if (pkg) {
    const head = JSON.stringify(ocdsPackageHead(`${input.baseUrl}/api/v1/planning/ocds/releases.json`, ctx.now()));
    yield `${head.slice(0, -1)},"releases":[`;
  }
  let after = "";
  let first = true;
  for (;;) {
    const rows = await ctx.db.select().from(procurements).where(after ? gt(procurements.id, after) : undefined).orderBy(asc(procurements.id)).limit(batch);
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    const graphs = await loadGraphs(ctx, rows);
    const names = await procurementNames(ctx, graphs);
    let out = "";
    for (const g of graphs) {
      const json = JSON.stringify(ocdsRelease(g, names));
      out += pkg ? (first ? json : `,${json}`) : `${json}\n`;
      first = false;
    }
    yield out;
    if (rows.length < batch) break;
  }
  if (pkg) yield "]}";
}
