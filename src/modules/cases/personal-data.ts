import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Ctx } from "../../platform/ctx.js";
import type { ErasureSubject, PersonalDataSection } from "../../platform/module.js";
import { redactPersonalData } from "./case-rules.js";
import { listMyCases } from "./list-my-cases.js";
import { caseEvents, caseReporters, cases } from "./tables.js";

/** The cases module's part of "my data": each case the account reported (or joined by a merge) with what they gave. */
export async function casesPersonalData(ctx: Ctx, accountId: string): Promise<PersonalDataSection[]> {
  const { items } = await listMyCases({ ctx: { ...ctx, actor: { kind: "user", id: accountId, name: "my-data", grants: [] } } });
  // what they wrote and where they pinned it is theirs too (the board shows only the redacted text and a coarse point)
  const own = items.length ? await ctx.db.select({ id: cases.id, descriptionTh: cases.descriptionTh, addressTh: cases.addressTh, lat: cases.lat, lon: cases.lon }).from(cases).where(inArray(cases.id, items.map((c) => c.id))) : [];
  const byId = new Map(own.map((o) => [o.id, o]));
  return [
    {
      key: "cases",
      titleTh: "เรื่องร้องเรียนของฉัน",
      titleEn: "My cases",
      rows: items.map((c) => ({
        caseId: c.id,
        publicRef: c.publicRef,
        category: c.categoryNameTh,
        status: c.status,
        provinceCode: c.provinceCode,
        description: byId.get(c.id)?.descriptionTh ?? null,
        address: byId.get(c.id)?.addressTh ?? null,
        lat: byId.get(c.id)?.lat ?? null,
        lon: byId.get(c.id)?.lon ?? null,
        receivedAt: c.receivedAt,
        resolvedAt: c.resolvedAt,
        myName: c.myReport.name,
        myPhone: c.myReport.phone,
        myEmail: c.myReport.email,
        anonymous: c.myReport.anonymous,
        consentVersion: c.myReport.consentVersion,
        consentAt: c.myReport.consentAt,
        myRating: c.myReport.rating,
        mergedFromCaseId: c.myReport.fromCaseId,
      })),
    },
  ];
}

/**
 * The cases module's part of closing an account (inside its transaction): each reporter record linked to the account
 * is unlinked and loses the name, phone, e-mail and rating comment it gave, and that name is redacted from the case's
 * non-public texts, as the retention purge does. The case, its public text, rating and tracking code stay (the code
 * still follows the case, naming nobody); its description and exact point go with the retention purge later.
 */
export async function eraseCasesPersonalData(ctx: Ctx, { accountId }: ErasureSubject): Promise<Record<string, number>> {
  const rows = await ctx.db.select().from(caseReporters).where(eq(caseReporters.accountId, accountId)).for("update");
  if (!rows.length) return {};
  await ctx.db
    .update(caseReporters)
    .set({ accountId: null, name: null, phone: null, email: null, notify: false, ratingComment: null, updatedAt: ctx.now() })
    .where(inArray(caseReporters.id, rows.map((r) => r.id)));
  const byCase = new Map<string, typeof rows>();
  for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
  const owners = await ctx.db.select({ id: cases.id, provinceCode: cases.provinceCode }).from(cases).where(inArray(cases.id, [...byCase.keys()]));
  for (const c of owners) {
    const mine = byCase.get(c.id)!;
    const names = mine.map((r) => r.name);
    const texts = await ctx.db
      .select({ id: caseEvents.id, textTh: caseEvents.textTh })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, c.id), ne(caseEvents.visibility, "public"), sql`${caseEvents.textTh} <> ''`));
    let redacted = 0;
    for (const e of texts) {
      const t = redactPersonalData(e.textTh, names);
      if (t === e.textTh) continue;
      await ctx.db.update(caseEvents).set({ textTh: t }).where(eq(caseEvents.id, e.id));
      redacted++;
    }
    await writeAudit(ctx, { action: "cases.case.erase-reporter", entityType: "case", entityId: c.id, provinceCode: c.provinceCode, after: { reason: "account closed at request", reporters: mine.length, redactedTexts: redacted } });
  }
  return { "cases.reporters": rows.length };
}
