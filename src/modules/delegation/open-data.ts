import { max } from "drizzle-orm";
import type { OpenDataset } from "../../platform/module.js";
import { delegations } from "./tables.js";

/** The delegation module's public datasets (open-data catalogue): powers, instruments ("who may decide") and permit statistics. */
export const delegationOpenData: readonly OpenDataset[] = [
  {
    identifier: "delegation.instruments",
    title: { th: "อำนาจและคำสั่งมอบอำนาจ (ใครมีอำนาจตัดสินใจ)", en: "Powers and delegation instruments (who may decide)" },
    description: { th: "อำนาจตามกฎหมาย คำสั่งมอบอำนาจที่มีผล วงเงิน และเงื่อนไข เป็นคำสั่งทางราชการที่เปิดเผย", en: "Statutory powers, the delegation instruments in force, their caps and conditions: public orders" },
    keyword: ["มอบอำนาจ", "delegation", "authority", "permits"],
    theme: ["GOVE", "JUST"],
    distribution: [
      { title: "Powers (JSON)", path: "/api/v1/delegation/powers", mediaType: "application/json", download: true },
      { title: "Delegation instruments (JSON, paged API)", path: "/api/v1/delegation/instruments", mediaType: "application/json" },
    ],
    modified: async (ctx) => (await ctx.db.select({ at: max(delegations.updatedAt) }).from(delegations))[0]?.at ?? null,
  },
  {
    identifier: "delegation.permit-statistics",
    title: { th: "สถิติระยะเวลาการอนุญาต ก่อนและหลังการมอบอำนาจ", en: "Permit turnaround statistics, before and after delegation" },
    description: { th: "จำนวนคำขอ ระยะเวลาดำเนินการ (มัธยฐาน ค่าเฉลี่ย เปอร์เซ็นไทล์ที่ 90) และสัดส่วนที่ทันกำหนด ไม่มีข้อมูลผู้ขอ", en: "Applications decided, turnaround (median, mean, 90th percentile) and share within the service level; no applicant" },
    keyword: ["ใบอนุญาต", "permits", "turnaround"],
    theme: ["GOVE", "ECON"],
    distribution: [{ title: "Permit statistics (JSON)", path: "/api/v1/delegation/permits/stats", mediaType: "application/json" }],
  },
];
