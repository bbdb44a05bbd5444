import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { CATEGORIES } from "./categories.js";
import { caseCategories } from "./tables.js";

/**
 * Reference data: the categories (Open311 services) with their service levels; kept up to date at every start. Only
 * a start that changes something writes, and then with its audit record (which categories were added or changed).
 */
export async function seedCategories({ ctx }: { ctx: Ctx }): Promise<void> {
  const rows = CATEGORIES.map((c, k) => ({
    id: c.id,
    nameTh: c.nameTh,
    nameEn: c.nameEn,
    groupTh: c.groupTh,
    groupEn: c.groupEn,
    keywords: [c.nameTh],
    acceptHours: c.acceptHours,
    resolveHours: c.resolveHours,
    sensitive: c.sensitive ?? false,
    defaultOfficeType: c.office,
    attributes: c.attributes ?? [],
    sort: k,
  }));
  const current = new Map((await ctx.db.select().from(caseCategories)).map((c) => [c.id, c]));
  const same = (r: (typeof rows)[number]) => {
    const c = current.get(r.id);
    return c !== undefined && KEPT.every((k) => canonical(c[k]) === canonical(r[k]));
  };
  const changed = rows.filter((r) => !same(r));
  if (changed.length === 0) return;
  await withTransaction(ctx, async (tx) => {
    await upsert(tx, changed);
    await writeAudit(tx, { action: "cases.categories.sync", entityType: "case_category", entityId: "*", after: { added: changed.filter((r) => !current.has(r.id)).map((r) => r.id), changed: changed.filter((r) => current.has(r.id)).map((r) => r.id) } });
  });
}

/** JSON with object keys sorted (jsonb gives them back in its own order) and undefined as null */
const canonical = (v: unknown): string =>
  v === undefined || v === null ? "null" : Array.isArray(v) ? `[${v.map(canonical).join(",")}]` : typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}` : JSON.stringify(v);

/** the columns the code owns (service levels and keywords are the administrators' to change once a category exists) */
const KEPT = ["nameTh", "nameEn", "groupTh", "groupEn", "sensitive", "defaultOfficeType", "attributes", "sort"] as const;

async function upsert(ctx: Ctx, rows: (typeof caseCategories.$inferInsert)[]): Promise<void> {
  await ctx.db
    .insert(caseCategories)
    .values(rows)
    .onConflictDoUpdate({ target: caseCategories.id, set: { nameTh: sql`excluded.name_th`, nameEn: sql`excluded.name_en`, groupTh: sql`excluded.group_th`, groupEn: sql`excluded.group_en`, sensitive: sql`excluded.sensitive`, defaultOfficeType: sql`excluded.default_office_type`, attributes: sql`excluded.attributes`, sort: sql`excluded.sort` } });
}
