import { inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { PersonalDataSection } from "../../platform/module.js";
import { listMyCases } from "./list-my-cases.js";
import { cases } from "./tables.js";

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
