import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { addDays, bangkokToday } from "../../platform/thai/dates.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { DEMO_SEAT_PARTNERS, partnerIdByName } from "../networks/index.js";
import { projectIdByCode } from "../planning/index.js";
import { lookupOrganizations } from "../registry/index.js";
import { addActionItem, updateActionItem } from "./action-items.js";
import { addAgendaItem } from "./agenda.js";
import { createCommittee } from "./create-committee.js";
import { holdMeeting } from "./hold-meeting.js";
import { recordResolution } from "./record-resolution.js";
import { scheduleMeeting } from "./schedule-meeting.js";
import { addSeat } from "./seats.js";
import { committees, committeeSeats } from "./tables.js";

/** Each ministry's seat on a provincial committee, held by the head of one of its provincial agencies. */
const MINISTRY_SEATS: [ministryId: string, officeType: string][] = [
  ["moi", "provincial-administration"],
  ["moph", "public-health"],
  ["moj", "prison"],
  ["mof", "comptroller"],
  ["mind", "industry"],
  ["moc", "commerce"],
  ["msdhs", "social-development-human-security"],
  ["mol", "labour"],
  ["moac", "agriculture-cooperatives"],
  ["mot", "land-transport"],
  ["opm", "public-relations"],
  ["mdes", "statistics"],
  ["mnre", "natural-resources-environment"],
  ["mculture", "culture"],
  ["mots", "tourism-sports"],
  ["moen", "energy"],
  ["mod", "military-recruitment"],
  ["moe", "education"],
];
const P = "31";
const secretary = (): Actor => ({ kind: "user", id: "demo-committee-secretary-31", name: "เลขานุการคณะกรมการจังหวัดบุรีรัมย์ (ตัวอย่าง)", grants: [{ role: "strategy_officer", scope: `area:province:${P}` }] });

/**
 * Buriram's provincial executive committee (คณะกรมการจังหวัด) as a demo: a seat for each of 18 ministries with a
 * provincial agency, the governor in the chair, the provincial office as secretary, three private-sector and civil
 * seats; three monthly meetings held (agenda on the demo KPI and One Plan project, votes, action items: one done, one
 * overdue that has come back twice, one new) and the next meeting scheduled, where the open items already wait.
 * A second committee (sports-tourism advisory) has stopped meeting, so the cadence warning shows; a trouble-shooting
 * team on the drought meets every two weeks (one meeting held with an action item, the next scheduled). Skipped when seeded.
 */
export async function seedCommitteesDemo(ctx: Ctx): Promise<void> {
  const [done] = await ctx.db.select({ id: committees.id }).from(committees).where(eq(committees.registryOrgId, `committee:${P}:executive`)).limit(1);
  if (done) return;
  const today = bangkokToday(ctx.now());
  const day = (n: number) => addDays(today, n);
  const as: Ctx = { ...ctx, actor: secretary() };
  const orgs = await lookupOrganizations(ctx, [`prov:${P}`, `pro:${P}:provincial-office`, ...MINISTRY_SEATS.map(([, t]) => `pro:${P}:${t}`)]);
  const name = (id: string) => orgs.get(id)?.nameTh ?? id;
  const nameEn = (id: string) => orgs.get(id)?.nameEn ?? id;

  const { id: cid } = await createCommittee({
    ctx: as,
    input: { kind: "executive", provinceCode: P, registryOrgId: `committee:${P}:executive`, nameTh: "คณะกรมการจังหวัดบุรีรัมย์ (ตัวอย่าง)", nameEn: "Buriram Provincial Executive Committee (demo)", cadenceDays: 31 },
  });
  const since = day(-100);
  const seat = (input: Parameters<typeof addSeat>[0]["input"]) => addSeat({ ctx: as, committeeId: cid, input: { startedOn: since, ...input } });
  const chair = await seat({ kind: "chair", holderOrgId: `prov:${P}`, holderNameTh: "ผู้ว่าราชการจังหวัดบุรีรัมย์ (ประธาน)", holderNameEn: "Governor of Buriram (chair)" });
  const ministrySeats: { id: string; ministryId: string }[] = [];
  for (const [ministryId, type] of MINISTRY_SEATS) {
    const org = `pro:${P}:${type}`;
    const s = await seat({ kind: "ministry", ministryId, holderOrgId: org, holderNameTh: `หัวหน้า${name(org)}`, holderNameEn: `Head, ${nameEn(org)}` });
    ministrySeats.push({ id: s.id, ministryId });
  }
  // the networks demo (seeded first) has these bodies as partners; without it the seats simply name no partner
  const partner = async (nameTh: string) => (await partnerIdByName(ctx, P, nameTh)) ?? undefined;
  const privateSeats = [
    await seat({ kind: "private", partnerId: await partner(DEMO_SEAT_PARTNERS.chamber31), holderNameTh: "ประธานหอการค้าจังหวัดบุรีรัมย์ (ตัวอย่าง)", holderNameEn: "President, Buriram Chamber of Commerce (demo)" }),
    await seat({ kind: "private", partnerId: await partner(DEMO_SEAT_PARTNERS.industries31), holderNameTh: "ประธานสภาอุตสาหกรรมจังหวัดบุรีรัมย์ (ตัวอย่าง)", holderNameEn: "Chair, Federation of Thai Industries, Buriram (demo)" }),
    await seat({ kind: "civil", partnerId: await partner(DEMO_SEAT_PARTNERS.farmers31), holderNameTh: "ประธานสภาเกษตรกรจังหวัดบุรีรัมย์ (ตัวอย่าง)", holderNameEn: "Chair, Buriram Farmers Council (demo)" }),
  ];
  await seat({ kind: "secretary", holderOrgId: `pro:${P}:provincial-office`, holderNameTh: `หัวหน้า${name(`pro:${P}:provincial-office`)} (เลขานุการ)`, holderNameEn: `Head, ${nameEn(`pro:${P}:provincial-office`)} (secretary)` });
  const voters = [chair.id, ...ministrySeats.map((s) => s.id), ...privateSeats.map((s) => s.id)];

  const kpi = "demo-kpi-31-1";
  const project = await projectIdByCode(ctx, `DEMO-${P}-${fiscalYearOf(today)}-01`) ?? await projectIdByCode(ctx, `DEMO-${P}-${fiscalYearOf(today) - 1}-01`);
  const meet = async (ago: number, fn: (meetingId: string) => Promise<void>, minutesTh: string) => {
    const m = await scheduleMeeting({ ctx: as, committeeId: cid, input: { scheduledOn: day(-ago), place: "ห้องประชุมพนมรุ้ง ศาลากลางจังหวัดบุรีรัมย์" } });
    await fn(m.id);
    await holdMeeting({ ctx: as, meetingId: m.id, input: { heldOn: day(-ago), minutesTh } });
    return m.id;
  };
  const vote = (against: number, abstain: number) => voters.map((seatId, n) => ({ seatId, vote: (n < against ? "against" : n < against + abstain ? "abstain" : "for") as "for" }));

  let overdueItem = "";
  let doneItem = "";
  await meet(76, async (m) => {
    const a = await addAgendaItem({ ctx: as, meetingId: m, input: { kind: "inform", titleTh: "ผลการไกล่เกลี่ยหนี้นอกระบบ ไตรมาสที่ผ่านมา", titleEn: "Informal-debt mediation last quarter", link: { type: "kpi", id: kpi } } });
    await recordResolution({ ctx: as, meetingId: m, input: { agendaItemId: a.id, textTh: "ที่ประชุมรับทราบ" } });
    const b = await addAgendaItem({ ctx: as, meetingId: m, input: { kind: "decide", titleTh: "แนวทางเร่งรัดการเบิกจ่ายงบประมาณจังหวัด", titleEn: "Speeding up the province's disbursement" } });
    await recordResolution({ ctx: as, meetingId: m, input: { agendaItemId: b.id, textTh: "เห็นชอบให้ทุกส่วนราชการรายงานผลการเบิกจ่ายทุกสัปดาห์", votes: vote(1, 1) } });
    doneItem = (await addActionItem({ ctx: as, meetingId: m, input: { agendaItemId: b.id, titleTh: "จัดทำรายงานผลการเบิกจ่ายรายสัปดาห์ส่งสำนักงานจังหวัด", titleEn: "Weekly disbursement report to the provincial office", ownerOrgId: `pro:${P}:comptroller`, dueOn: day(-60) } })).id;
  }, "ประชุมครบองค์ประชุม ประธานกล่าวเปิดประชุม ที่ประชุมรับทราบผลการไกล่เกลี่ยหนี้และเห็นชอบแนวทางเร่งรัดการเบิกจ่าย (ตัวอย่าง)");
  await updateActionItem({ ctx: as, actionItemId: doneItem, input: { status: "done", progressTh: "ส่งรายงานทุกวันศุกร์ตั้งแต่สัปดาห์ที่ผ่านมา" } });
  await meet(47, async (m) => {
    const a = await addAgendaItem({ ctx: as, meetingId: m, input: { kind: "decide", titleTh: "เส้นทางท่องเที่ยวเชิงกีฬารอบสนามช้างอารีนา", titleEn: "Sports tourism routes around Chang Arena", ...(project ? { link: { type: "project" as const, id: project } } : {}) } });
    await recordResolution({ ctx: as, meetingId: m, input: { agendaItemId: a.id, textTh: "เห็นชอบในหลักการ ให้สำนักงานการท่องเที่ยวและกีฬาจังหวัดจัดทำแผนร่วมกับภาคเอกชน", votes: vote(0, 2) } });
    overdueItem = (await addActionItem({ ctx: as, meetingId: m, input: { agendaItemId: a.id, titleTh: "จัดทำแผนเส้นทางท่องเที่ยวร่วมกับหอการค้าจังหวัด", titleEn: "Draw up the route plan with the Chamber of Commerce", ownerOrgId: `pro:${P}:tourism-sports`, dueOn: day(-20) } })).id;
  }, "ที่ประชุมเห็นชอบในหลักการโครงการเส้นทางท่องเที่ยวเชิงกีฬา และมอบหมายสำนักงานการท่องเที่ยวและกีฬาจังหวัด (ตัวอย่าง)");
  await updateActionItem({ ctx: as, actionItemId: overdueItem, input: { status: "open", progressTh: "อยู่ระหว่างประสานหอการค้าจังหวัด" } });
  await meet(16, async (m) => {
    const a = await addAgendaItem({ ctx: as, meetingId: m, input: { kind: "decide", titleTh: "การเตรียมรับมือภัยแล้งปี 2570", titleEn: "Preparing for the 2027 drought" } });
    await recordResolution({ ctx: as, meetingId: m, input: { agendaItemId: a.id, textTh: "เห็นชอบแผนแจกจ่ายน้ำและให้อำเภอสำรวจบ่อบาดาลที่ใช้การไม่ได้", votes: vote(0, 0) } });
    await addActionItem({ ctx: as, meetingId: m, input: { agendaItemId: a.id, titleTh: "สำรวจบ่อบาดาลที่ใช้การไม่ได้ทุกอำเภอ", titleEn: "Survey broken wells in every district", ownerOrgId: `pro:${P}:natural-resources-environment`, dueOn: day(20) } });
  }, "ที่ประชุมติดตามเรื่องที่มอบหมาย และเห็นชอบแผนเตรียมรับมือภัยแล้ง (ตัวอย่าง)");
  await scheduleMeeting({ ctx: as, committeeId: cid, input: { scheduledOn: day(15), place: "ห้องประชุมพนมรุ้ง ศาลากลางจังหวัดบุรีรัมย์" } });

  // an advisory committee that stopped meeting: its cadence shows late
  const { id: adv } = await createCommittee({ ctx: as, input: { kind: "advisory", provinceCode: P, nameTh: "คณะกรรมการที่ปรึกษาภาคเอกชนด้านการท่องเที่ยวเชิงกีฬา (ตัวอย่าง)", nameEn: "Private-sector advisory committee on sports tourism (demo)", cadenceDays: 31 } });
  await addSeat({ ctx: as, committeeId: adv, input: { kind: "chair", holderOrgId: `prov:${P}`, holderNameTh: "รองผู้ว่าราชการจังหวัดบุรีรัมย์ (ประธาน)", holderNameEn: "Vice Governor of Buriram (chair)", startedOn: day(-150) } });
  await addSeat({ ctx: as, committeeId: adv, input: { kind: "private", partnerId: await partner(DEMO_SEAT_PARTNERS.hotels31), holderNameTh: "ผู้แทนสมาคมโรงแรมจังหวัดบุรีรัมย์ (ตัวอย่าง)", holderNameEn: "Buriram Hotels Association (demo)", startedOn: day(-150) } });
  await meet2(as, adv, day(-140));
  await meet2(as, adv, day(-100));

  const team = await seedTroubleshootingTeam(as, partner, day);

  await withTransaction(ctx, async (tx) => {
    await tx.db.update(committees).set({ createdAt: new Date(`${day(-30)}T09:00:00+07:00`), isDemo: true }).where(eq(committees.id, team));
    // the demo committees were set up before their first meetings (creation is stamped now by the use case)
    await tx.db.update(committees).set({ createdAt: new Date(`${since}T09:00:00+07:00`), isDemo: true }).where(eq(committees.id, cid));
    await tx.db.update(committees).set({ createdAt: new Date(`${day(-150)}T09:00:00+07:00`), isDemo: true }).where(eq(committees.id, adv));
    await writeAudit(tx, { action: "committees.seed.demo", entityType: "committee", entityId: cid, provinceCode: P, after: { committees: [cid, adv, team], seats: (await tx.db.select({ id: committeeSeats.id }).from(committeeSeats).where(eq(committeeSeats.committeeId, cid))).length } });
  });
}

/**
 * A trouble-shooting team (ทีมแก้ไขปัญหา) on the drought: the vice governor in the chair, the three ministries whose
 * provincial agencies act on water, the farmers council; one meeting held six days ago that asked the agriculture
 * office to survey farms short of water (open, with a progress note), and the next meeting, where that item waits.
 */
async function seedTroubleshootingTeam(as: Ctx, partner: (nameTh: string) => Promise<string | undefined>, day: (n: number) => string): Promise<string> {
  const { id } = await createCommittee({ ctx: as, input: { kind: "troubleshooting", provinceCode: P, nameTh: "ทีมแก้ไขปัญหาภัยแล้งเฉพาะกิจ จังหวัดบุรีรัมย์ (ตัวอย่าง)", nameEn: "Buriram drought trouble-shooting team (demo)", cadenceDays: 14 } });
  const since = day(-30);
  const seat = (input: Parameters<typeof addSeat>[0]["input"]) => addSeat({ ctx: as, committeeId: id, input: { startedOn: since, ...input } });
  const voters = [(await seat({ kind: "chair", holderOrgId: `prov:${P}`, holderNameTh: "รองผู้ว่าราชการจังหวัดบุรีรัมย์ (หัวหน้าทีม)", holderNameEn: "Vice Governor of Buriram (team lead)" })).id];
  for (const [ministryId, type, th, en] of [
    ["moi", "provincial-administration", "ปลัดจังหวัดบุรีรัมย์", "Chief of provincial administration, Buriram"],
    ["mnre", "natural-resources-environment", "ทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดบุรีรัมย์", "Buriram natural resources and environment office"],
    ["moac", "agriculture-cooperatives", "เกษตรและสหกรณ์จังหวัดบุรีรัมย์", "Buriram agriculture and cooperatives office"],
  ] as const)
    voters.push((await seat({ kind: "ministry", ministryId, holderOrgId: `pro:${P}:${type}`, holderNameTh: th, holderNameEn: en })).id);
  voters.push((await seat({ kind: "civil", partnerId: await partner(DEMO_SEAT_PARTNERS.farmers31), holderNameTh: "ผู้แทนสภาเกษตรกรจังหวัดบุรีรัมย์ (ตัวอย่าง)", holderNameEn: "Buriram Farmers Council (demo)" })).id);
  await seat({ kind: "secretary", holderOrgId: `pro:${P}:provincial-office`, holderNameTh: "สำนักงานจังหวัดบุรีรัมย์ (เลขานุการทีม)", holderNameEn: "Buriram provincial office (team secretary)" });
  const m = await scheduleMeeting({ ctx: as, committeeId: id, input: { scheduledOn: day(-6), place: "ศูนย์ปฏิบัติการจังหวัดบุรีรัมย์" } });
  const a = await addAgendaItem({ ctx: as, meetingId: m.id, input: { kind: "decide", titleTh: "จัดสรรรถบรรทุกน้ำให้หมู่บ้านที่ขาดแคลนน้ำอุปโภคบริโภค", titleEn: "Water trucks for villages short of drinking water" } });
  await recordResolution({ ctx: as, meetingId: m.id, input: { agendaItemId: a.id, textTh: "เห็นชอบให้อำเภอจัดรถบรรทุกน้ำตามลำดับความเดือดร้อน และให้สำรวจพื้นที่เกษตรที่ขาดน้ำ", votes: voters.map((seatId) => ({ seatId, vote: "for" as const })) } });
  const item = await addActionItem({ ctx: as, meetingId: m.id, input: { agendaItemId: a.id, titleTh: "สำรวจพื้นที่เกษตรที่ขาดน้ำและเสนอแผนช่วยเหลือ", titleEn: "Survey farms short of water and propose relief", ownerOrgId: `pro:${P}:agriculture-cooperatives`, dueOn: day(8) } });
  await holdMeeting({ ctx: as, meetingId: m.id, input: { heldOn: day(-6), minutesTh: "ทีมแก้ไขปัญหาติดตามสถานการณ์ภัยแล้ง เห็นชอบการจัดรถบรรทุกน้ำ และมอบหมายการสำรวจพื้นที่เกษตร (ตัวอย่าง)" } });
  await updateActionItem({ ctx: as, actionItemId: item.id, input: { status: "open", progressTh: "สำรวจแล้ว 9 จาก 23 อำเภอ" } });
  // the next meeting: the survey, still open, waits on its agenda
  await scheduleMeeting({ ctx: as, committeeId: id, input: { scheduledOn: day(8), place: "ศูนย์ปฏิบัติการจังหวัดบุรีรัมย์" } });
  return id;
}

async function meet2(as: Ctx, committeeId: string, on: string) {
  const m = await scheduleMeeting({ ctx: as, committeeId, input: { scheduledOn: on } });
  await holdMeeting({ ctx: as, meetingId: m.id, input: { heldOn: on, minutesTh: "ที่ประชุมหารือแนวทางส่งเสริมการท่องเที่ยวเชิงกีฬา (ตัวอย่าง)" } });
}
