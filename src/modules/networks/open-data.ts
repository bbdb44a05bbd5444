import { max } from "drizzle-orm";
import type { OpenDataset } from "../../platform/module.js";
import { partnerAgreements } from "./tables.js";

/** The networks module's public dataset (open-data catalogue): partner organisations and their agreements with provinces. */
export const networksOpenData: readonly OpenDataset[] = [
  {
    identifier: "networks.partners",
    title: { th: "ภาคีเครือข่ายและบันทึกข้อตกลงความร่วมมือ", en: "Partner networks and memoranda of understanding" },
    description: { th: "องค์กรภาคเอกชน ประชาสังคม สถาบันการศึกษา และชุมชนที่ร่วมมือกับจังหวัด ข้อตกลง และสิ่งที่สนับสนุน (เป็นองค์กร ไม่ใช่บุคคล)", en: "Private, civil-society, academic and community organisations working with provinces, their agreements and contributions (organisations, not people)" },
    keyword: ["ภาคีเครือข่าย", "MOU", "partners", "civil society"],
    theme: ["GOVE", "SOCI"],
    distribution: [
      { title: "Partners (JSON)", path: "/api/v1/partners", mediaType: "application/json" },
      { title: "Partner agreements (JSON)", path: "/api/v1/partner-agreements", mediaType: "application/json" },
    ],
    modified: async (ctx) => (await ctx.db.select({ at: max(partnerAgreements.updatedAt) }).from(partnerAgreements))[0]?.at ?? null,
  },
];
