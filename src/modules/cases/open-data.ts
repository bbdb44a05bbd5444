import { desc, like } from "drizzle-orm";
import type { OpenDataset } from "../../platform/module.js";
import { webhookEvents } from "../../platform/webhooks/index.js";

/** The cases module's public datasets (open-data catalogue): the public board and Open311. No reporter, ever. */
export const casesOpenData: readonly OpenDataset[] = [
  {
    identifier: "cases.public-board",
    title: { th: "เรื่องร้องเรียนและคำขอบริการสาธารณะ (กระดานสาธารณะ)", en: "Public service requests and complaints (public board)" },
    description: {
      th: "เรื่องที่ประชาชนแจ้ง ตามที่กระดานสาธารณะแสดง: ประเภท สถานะ พื้นที่ ตำแหน่งโดยประมาณ ข้อความที่ปกปิดข้อมูลส่วนบุคคลแล้ว หน่วยงาน และเวลา ไม่มีผู้แจ้ง",
      en: "Citizens' reports as the public board shows them: category, status, area, coarsened point, redacted text, office and dates; never the reporter",
    },
    keyword: ["ร้องเรียน", "ศูนย์ดำรงธรรม", "complaints", "service requests", "Open311"],
    theme: ["GOVE", "SOCI"],
    distribution: [
      { title: "Public board (JSON, paged API)", path: "/api/v1/public/cases", mediaType: "application/json" },
      { title: "Statistics by province (JSON)", path: "/api/v1/public/cases/stats", mediaType: "application/json" },
      { title: "Open311 GeoReport v2: service requests (JSON)", path: "/open311/v2/requests.json", mediaType: "application/json", conformsTo: "http://wiki.open311.org/GeoReport_v2/" },
      { title: "Open311 GeoReport v2: service requests (XML)", path: "/open311/v2/requests.xml", mediaType: "application/xml", conformsTo: "http://wiki.open311.org/GeoReport_v2/" },
      { title: "Open311 GeoReport v2: services (JSON)", path: "/open311/v2/services.json", mediaType: "application/json", download: true, conformsTo: "http://wiki.open311.org/GeoReport_v2/" },
      { title: "Open311 GeoReport v2: discovery (JSON)", path: "/open311/v2/discovery.json", mediaType: "application/json", download: true, conformsTo: "http://wiki.open311.org/GeoReport_v2/" },
    ],
    // the newest public event of any case (the outbox's time index): cheaper than scanning the cases
    modified: async (ctx) => (await ctx.db.select({ at: webhookEvents.occurredAt }).from(webhookEvents).where(like(webhookEvents.type, "case.%")).orderBy(desc(webhookEvents.occurredAt)).limit(1))[0]?.at ?? null,
  },
];
