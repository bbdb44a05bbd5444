/**
 * The categories citizens choose from: Traffy Fondue's taxonomy (what Thais already use; its Thai type names are
 * kept, so imported reports map one to one) and the Damrongdhama centre's own kinds of matter. Hours are calendar
 * hours from receipt; the default office is a provincial office type (seed/reference/provincial-office-types.json).
 */
export type CategorySeed = {
  id: string;
  nameTh: string;
  nameEn: string;
  /** Traffy Fondue's type name, when different from nameTh */
  traffy?: string;
  groupTh: string;
  groupEn: string;
  acceptHours: number;
  resolveHours: number;
  office: string | null;
  sensitive?: boolean;
  attributes?: { code: string; datatype: "string" | "number" | "singlevaluelist" | "text"; required: boolean; descriptionTh: string; descriptionEn: string; values?: { key: string; nameTh: string; nameEn: string }[] }[];
};

const INFRA = { groupTh: "ถนนและสาธารณูปโภค", groupEn: "Roads and utilities" };
const ENV = { groupTh: "สิ่งแวดล้อมและความสะอาด", groupEn: "Environment and cleanliness" };
const SAFE = { groupTh: "ความปลอดภัยและภัยพิบัติ", groupEn: "Safety and disasters" };
const SOCIAL = { groupTh: "สังคมและคุณภาพชีวิต", groupEn: "Society and livelihoods" };
const GOV = { groupTh: "ร้องเรียนและสอบถามราชการ", groupEn: "Government services and complaints" };
const yesNo = [
  { key: "yes", nameTh: "ผ่านได้", nameEn: "Passable" },
  { key: "no", nameTh: "ผ่านไม่ได้", nameEn: "Not passable" },
];

export const CATEGORIES: CategorySeed[] = [
  { id: "road", nameTh: "ถนน", nameEn: "Roads", ...INFRA, acceptHours: 24, resolveHours: 360, office: "rural-roads" },
  { id: "sidewalk", nameTh: "ทางเท้า", nameEn: "Footpaths", ...INFRA, acceptHours: 24, resolveHours: 360, office: "public-works-town-planning" },
  { id: "lighting", nameTh: "แสงสว่าง", nameEn: "Street lighting", ...INFRA, acceptHours: 24, resolveHours: 168, office: "public-works-town-planning" },
  { id: "drain", nameTh: "ท่อระบายน้ำ", nameEn: "Drains", ...INFRA, acceptHours: 24, resolveHours: 240, office: "public-works-town-planning" },
  { id: "bridge", nameTh: "สะพาน", nameEn: "Bridges", ...INFRA, acceptHours: 24, resolveHours: 360, office: "rural-roads" },
  { id: "power-line", nameTh: "สายไฟ", nameEn: "Power and cable lines", ...INFRA, acceptHours: 12, resolveHours: 120, office: "energy" },
  { id: "sign", nameTh: "ป้าย", nameEn: "Signs", ...INFRA, acceptHours: 48, resolveHours: 360, office: "public-works-town-planning" },
  { id: "traffic-sign", nameTh: "ป้ายจราจร", nameEn: "Traffic signs", ...INFRA, acceptHours: 48, resolveHours: 240, office: "land-transport" },
  { id: "traffic", nameTh: "จราจร", nameEn: "Traffic", ...INFRA, acceptHours: 24, resolveHours: 168, office: "land-transport" },
  { id: "transport", nameTh: "การเดินทาง", nameEn: "Public transport", ...INFRA, acceptHours: 48, resolveHours: 360, office: "land-transport" },
  { id: "toilet", nameTh: "ห้องน้ำ", nameEn: "Public toilets", ...INFRA, acceptHours: 48, resolveHours: 240, office: "public-health" },
  {
    id: "flood",
    nameTh: "น้ำท่วม",
    nameEn: "Flooding",
    ...SAFE,
    acceptHours: 4,
    resolveHours: 72,
    office: "disaster-prevention-mitigation",
    attributes: [
      { code: "water_depth_cm", datatype: "number", required: false, descriptionTh: "น้ำลึกประมาณกี่เซนติเมตร", descriptionEn: "About how deep is the water (cm)?" },
      { code: "road_passable", datatype: "singlevaluelist", required: false, descriptionTh: "รถยนต์ผ่านได้หรือไม่", descriptionEn: "Can cars pass?", values: yesNo },
    ],
  },
  { id: "safety", nameTh: "ความปลอดภัย", nameEn: "Public safety", ...SAFE, acceptHours: 8, resolveHours: 168, office: "provincial-administration" },
  { id: "obstruction", nameTh: "กีดขวาง", nameEn: "Obstructions", ...SAFE, acceptHours: 24, resolveHours: 168, office: "provincial-administration" },
  { id: "canal", nameTh: "คลอง", nameEn: "Canals and waterways", ...ENV, acceptHours: 24, resolveHours: 360, office: "natural-resources-environment" },
  { id: "cleanliness", nameTh: "ความสะอาด", nameEn: "Cleanliness and waste", ...ENV, acceptHours: 24, resolveHours: 120, office: "natural-resources-environment" },
  { id: "tree", nameTh: "ต้นไม้", nameEn: "Trees", ...ENV, acceptHours: 24, resolveHours: 240, office: "natural-resources-environment" },
  { id: "noise", nameTh: "เสียงรบกวน", nameEn: "Noise", ...ENV, acceptHours: 24, resolveHours: 120, office: "natural-resources-environment" },
  {
    id: "pm25",
    nameTh: "PM2.5",
    nameEn: "PM2.5 and smoke",
    ...ENV,
    acceptHours: 8,
    resolveHours: 72,
    office: "natural-resources-environment",
    attributes: [{ code: "burning_seen", datatype: "singlevaluelist", required: false, descriptionTh: "เห็นการเผาในที่โล่งหรือไม่", descriptionEn: "Is open burning visible?", values: [{ key: "yes", nameTh: "เห็น", nameEn: "Yes" }, { key: "no", nameTh: "ไม่เห็น", nameEn: "No" }] }],
  },
  { id: "stray-animal", nameTh: "สัตว์จรจัด", nameEn: "Stray animals", ...SOCIAL, acceptHours: 24, resolveHours: 240, office: "livestock" },
  { id: "homeless", nameTh: "คนจรจัด", nameEn: "Homeless people", ...SOCIAL, acceptHours: 24, resolveHours: 168, office: "social-development-human-security", sensitive: true },
  { id: "welfare", nameTh: "ขอความช่วยเหลือ", nameEn: "Help and welfare", ...SOCIAL, acceptHours: 24, resolveHours: 360, office: "social-development-human-security", sensitive: true },
  { id: "farm", nameTh: "การเกษตร", nameEn: "Farming", ...SOCIAL, acceptHours: 48, resolveHours: 360, office: "agricultural-extension" },
  { id: "labour", nameTh: "แรงงาน", nameEn: "Labour and jobs", ...SOCIAL, acceptHours: 48, resolveHours: 360, office: "labour" },
  { id: "health", nameTh: "สาธารณสุข", nameEn: "Health", ...SOCIAL, acceptHours: 24, resolveHours: 240, office: "public-health" },
  { id: "consumer", nameTh: "คุ้มครองผู้บริโภค", nameEn: "Consumer protection", ...SOCIAL, acceptHours: 48, resolveHours: 360, office: "commerce" },
  { id: "land", nameTh: "ที่ดิน", nameEn: "Land", ...GOV, acceptHours: 48, resolveHours: 720, office: "land", sensitive: true },
  { id: "debt", nameTh: "หนี้นอกระบบ", nameEn: "Informal debt", ...GOV, acceptHours: 24, resolveHours: 720, office: "provincial-administration", sensitive: true },
  { id: "drugs", nameTh: "แจ้งเบาะแสยาเสพติด", nameEn: "Drug tip-offs", ...GOV, acceptHours: 8, resolveHours: 720, office: "provincial-administration", sensitive: true },
  { id: "corruption", nameTh: "ทุจริตและประพฤติมิชอบ", nameEn: "Corruption and misconduct", ...GOV, acceptHours: 24, resolveHours: 720, office: null, sensitive: true },
  { id: "complaint", nameTh: "ร้องเรียน", nameEn: "Complaints about services", ...GOV, acceptHours: 24, resolveHours: 360, office: null, sensitive: true },
  { id: "inquiry", nameTh: "สอบถาม", nameEn: "Questions", ...GOV, acceptHours: 24, resolveHours: 120, office: null },
  { id: "suggestion", nameTh: "เสนอแนะ", nameEn: "Suggestions", ...GOV, acceptHours: 48, resolveHours: 360, office: null },
  { id: "other", nameTh: "อื่น ๆ", nameEn: "Other", ...GOV, acceptHours: 24, resolveHours: 360, office: null },
];

/** Our category for a Traffy Fondue type name (its first known type wins). */
export function categoryForTraffyTypes(types: readonly string[]): string | null {
  for (const t of types) {
    const hit = CATEGORIES.find((c) => (c.traffy ?? c.nameTh) === t);
    if (hit) return hit.id;
  }
  return null;
}
