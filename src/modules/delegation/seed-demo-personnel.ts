import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { addCandidates } from "./add-candidates.js";
import { createCommittee } from "./create-committee.js";
import { decideSelection } from "./decide-selection.js";
import { recordAssessment } from "./record-assessment.js";
import { recordPersonnelAction } from "./record-personnel-action.js";
import { personnelActions } from "./tables.js";

/** Who records each demo action: the deciding post, as a demo user (the pilot governors and the MOI officer have demo accounts). */
const GOVERNORS: Record<string, { slug: string; nameTh: string }> = {
  "34": { slug: "ubon", nameTh: "อุบลราชธานี" },
  "31": { slug: "buriram", nameTh: "บุรีรัมย์" },
  "40": { slug: "khonkaen", nameTh: "ขอนแก่น" },
  "57": { slug: "chiangrai", nameTh: "เชียงราย" },
  "76": { slug: "phetchaburi", nameTh: "เพชรบุรี" },
  "94": { slug: "pattani", nameTh: "ปัตตานี" },
  "95": { slug: "yala", nameTh: "ยะลา" },
  "96": { slug: "narathiwat", nameTh: "นราธิวาส" },
};
const governor = (p: string): Actor => ({ kind: "user", id: `demo-governor.${GOVERNORS[p]!.slug}`, name: `ผู้ว่าราชการจังหวัด${GOVERNORS[p]!.nameTh} (ตัวอย่าง)`, grants: [{ role: "governor", scope: `area:province:${p}` }] });
const MOI_OFFICER: Actor = { kind: "user", id: "demo-moi.officer", name: "เจ้าหน้าที่กระทรวงมหาดไทย (ตัวอย่าง)", grants: [{ role: "ministry_officer", scope: "org:moi" }] };

/** Fictitious officials, one pair per pilot province: [transferred, appointed]. */
const PEOPLE: Record<string, [string, string]> = {
  "34": ["นางสาวอุบล ย้ายดี (ตัวอย่าง)", "นายมูล บรรจุใหม่ (ตัวอย่าง)"],
  "31": ["นายพนม ย้ายดี (ตัวอย่าง)", "นางสาวรุ้ง บรรจุใหม่ (ตัวอย่าง)"],
  "40": ["นางแก่นจันทร์ ย้ายดี (ตัวอย่าง)", "นายชี บรรจุใหม่ (ตัวอย่าง)"],
  "57": ["นายดอย ย้ายดี (ตัวอย่าง)", "นางสาวกก บรรจุใหม่ (ตัวอย่าง)"],
  "76": ["นางสาวเพชร ย้ายดี (ตัวอย่าง)", "นายหาด บรรจุใหม่ (ตัวอย่าง)"],
};

/**
 * Demo scenario for personnel (labelled demo), built through the same use cases users call, after the delegation
 * demo (its instruments decide who may act):
 * - a transfer in each 2024 pilot province under the nation-wide P-HR-003 instrument (decided by the governor);
 * - an appointment in each pilot province: P-HR-004 is not delegated, so the Ministry of Interior records it as central;
 * - special local recruitment in Pattani, Yala and Narathiwat under their governors' P-HR-002 instruments;
 * - the recruitment of the governor of Phetchaburi: a recruitment committee with four candidates, scores and a
 *   shortlist of three, then a selection committee's decision.
 */
export async function seedPersonnelDemo({ ctx }: { ctx: Ctx }): Promise<void> {
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(personnelActions).where(sql`${personnelActions.isDemo}`)) as [{ n: number }];
  if (n > 0) return;
  await withTransaction(ctx, async (tx) => {
    const as = (a: Actor): Ctx => ({ ...tx, actor: a });
    let k = 0;
    const id = () => `demo-personnel-${String(++k).padStart(3, "0")}`;
    for (const [i, p] of (["34", "31", "40", "57", "76"] as const).entries()) {
      const [moved, appointed] = PEOPLE[p]!;
      await recordPersonnelAction({
        ctx: as(governor(p)),
        input: { id: id(), isDemo: true, provinceCode: p, kind: "transfer", personName: moved, positionTh: "นักวิเคราะห์นโยบายและแผนชำนาญการ", fromOrgId: `pro:${p}:community-development`, toOrgId: `pro:${p}:provincial-office`, detailsTh: "ย้ายไปปฏิบัติงานกลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด เพื่อขับเคลื่อนประเด็นท้าทายของจังหวัด (ตัวอย่าง)", effectiveOn: `2026-0${3 + i}-01`, orderNo: `คำสั่งจังหวัด${GOVERNORS[p]!.nameTh} ที่ ${120 + i}/2569 (ตัวอย่าง)` },
      });
      await recordPersonnelAction({
        ctx: as(MOI_OFFICER),
        input: { id: id(), isDemo: true, provinceCode: p, kind: "appointment", personName: appointed, positionTh: "นักวิชาการที่ดินปฏิบัติการ", toOrgId: `pro:${p}:land`, detailsTh: "บรรจุและแต่งตั้งผู้สอบแข่งขันได้ (อำนาจยังไม่ได้มอบให้จังหวัด กรมที่ดินเป็นผู้สั่ง) (ตัวอย่าง)", effectiveOn: `2026-0${4 + i}-15`, orderNo: `คำสั่งกรมที่ดิน ที่ ${800 + i}/2569 (ตัวอย่าง)` },
      });
    }
    const south: [string, string, string][] = [
      ["94", "นางสาวซารีนา คนพื้นที่ (ตัวอย่าง)", "pro:94:provincial-administration"],
      ["95", "นายอับดุลเลาะ คนพื้นที่ (ตัวอย่าง)", "pro:95:community-development"],
      ["96", "นางสาวนูรีซัน คนพื้นที่ (ตัวอย่าง)", "pro:96:public-health"],
    ];
    for (const [i, [p, name, org]] of south.entries()) {
      await recordPersonnelAction({
        ctx: as(governor(p)),
        input: { id: id(), isDemo: true, provinceCode: p, kind: "special-recruitment", personName: name, positionTh: i === 2 ? "พยาบาลวิชาชีพปฏิบัติการ" : "เจ้าพนักงานปกครองปฏิบัติงาน", toOrgId: org, detailsTh: "สรรหาคนในพื้นที่กรณีพิเศษ จังหวัดชายแดนภาคใต้ ตามกรอบอัตรากำลังที่ ก.พ. อนุมัติ (ตัวอย่าง)", effectiveOn: `2026-06-0${1 + i}`, orderNo: `คำสั่งจังหวัด${GOVERNORS[p]!.nameTh} ที่ ${300 + i}/2569 (ตัวอย่าง)` },
      });
    }

    // the recruitment of a governor: recruitment committee → candidates → assessment → selection committee → decision
    const moi = as(MOI_OFFICER);
    const rec = await createCommittee({
      ctx: moi,
      input: {
        id: "demo-committee-recruit-76",
        isDemo: true,
        kind: "recruitment",
        provinceCode: "76",
        titleTh: "คณะกรรมการสรรหาผู้ว่าราชการจังหวัดเพชรบุรี (ตัวอย่าง)",
        titleEn: "Recruitment committee, Governor of Phetchaburi (demo)",
        positionTh: "ผู้ว่าราชการจังหวัดเพชรบุรี",
        appointedOn: "2026-07-01",
        orderNo: "คำสั่งกระทรวงมหาดไทย ที่ 1501/2569 (ตัวอย่าง)",
        members: [
          { name: "นายประธาน สรรหา (ตัวอย่าง)", role: "chair", positionTh: "ปลัดกระทรวงมหาดไทย", orgId: "moi.ops" },
          { name: "นางกรรมการ ปกครอง (ตัวอย่าง)", role: "member", positionTh: "อธิบดีกรมการปกครอง", orgId: "moi.dopa" },
          { name: "นายกรรมการ พัฒนาระบบ (ตัวอย่าง)", role: "member", positionTh: "ผู้แทนสำนักงาน ก.พ.ร.", orgId: "opm.opdc" },
          { name: "นางสาวเลขา การเจ้าหน้าที่ (ตัวอย่าง)", role: "secretary", positionTh: "ผู้อำนวยการกองการเจ้าหน้าที่ สำนักงานปลัดกระทรวงมหาดไทย", orgId: "moi.ops" },
        ],
      },
    });
    const withCands = await addCandidates({
      ctx: moi,
      input: {
        committeeId: rec.id,
        candidates: [
          { name: "นายผู้สมัคร หนึ่ง (ตัวอย่าง)", currentPositionTh: "รองผู้ว่าราชการจังหวัดราชบุรี", currentOrgId: "prov:70" },
          { name: "นางผู้สมัคร สอง (ตัวอย่าง)", currentPositionTh: "รองผู้ว่าราชการจังหวัดเพชรบุรี", currentOrgId: "prov:76" },
          { name: "นายผู้สมัคร สาม (ตัวอย่าง)", currentPositionTh: "ผู้ตรวจราชการกระทรวงมหาดไทย", currentOrgId: "moi.ops" },
          { name: "นายผู้สมัคร สี่ (ตัวอย่าง)", currentPositionTh: "รองผู้ว่าราชการจังหวัดประจวบคีรีขันธ์", currentOrgId: "prov:77" },
        ],
      },
    });
    const [c1, c2, c3, c4] = withCands.candidates.map((c) => c.id) as [string, string, string, string];
    await recordAssessment({
      ctx: moi,
      input: { committeeId: rec.id, assessedOn: "2026-08-14", scores: [{ candidateId: c1, score: 84.5 }, { candidateId: c2, score: 88 }, { candidateId: c3, score: 79.25 }, { candidateId: c4, score: 71 }], shortlist: [c2, c1, c3], assessmentTh: "ประเมินจากผลงาน วิสัยทัศน์การพัฒนาจังหวัด (ขจัดขยะมูลฝอย) และการสัมภาษณ์ เสนอบัญชีรายชื่อสามคน (ตัวอย่าง)" },
    });
    const sel = await createCommittee({
      ctx: moi,
      input: {
        id: "demo-committee-select-76",
        isDemo: true,
        kind: "selection",
        parentCommitteeId: rec.id,
        titleTh: "คณะกรรมการคัดเลือกผู้ว่าราชการจังหวัดเพชรบุรี (ตัวอย่าง)",
        titleEn: "Selection committee, Governor of Phetchaburi (demo)",
        positionTh: "ผู้ว่าราชการจังหวัดเพชรบุรี",
        appointedOn: "2026-08-20",
        orderNo: "คำสั่งกระทรวงมหาดไทย ที่ 1720/2569 (ตัวอย่าง)",
        members: [
          { name: "นายประธาน คัดเลือก (ตัวอย่าง)", role: "chair", positionTh: "รัฐมนตรีว่าการกระทรวงมหาดไทย" },
          { name: "นายกรรมการ ข้าราชการพลเรือน (ตัวอย่าง)", role: "member", positionTh: "เลขาธิการ ก.พ.", orgId: "opm.ocsc" },
          { name: "นายประธาน สรรหา (ตัวอย่าง)", role: "member", positionTh: "ปลัดกระทรวงมหาดไทย", orgId: "moi.ops" },
          { name: "นางสาวเลขา การเจ้าหน้าที่ (ตัวอย่าง)", role: "secretary", positionTh: "ผู้อำนวยการกองการเจ้าหน้าที่ สำนักงานปลัดกระทรวงมหาดไทย", orgId: "moi.ops" },
        ],
      },
    });
    await decideSelection({ ctx: moi, input: { committeeId: sel.id, selectedCandidateId: c2, decisionOn: "2026-09-15", decisionTh: "มีมติเลือกผู้มีคะแนนสูงสุดในบัญชีรายชื่อ เสนอคณะรัฐมนตรีพิจารณาแต่งตั้ง (ตัวอย่าง)" } });
    await writeAudit(tx, { action: "delegation.seed.personnel-demo", entityType: "personnel-action", entityId: "demo", after: { actions: k, committees: 2 } });
  });
}
