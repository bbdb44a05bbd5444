import { max } from "drizzle-orm";
import type { OpenDataset } from "../../platform/module.js";
import { organizations } from "./tables.js";

const POPOLO = "http://www.popoloproject.com/specs/";

/** The registry's public datasets (open-data catalogue): areas and organisations, Popolo-shaped. */
export const registryOpenData: readonly OpenDataset[] = [
  {
    identifier: "registry.areas",
    title: { th: "เขตการปกครอง: ภาค กลุ่มจังหวัด จังหวัด อำเภอ ตำบล", en: "Administrative areas: regions, provincial clusters, provinces, districts, subdistricts" },
    description: { th: "รหัสกรมการปกครอง รหัส ISO 3166-2 และกลุ่มจังหวัดพร้อมช่วงเวลาที่มีผล", en: "DOPA codes, ISO 3166-2 codes and provincial clusters with their validity dates" },
    keyword: ["จังหวัด", "อำเภอ", "ตำบล", "province", "district", "DOPA", "ISO 3166-2"],
    theme: ["REGI", "GOVE"],
    distribution: [
      { title: "Provinces (JSON)", path: "/api/v1/provinces", mediaType: "application/json", download: true },
      { title: "Areas (JSON, paged API)", path: "/api/v1/areas", mediaType: "application/json" },
    ],
  },
  {
    identifier: "registry.organizations",
    title: { th: "ทำเนียบหน่วยงาน ตำแหน่ง และผู้ดำรงตำแหน่ง", en: "Organisations, posts and office holders" },
    description: { th: "กระทรวง กรม ส่วนราชการประจำจังหวัด ศูนย์ปฏิบัติการ และผู้ดำรงตำแหน่งสาธารณะ (ไม่มีข้อมูลติดต่อส่วนตัว)", en: "Ministries, departments, provincial offices, operation centres and public office holders (no personal contact details)" },
    keyword: ["หน่วยงาน", "ผู้ว่าราชการจังหวัด", "organisation", "governor", "Popolo"],
    theme: ["GOVE"],
    distribution: [
      { title: "Organisations (JSON, paged API)", path: "/api/v1/organizations", mediaType: "application/json" },
      { title: "Popolo export: provinces, organisations, posts, people, memberships", path: "/api/v1/export/popolo?areas=provinces", mediaType: "application/json", download: true, conformsTo: POPOLO },
    ],
    modified: async (ctx) => (await ctx.db.select({ at: max(organizations.updatedAt) }).from(organizations))[0]?.at ?? null,
  },
];
