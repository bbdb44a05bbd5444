import type { OpenDataset } from "../../platform/module.js";

const OCDS = "https://standard.open-contracting.org/1.1/en/";

/** The planning module's public dataset (open-data catalogue): procurement as OCDS 1.1.5 releases. */
export const planningOpenData: readonly OpenDataset[] = [
  {
    identifier: "planning.procurement-ocds",
    title: { th: "การจัดซื้อจัดจ้างของโครงการจังหวัด (OCDS)", en: "Provincial project procurement (OCDS)" },
    description: {
      th: "กระบวนการจัดซื้อจัดจ้างตั้งแต่การวางแผน ประกาศ ผู้เสนอราคา ผู้ชนะ สัญญา จนถึงการจ่ายเงิน ตามมาตรฐาน Open Contracting Data Standard 1.1.5 (คู่สัญญาเป็นนิติบุคคล)",
      en: "Contracting processes from planning, tender, bidders and award to contracts and payments, as Open Contracting Data Standard 1.1.5 releases (parties are juristic persons)",
    },
    keyword: ["จัดซื้อจัดจ้าง", "procurement", "OCDS", "open contracting"],
    theme: ["ECON", "GOVE"],
    distribution: [
      { title: "OCDS release package (JSON, every release)", path: "/api/v1/planning/ocds/releases.json", mediaType: "application/json", download: true, conformsTo: OCDS },
      { title: "OCDS releases (JSON Lines)", path: "/api/v1/planning/ocds/releases.jsonl", mediaType: "application/x-ndjson", download: true, conformsTo: OCDS },
    ],
  },
];
