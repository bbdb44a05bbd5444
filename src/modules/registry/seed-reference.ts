import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { readSeedJson } from "../../platform/paths.js";
import { searchText } from "../../platform/thai/index.js";
import { areaGroupings, areas, officeTypes, organizations, posts } from "./tables.js";

type Named = { nameTh: string; nameEn: string };
type Province = Named & { code: string; iso: string; regionId: string; clusterCode: string | null; cluster2009Code: string | null; nsoRegion7: string; ceo: boolean; population2019: number | null; households2019: number | null };
type Cluster = Named & { code: string; members: string[]; operationsCentre?: string | null; validFrom: string | null; validTo: string | null; memberValidFrom?: Record<string, string> };
type Department = Named & { id: string; ministryId: string; parentId: string | null; kind: string; abbrTh: string | null; abbrEn: string | null };
type OfficeType = Named & { id: string; departmentId: string; ministryId: string };

async function insertChunks<T>(ctx: Ctx, table: Parameters<Ctx["db"]["insert"]>[0], rows: T[], size = 500) {
  for (let i = 0; i < rows.length; i += size) await ctx.db.insert(table).values(rows.slice(i, i + size) as never);
}

/** Loads Thailand's areas and the organisations and posts of government from seed/reference into an empty registry. */
export async function seedReference({ ctx }: { ctx: Ctx; input?: unknown }): Promise<{ areas: number; organizations: number; posts: number }> {
  await requirePermission(ctx, "registry:area.write", NATION);
  const regions = readSeedJson<{ regions: (Named & { id: string })[] }>("reference", "regions.json").regions;
  const provinces = readSeedJson<{ provinces: Province[] }>("reference", "provinces.json").provinces;
  const clusters = readSeedJson<{ clusters: Cluster[] }>("reference", "clusters.json").clusters;
  const clusters2009 = readSeedJson<{ clusters: Cluster[] }>("reference", "clusters-2009.json").clusters;
  const districts = readSeedJson<{ rows: [string, string, string, string][] }>("reference", "districts.json").rows;
  const subdistricts = readSeedJson<{ rows: [string, string, string, string, string][] }>("reference", "subdistricts.json").rows;
  const ministries = readSeedJson<{ ministries: (Named & { id: string; abbrTh: string })[] }>("reference", "ministries.json").ministries;
  const departments = readSeedJson<{ departments: Department[] }>("reference", "departments.json").departments;
  const types = readSeedJson<{ officeTypes: OfficeType[] }>("reference", "provincial-office-types.json").officeTypes;
  const provinceName = new Map(provinces.map((p) => [p.code, p]));

  return withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(areas)) as [{ n: number }];
    if (n > 0) return { areas: 0, organizations: 0, posts: 0 };
    const areaRows: (typeof areas.$inferInsert)[] = [];
    for (const r of regions) areaRows.push({ id: `region:${r.id}`, classification: "region", code: r.id, nameTh: r.nameTh, nameEn: r.nameEn, searchText: searchText(r.nameTh, r.nameEn) });
    for (const c of clusters)
      areaRows.push({ id: `cluster:${c.code}`, classification: "cluster", code: c.code, nameTh: c.nameTh, nameEn: c.nameEn, validFrom: c.validFrom, validTo: c.validTo, attributes: { operationsCentre: c.operationsCentre ?? null, scheme: "2017" }, searchText: searchText(c.nameTh, c.nameEn, c.code) });
    for (const c of clusters2009)
      areaRows.push({ id: `cluster_2009:${c.code}`, classification: "cluster_2009", code: c.code, nameTh: c.nameTh, nameEn: c.nameEn, validFrom: c.validFrom, validTo: c.validTo, attributes: { scheme: "2009", budgetBureauCode: c.code }, searchText: searchText(c.nameTh, c.nameEn, c.code) });
    for (const p of provinces)
      areaRows.push({
        id: `province:${p.code}`,
        classification: "province",
        code: p.code,
        nameTh: p.nameTh,
        nameEn: p.nameEn,
        parentId: `region:${p.regionId}`,
        provinceCode: p.code,
        iso: p.iso,
        attributes: { ceo: p.ceo, population: p.population2019, households: p.households2019, populationYear: 2019, nsoRegion7: p.nsoRegion7 },
        searchText: searchText(p.nameTh, `จังหวัด${p.nameTh}`, p.nameEn, p.code),
      });
    for (const [code, th, en, pc] of districts) {
      const prefix = pc === "10" ? "" : "อำเภอ";
      areaRows.push({ id: `district:${code}`, classification: "district", code, nameTh: th, nameEn: en, parentId: `province:${pc}`, provinceCode: pc, searchText: searchText(th, `${prefix}${th}`, en, code) });
    }
    for (const [code, th, en, dc, postal] of subdistricts) {
      const pc = dc.slice(0, 2);
      areaRows.push({ id: `subdistrict:${code}`, classification: "subdistrict", code, nameTh: th, nameEn: en, parentId: `district:${dc}`, provinceCode: pc, attributes: { postalCode: postal }, searchText: searchText(th, pc === "10" ? th : `ตำบล${th}`, en, code, postal) });
    }
    await insertChunks(tx, areas, areaRows);

    const groupRows: (typeof areaGroupings.$inferInsert)[] = [];
    for (const c of clusters)
      for (const m of c.members) groupRows.push({ id: `cluster:${c.code}:${m}`, areaId: `province:${m}`, groupId: `cluster:${c.code}`, provinceCode: m, validFrom: c.memberValidFrom?.[m] ?? c.validFrom, validTo: c.validTo });
    for (const c of clusters2009)
      for (const m of c.members) groupRows.push({ id: `cluster_2009:${c.code}:${m}`, areaId: `province:${m}`, groupId: `cluster_2009:${c.code}`, provinceCode: m, validFrom: c.memberValidFrom?.[m] ?? c.validFrom, validTo: c.validTo });
    await insertChunks(tx, areaGroupings, groupRows);

    await insertChunks(tx, officeTypes, types.map((t) => ({ id: t.id, nameTh: t.nameTh, nameEn: t.nameEn, departmentId: t.departmentId, ministryId: t.ministryId })));

    const org = (o: typeof organizations.$inferInsert) => ({ ...o, searchText: searchText(o.nameTh, o.nameEn, o.abbreviation) });
    const orgRows: (typeof organizations.$inferInsert)[] = [];
    for (const m of ministries) orgRows.push(org({ id: m.id, classification: "ministry", nameTh: m.nameTh, nameEn: m.nameEn, abbreviation: m.abbrTh }));
    for (const d of departments)
      orgRows.push(org({ id: d.id, classification: "department", nameTh: d.nameTh, nameEn: d.nameEn, abbreviation: d.abbrTh, parentId: d.parentId ?? d.ministryId, attributes: { kind: d.kind, abbrEn: d.abbrEn } }));
    orgRows.push(org({ id: "pmoc", classification: "operation_centre", nameTh: "ศูนย์ปฏิบัติการของนายกรัฐมนตรี (PMOC)", nameEn: "Prime Minister's Operation Centre (PMOC)", abbreviation: "PMOC", parentId: "opm" }));
    for (const m of ministries)
      orgRows.push(org({ id: `moc:${m.id}`, classification: "operation_centre", nameTh: `ศูนย์ปฏิบัติการ${m.nameTh} (MOC)`, nameEn: `${m.nameEn} Operation Centre (MOC)`, abbreviation: "MOC", parentId: m.id }));
    const deptWithOffices = new Set(types.map((t) => t.departmentId));
    for (const d of departments.filter((x) => deptWithOffices.has(x.id)))
      orgRows.push(org({ id: `doc:${d.id}`, classification: "operation_centre", nameTh: `ศูนย์ปฏิบัติการ${d.nameTh} (DOC)`, nameEn: `${d.nameEn} Operation Centre (DOC)`, abbreviation: "DOC", parentId: d.id }));

    const postRows: (typeof posts.$inferInsert)[] = [];
    const post = (p: typeof posts.$inferInsert) => postRows.push({ ...p, searchText: searchText(p.labelTh, p.labelEn) });
    for (const p of provinces.filter((x) => x.ceo)) {
      const area = `province:${p.code}`;
      const govId = `prov:${p.code}`;
      orgRows.push(org({ id: govId, classification: "provincial_government", nameTh: `จังหวัด${p.nameTh}`, nameEn: `${p.nameEn} Province`, parentId: "moi", areaId: area, provinceCode: p.code }));
      for (const t of types)
        orgRows.push(org({ id: `pro:${p.code}:${t.id}`, classification: "provincial_office", nameTh: `${t.nameTh}${p.nameTh}`, nameEn: `${t.nameEn}, ${p.nameEn}`, parentId: t.departmentId, areaId: area, provinceCode: p.code, officeTypeId: t.id }));
      orgRows.push(org({ id: `poc:${p.code}`, classification: "operation_centre", nameTh: `ศูนย์ปฏิบัติการจังหวัด${p.nameTh} (POC)`, nameEn: `${p.nameEn} Provincial Operation Centre (POC)`, abbreviation: "POC", parentId: govId, areaId: area, provinceCode: p.code }));
      orgRows.push(org({ id: `committee:${p.code}:executive`, classification: "committee", nameTh: `คณะกรมการจังหวัด${p.nameTh}`, nameEn: `${p.nameEn} Provincial Executive Committee`, parentId: govId, areaId: area, provinceCode: p.code }));
      orgRows.push(org({ id: `pao:${p.code}`, classification: "provincial_administration", nameTh: `องค์การบริหารส่วนจังหวัด${p.nameTh}`, nameEn: `${p.nameEn} Provincial Administrative Organisation`, abbreviation: "อบจ.", areaId: area, provinceCode: p.code }));
      post({ id: `post:${p.code}:governor`, role: "governor", labelTh: `ผู้ว่าราชการจังหวัด${p.nameTh}`, labelEn: `Governor of ${p.nameEn}`, organizationId: govId, areaId: area, provinceCode: p.code });
      for (const k of [1, 2, 3])
        post({ id: `post:${p.code}:vice-governor-${k}`, role: "vice_governor", labelTh: `รองผู้ว่าราชการจังหวัด${p.nameTh} (${k})`, labelEn: `Vice Governor of ${p.nameEn} (${k})`, organizationId: govId, areaId: area, provinceCode: p.code });
      for (const t of types)
        post({ id: `post:${p.code}:head:${t.id}`, role: "head_of_agency", labelTh: `หัวหน้า${t.nameTh}${p.nameTh}`, labelEn: `Head, ${t.nameEn}, ${p.nameEn}`, organizationId: `pro:${p.code}:${t.id}`, areaId: area, provinceCode: p.code });
    }
    void provinceName;
    await insertChunks(tx, organizations, orgRows);
    await insertChunks(tx, posts, postRows);
    await writeAudit(tx, { action: "registry.seed.reference", entityType: "registry", entityId: "reference", after: { areas: areaRows.length, groupings: groupRows.length, organizations: orgRows.length, posts: postRows.length } });
    return { areas: areaRows.length, organizations: orgRows.length, posts: postRows.length };
  });
}
