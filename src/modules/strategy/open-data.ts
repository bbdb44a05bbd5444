import { max } from "drizzle-orm";
import type { OpenDataset } from "../../platform/module.js";
import { strategyNodes } from "./tables.js";

/** The strategy module's public dataset (open-data catalogue): the cascade from the national strategy to provincial goals. */
export const strategyOpenData: readonly OpenDataset[] = [
  {
    identifier: "strategy.cascade",
    title: { th: "ยุทธศาสตร์ชาติ แผนแม่บท วาระ และยุทธศาสตร์จังหวัด", en: "National strategy, master plans, agendas and provincial strategies" },
    description: { th: "ทุกระดับของยุทธศาสตร์ตั้งแต่ยุทธศาสตร์ชาติ 20 ปีจนถึงเป้าหมายของจังหวัด และการเชื่อมโยงระหว่างกัน", en: "Every level from the 20-year national strategy down to provincial goals, with the links between them" },
    keyword: ["ยุทธศาสตร์ชาติ", "แผนพัฒนาจังหวัด", "national strategy", "provincial strategy"],
    theme: ["GOVE"],
    distribution: [{ title: "Strategy nodes (JSON)", path: "/api/v1/strategy/nodes", mediaType: "application/json" }],
    modified: async (ctx) => (await ctx.db.select({ at: max(strategyNodes.updatedAt) }).from(strategyNodes))[0]?.at ?? null,
  },
];
