import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { createDelegation } from "./create-delegation.js";
import { revokeDelegation } from "./revoke-delegation.js";
import { delegations } from "./tables.js";

/** The five 2024 pilot provinces. */
export const PILOTS = ["34", "31", "40", "57", "76"] as const;
/** Districts of each pilot province whose chief receives onward delegations in the demo (the capital district). */
const CAPITAL_DISTRICT: Record<(typeof PILOTS)[number], string> = { "34": "3401", "31": "3101", "40": "4001", "57": "5701", "76": "7601" };

type Spec = Parameters<typeof createDelegation>[0]["input"];

/**
 * Demo scenario (labelled demo): delegation instruments for the 2024 pilot provinces, built through the same use
 * case users call, so every chain obeys the rules. Instrument numbers say "(ตัวอย่าง)": they are not real orders.
 * - nation-wide: provincial budget management to every CEO governor (Royal Decree 2008 era), transfers within the
 *   province, personnel management of central officials; leftover funds Budget Bureau → head of DOPA → governors;
 *   procurement approvals with a 10-million-baht cap, onward to vice governors with 5 million;
 * - per pilot province: public-land use permits to the governor and on to the capital district's chief (500,000
 *   baht), hotel licences; one expired and one revoked instrument so that every status shows;
 * - Khon Kaen's state-land lease (P-ADM-013) stays central: the demo request asks for it (seed-demo-requests).
 * - special local recruitment to the governors of the three southern border provinces only;
 * - amending projects of the provincial plan (P-BUD-004, Budget Bureau, from 1 Oct 2025, ≤ 20 M baht) to the
 *   governors of Phetchaburi, Khon Kaen, Buriram and Ubon; Chiang Rai stays central.
 */
export async function seedDelegationDemo({ ctx }: { ctx: Ctx }): Promise<void> {
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(delegations).where(sql`${delegations.isDemo}`)) as [{ n: number }];
  if (n > 0) return;
  await withTransaction(ctx, async (tx) => {
    let k = 0;
    const make = async (s: Spec) => (await createDelegation({ ctx: tx, input: { ...s, id: `demo-deleg-${String(++k).padStart(3, "0")}`, isDemo: true } })).id;
    const no = (who: string, x: number, year = 2568) => `${who} ที่ ${x}/${year} (ตัวอย่าง)`;

    // nation-wide instruments
    await make({ powerCode: "P-BUD-005", delegateRole: "governor", instrumentNo: no("คำสั่งสำนักงบประมาณ", 1, 2551), instrumentDate: "2008-10-01", effectiveFrom: "2008-10-01", maySubdelegate: false });
    await make({ powerCode: "P-HR-003", delegateRole: "governor", instrumentNo: no("หนังสือสำนักงาน ก.พ.", 12, 2565), instrumentDate: "2022-10-01", effectiveFrom: "2022-10-01", maySubdelegate: false });
    await make({ powerCode: "P-HR-001", delegateRole: "governor", instrumentNo: no("หนังสือสำนักงาน ก.พ.ร. ที่ นร 1203/ว 2", 2, 2546), instrumentDate: "2003-09-22", effectiveFrom: "2003-10-01", maySubdelegate: true });
    const bbToDopa = await make({ powerCode: "P-BUD-001", delegateRole: "agency_head", delegateOrgId: "moi.dopa", instrumentNo: no("คำสั่งสำนักงบประมาณ", 7), instrumentDate: "2024-10-01", effectiveFrom: "2024-10-01", maySubdelegate: true });
    await make({ powerCode: "P-BUD-001", parentId: bbToDopa, delegateRole: "governor", instrumentNo: no("คำสั่งกรมการปกครอง", 31), instrumentDate: "2024-10-15", effectiveFrom: "2024-10-15", maySubdelegate: false });
    const cgdToMoi = await make({ powerCode: "P-PRC-002", delegateRole: "agency_head", delegateOrgId: "moi.ops", amountCap: 10_000_000, instrumentNo: no("หนังสือกรมบัญชีกลาง", 5), instrumentDate: "2024-10-01", effectiveFrom: "2024-10-01", maySubdelegate: true });
    const procGov = await make({ powerCode: "P-PRC-002", parentId: cgdToMoi, delegateRole: "governor", amountCap: 10_000_000, instrumentNo: no("คำสั่งสำนักงานปลัดกระทรวงมหาดไทย", 44), instrumentDate: "2024-10-20", effectiveFrom: "2024-10-20", maySubdelegate: true });
    for (const s of ["94", "95", "96"]) {
      await make({ powerCode: "P-HR-002", delegateRole: "governor", provinceCode: s, instrumentNo: no("คำสั่ง ก.พ.", 3, 2567), instrumentDate: "2024-06-01", effectiveFrom: "2024-06-01", effectiveTo: "2027-09-30", maySubdelegate: false, conditionsTh: "เฉพาะการสรรหาคนในพื้นที่ตามกรอบอัตรากำลังที่ ก.พ. อนุมัติ" });
    }

    for (const p of PILOTS) {
      const gov = await make({ powerCode: "P-ADM-015", delegateRole: "governor", provinceCode: p, instrumentNo: no("คำสั่งกรมที่ดิน", 100 + Number(p)), instrumentDate: "2024-11-01", effectiveFrom: "2024-11-01", maySubdelegate: true, conditionsTh: "ต้องมีความเห็นขององค์กรปกครองส่วนท้องถิ่นที่ดูแลที่ดินแปลงนั้น" });
      await make({ powerCode: "P-ADM-015", parentId: gov, delegateRole: "district_chief", districtCode: CAPITAL_DISTRICT[p], amountCap: 500_000, instrumentNo: no(`คำสั่งจังหวัด`, 200 + Number(p)), instrumentDate: "2024-12-01", effectiveFrom: "2024-12-01", maySubdelegate: false, conditionsTh: "ค่าตอบแทนการใช้ที่ดินไม่เกิน 500,000 บาทต่อคำขอ" });
      await make({ powerCode: "P-ADM-010", delegateRole: "governor", provinceCode: p, instrumentNo: no("คำสั่งกรมการปกครอง", 300 + Number(p)), instrumentDate: "2024-11-01", effectiveFrom: "2024-11-01", maySubdelegate: false });
      await make({ powerCode: "P-PRC-002", parentId: procGov, delegateRole: "vice_governor", provinceCode: p, amountCap: 5_000_000, instrumentNo: no(`คำสั่งจังหวัด`, 400 + Number(p)), instrumentDate: "2024-11-15", effectiveFrom: "2024-11-15", maySubdelegate: false });
    }
    // an expired instrument (Chiang Rai, teak on private land, FY 2568 only) and a revoked one (Buriram, fuel premises)
    await make({ powerCode: "P-ADM-009", delegateRole: "governor", provinceCode: "57", instrumentNo: no("คำสั่งกรมป่าไม้", 9), instrumentDate: "2024-10-01", effectiveFrom: "2024-10-01", effectiveTo: "2025-09-30", maySubdelegate: false });
    const fuel = await make({ powerCode: "P-ADM-011", delegateRole: "governor", provinceCode: "31", instrumentNo: no("คำสั่งกรมธุรกิจพลังงาน", 11), instrumentDate: "2024-10-01", effectiveFrom: "2024-10-01", maySubdelegate: false });
    await revokeDelegation({ ctx: tx, input: { delegationId: fuel, revokedFrom: "2025-07-01", reasonTh: "กรมธุรกิจพลังงานรวมการอนุญาตไว้ที่ส่วนกลางตามกฎกระทรวงฉบับใหม่ (ตัวอย่าง)" } });
    // amending projects of the provincial plan instead of the centre (P-BUD-004, issued by the Budget Bureau) from
    // FY 2569, up to 20 million baht per project, to four of the pilots; Chiang Rai's amendments still go central
    // (added last so that the earlier instruments keep their demo ids)
    for (const p of ["76", "40", "31", "34"] as const) {
      await make({ powerCode: "P-BUD-004", delegateRole: "governor", provinceCode: p, amountCap: 20_000_000, instrumentNo: no("คำสั่งสำนักงบประมาณ", 500 + Number(p)), instrumentDate: "2025-09-15", effectiveFrom: "2025-10-01", maySubdelegate: false, conditionsTh: "เฉพาะโครงการในแผนพัฒนาจังหวัดที่ได้รับอนุมัติแล้ว โดยผ่านความเห็นชอบของคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ และวงเงินโครงการหลังแก้ไขไม่เกิน 20 ล้านบาท" });
    }
    await writeAudit(tx, { action: "delegation.seed.demo", entityType: "delegation", entityId: "demo", after: { instruments: k } });
  });
}
