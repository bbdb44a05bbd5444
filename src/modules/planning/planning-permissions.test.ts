import sharp from "sharp";
/**
 * The planning module's permission matrix: every write operation (each use case that asks a `planning:*` right) and
 * the scoped reads, × every role × where the role's grant sits relative to the record (in, above, beside, out).
 * The expected answer is derived, never listed per role: the roles come from POLICY (platform/auth/policy.ts), and a
 * grant reaches the record when it is one of the scopes the operation is checked on or contains one of them (the
 * hierarchy PARENTS, itself checked against the registry below). Refusals are 403 `auth.forbidden` naming the
 * operation and write nothing (target tables and the actor's audit records unchanged); allowed calls succeed.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor, type Actor } from "../../platform/auth/actor.js";
import { POLICY, ROLE_SCOPES, ROLES, type Operation, type RoleId } from "../../platform/auth/policy.js";
import { parseScopeKey } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { acceptImport, importRunner } from "../registry/index.js";
import { addMilestone } from "./add-milestone.js";
import { approvePlan } from "./approve-plan.js";
import { cancelProcurement } from "./cancel-procurement.js";
import { changeMatchingStatus } from "./change-matching-status.js";
import { changeProjectStatus } from "./change-project-status.js";
import { completeMilestone } from "./complete-milestone.js";
import { completeProcurement } from "./complete-procurement.js";
import { consolidatePlan } from "./consolidate-plan.js";
import { juristicTaxId } from "./contracts-procurement.js";
import { createMatchingFund } from "./create-matching-fund.js";
import { createPlan } from "./create-plan.js";
import { createProcurement } from "./create-procurement.js";
import { createProject } from "./create-project.js";
import { decideAmendment } from "./decide-amendment.js";
import { decideEmergencyRequest } from "./decide-emergency-request.js";
import { getBudgetDashboard } from "./get-budget-dashboard.js";
import { getEmergencyHeadroom } from "./get-emergency-headroom.js";
import { getEmergencyRequest } from "./get-emergency-request.js";
import { getLeftoverPool } from "./get-leftover-pool.js";
import { getMatchingFund } from "./get-matching-fund.js";
import { getOcdsPackage } from "./get-ocds-release.js";
import { getPlan } from "./get-plan.js";
import { getProcurement } from "./get-procurement.js";
import { getProject } from "./get-project.js";
import { getProjectPage } from "./get-project-page.js";
import { getProjectProgress } from "./get-project-progress.js";
import { getProjectTimeline } from "./get-project-timeline.js";
import { registerPlanningImports } from "./import-planning.js";
import { listProjects } from "./list-projects.js";
import { openTender } from "./open-tender.js";
import { pmDecideEmergencyRequest } from "./pm-decide-emergency-request.js";
import { prioritisePlan } from "./prioritise-plan.js";
import { reallocateLeftoverFund } from "./reallocate-leftover-fund.js";
import { recordAllocationNotice } from "./record-allocation-notice.js";
import { recordAward } from "./record-award.js";
import { recordBudgetAct } from "./record-budget-act.js";
import { recordFrameShift } from "./record-frame-shift.js";
import { recordLeftoverFund } from "./record-leftover-fund.js";
import { recordMatchingEntry } from "./record-matching-entry.js";
import { recordOperatingPlan } from "./record-operating-plan.js";
import { recordPayment } from "./record-payment.js";
import { recordProgress } from "./record-progress.js";
import { requestAmendment } from "./request-amendment.js";
import { resolveDuplicate } from "./resolve-duplicate.js";
import { screenEmergencyRequest } from "./screen-emergency-request.js";
import { signContract } from "./sign-contract.js";
import { submitEmergencyRequest } from "./submit-emergency-request.js";
import { updateProject } from "./update-project.js";
import { uploadProjectFile } from "./upload-project-file.js";

let db: Database;
beforeAll(async () => {
  registerPlanningImports();
  db = await createTestDb();
});
afterAll(async () => db?.close());

// ─── where things are ────────────────────────────────────────────────────────────────────────────────────────────

/** The records sit in Phetchaburi (76, cluster C4, region west), district 7601; owned by its agricultural extension office. */
const OWNER = "pro:76:agricultural-extension";
const OWNER_KEY = `org:${OWNER}`;
const PROVINCE = "area:province:76";
const DISTRICT = "area:district:7601";

/** Each scope's direct containers, as the registry answers (checked below): a grant reaches what lies beneath it. */
const PARENTS: Record<string, string[]> = {
  [OWNER_KEY]: ["org:moac.doae", PROVINCE],
  "org:moac.doae": ["org:moac"],
  "org:moac": [],
  "org:opm.bb": ["org:opm"],
  "org:opm": [],
  [DISTRICT]: [PROVINCE],
  [PROVINCE]: ["area:region:west", "area:cluster:C4"],
  "area:region:west": [],
  "area:cluster:C4": [],
};
function within(key: string): Set<string> {
  const out = new Set(["nation", key]);
  for (const p of PARENTS[key] ?? []) for (const k of within(p)) out.add(k);
  return out;
}

type Where = "in" | "above" | "beside" | "out" | "nation";
type Family = "doae" | "bb";
type Ladder = Record<Exclude<Where, "nation">, string>;
/** Where each kind of grant sits relative to the record: its own scope, one above, a sibling, somewhere else. */
const AREA: Ladder = { in: PROVINCE, above: "area:cluster:C4", beside: "area:province:77", out: "area:province:57" };
const DISTRICTS: Ladder = { in: DISTRICT, above: PROVINCE, beside: "area:district:7602", out: "area:district:5701" };
const CLUSTERS: Ladder = { in: "area:cluster:C4", above: "area:region:west", beside: "area:cluster:C3", out: "area:cluster:N2" };
const ADMIN: Ladder = { in: PROVINCE, above: "nation", beside: "area:province:77", out: "org:moph" };
/** Org grants: the record's own organisation (family doae: a provincial office of the Dept of Agricultural Extension; bb: the Budget Bureau). */
const ORGS: Record<Family, Record<"agency" | "department" | "ministry", Ladder>> = {
  doae: {
    agency: { in: OWNER_KEY, above: "org:moac.doae", beside: "org:pro:76:land", out: "org:pro:57:agricultural-extension" },
    department: { in: "org:moac.doae", above: "org:moac", beside: "org:moac.rid", out: "org:moph.dms" },
    ministry: { in: "org:moac", above: "nation", beside: "org:moi", out: "org:moph" },
  },
  bb: {
    agency: { in: "org:opm.bb", above: "org:opm", beside: "org:opm.ops", out: OWNER_KEY },
    department: { in: "org:opm.bb", above: "org:opm", beside: "org:opm.ops", out: "org:moac.doae" },
    ministry: { in: "org:opm", above: "nation", beside: "org:moi", out: "org:moac" },
  },
};
/** Roles granted only nation-wide (ROLE_SCOPES) have one position. */
const NATION_ONLY = ROLES.filter((r) => ROLE_SCOPES[r].length === 1 && ROLE_SCOPES[r][0] === "nation");
const positions = (role: RoleId): Where[] => (NATION_ONLY.includes(role) ? ["nation"] : ["in", "above", "beside", "out"]);

function grantScope(role: RoleId, where: Where, family: Family = "doae"): string {
  if (where === "nation") return "nation";
  switch (role) {
    case "agency_officer":
    case "agency_head":
      return ORGS[family].agency[where];
    case "department_officer":
      return ORGS[family].department[where];
    case "ministry_officer":
      return ORGS[family].ministry[where];
    case "district_officer":
      return DISTRICTS[where];
    case "cluster_office":
      return CLUSTERS[where];
    case "administrator":
      return ADMIN[where];
    default: // strategy office, governor, vice governor, deputy PM's office, OPDC: province-wide grants
      return AREA[where];
  }
}

/** The derivation: the role holds the operation (POLICY) and its grant reaches one of the scopes the operation is checked on. */
function expected(op: Operation, targets: readonly string[] | "anywhere", role: RoleId, scope: string, deciders?: readonly string[]): boolean {
  const allowed = POLICY[op];
  if (allowed === "public") return true;
  if (!(allowed as readonly string[]).includes(role)) return false;
  if (deciders && !deciders.includes(role)) return false;
  if (targets === "anywhere") return true;
  return targets.some((t) => within(t).has(scope));
}

// ─── fixtures (made by the system actor, through the use cases) ─────────────────────────────────────────────────

const sys = () => ctxFor(db);
let seq = 0;
let fy = 2580;
const nextFy = () => fy++;
const GOAL = "prov:76:goal:1.1";
/** a draft district plan of the demo: district staff propose into it */
const DPLAN = "plan-district-7601-2570";
const projectInput = (o: { planId?: string; fiscalYear?: number; budget?: number } = {}) => ({
  fiscalYear: o.fiscalYear ?? 2570,
  provinceCode: "76",
  ...(o.planId === "" ? {} : { planId: o.planId ?? DPLAN }),
  origin: "agency" as const,
  ownerOrgId: OWNER,
  titleTh: `ตรวจสิทธิ์ ${seq++} ${["มะนาว", "ชมพู่", "ตาลโตนด", "ประมง", "ถนน", "ฝาย", "สระ", "โรงเรียน"][seq % 8]}`,
  goalIds: [GOAL],
  areaCodes: ["760101"],
  budgetLines: [{ source: "province" as const, amount: o.budget ?? 10_000_000 }],
});
const project = (o: Parameters<typeof projectInput>[0] = {}) => createProject({ ctx: sys(), input: projectInput(o) });

/** Approved projects (amendments need them): a subdistrict plan of its own fiscal year, filled and approved. */
const pools = new Map<number, string[]>();
async function approvedProject(budget: number): Promise<string> {
  let pool = pools.get(budget);
  if (!pool?.length) {
    const year = nextFy();
    const plan = await createPlan({ ctx: sys(), input: { fiscalYear: year, level: "subdistrict", areaId: "subdistrict:760101" } });
    pool = [];
    for (let k = 0; k < 6; k++) pool.push((await project({ planId: plan.id, fiscalYear: year, budget })).id);
    await approvePlan({ ctx: sys(), input: { planId: plan.id, version: plan.version } });
    pools.set(budget, pool);
  }
  return pool.pop()!;
}
async function planWith(level: "district" | "province" | "cluster", n: number) {
  const year = nextFy();
  const areaId = level === "district" ? "district:7601" : level === "province" ? "province:76" : "cluster:C4";
  const plan = await createPlan({ ctx: sys(), input: { fiscalYear: year, level, areaId } });
  const ids: string[] = [];
  for (let k = 0; k < n; k++) ids.push((await project({ planId: plan.id, fiscalYear: year })).id);
  return { id: plan.id, version: plan.version, projectIds: ids };
}
const version = async (table: string, id: string) => (await db.query<{ v: number }>(`select version as v from ${table} where id = $1`, [id]))[0]!.v;

const tenderers = [
  { nameTh: "บริษัท ตรวจสิทธิ์ก่อสร้าง จำกัด", taxId: juristicTaxId(105_700_001), bidAmount: 9_000 },
  { nameTh: "ห้างหุ้นส่วนจำกัด ตรวจสิทธิ์โยธา", taxId: juristicTaxId(105_700_002), bidAmount: 9_500 },
];
let procProject: Promise<string> | undefined;
const procurementProject = () => (procProject ??= project({ budget: 100_000_000 }).then((p) => p.id));
/** A procurement of the shared procurement project walked (as the system) up to `stage`. */
async function procurementAt(stage: "planning" | "tender" | "award" | "contract" | "implementation") {
  const ctx = sys();
  let p = await createProcurement({ ctx, input: { projectId: await procurementProject(), titleTh: "จัดซื้อตรวจสิทธิ์", method: "open", category: "works", plannedValue: 10_000 } });
  if (stage === "planning") return p;
  p = await openTender({ ctx, input: { id: p.id, version: p.version, tenderValue: 9_500, tenderStart: "2026-10-01", tenderEnd: "2026-10-20" } });
  if (stage === "tender") return p;
  p = await recordAward({ ctx, input: { id: p.id, version: p.version, tenderers, supplierTaxId: tenderers[0]!.taxId, awardAmount: 9_000, awardDate: "2026-10-25" } });
  if (stage === "award") return p;
  p = await signContract({ ctx, input: { id: p.id, version: p.version, contractNo: `ตส/${seq++}`, contractAmount: 8_900, signedOn: "2026-11-01", periodStart: "2026-11-02", periodEnd: "2027-03-31" } });
  if (stage === "contract") return p;
  return recordPayment({ ctx, input: { id: p.id, version: p.version, amount: 100, paidOn: "2026-11-10" } });
}
/** A project whose procurement met its goal (contract signed): leftover may be recorded for it. */
async function leftoverProject() {
  const p = await project({ budget: 10_000_000 });
  const ctx = sys();
  let x = await createProcurement({ ctx, input: { projectId: p.id, titleTh: "จัดซื้อเพื่อเงินเหลือจ่าย", method: "open", category: "works", plannedValue: 1_000_000 } });
  x = await openTender({ ctx, input: { id: x.id, version: x.version, tenderValue: 950_000, tenderStart: "2026-10-01", tenderEnd: "2026-10-20" } });
  x = await recordAward({ ctx, input: { id: x.id, version: x.version, tenderers: [{ ...tenderers[0]!, bidAmount: 900_000 }], supplierTaxId: tenderers[0]!.taxId, awardAmount: 900_000, awardDate: "2026-10-25" } });
  await signContract({ ctx, input: { id: x.id, version: x.version, contractNo: `ตส/${seq++}`, contractAmount: 890_000, signedOn: "2026-11-01", periodStart: "2026-11-02", periodEnd: "2027-03-31" } });
  return p.id;
}
const emergencyInput = () => ({ provinceCode: "76", titleTh: `ซ่อมถนนหลังน้ำป่า ${seq++}`, amount: 100_000, justificationTh: "น้ำป่าไหลหลากทำให้ถนนสายหลักขาด ประชาชนสัญจรไม่ได้", areaCodes: ["760101"], urgency: "urgent" as const });
async function emergencyAt(stage: "submitted" | "screened" | "referred_to_pm") {
  const r = await submitEmergencyRequest({ ctx: sys(), input: emergencyInput() });
  if (stage === "submitted") return r.id;
  await screenEmergencyRequest({ ctx: sys(), input: { id: r.id, recommendation: "support", recommendedAmount: 100_000 } });
  if (stage === "screened") return r.id;
  await decideEmergencyRequest({ ctx: sys(), input: { id: r.id, decision: "refer" } });
  return r.id;
}
const matching = async (agreed: boolean) => {
  const p = await project();
  const m = await createMatchingFund({ ctx: sys(), input: { projectId: p.id, localGovOrgId: "pao:76", provinceShare: 1_000_000, localShare: 1_000_000 } });
  if (agreed) await changeMatchingStatus({ ctx: sys(), input: { id: m.id, action: "agree" } });
  return m.id;
};
const png = await sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 90, g: 160, b: 40 } } }).png().toBuffer(); // a picture that opens: project images must decode
const badImport = Buffer.from("รหัสโครงการ,ปีงบประมาณ,จังหวัด,หน่วยงานเจ้าของ,ชื่อโครงการ,เป้าหมายจังหวัด,ตำบล,งบจังหวัด\nPERM-1,25,76,pro:76:agricultural-extension,ทดสอบนำเข้า,prov:76:goal:1.1,760101,1000\n", "utf8");
const ALLOCATION_PROVINCES = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22"];

// ─── the write operations ──────────────────────────────────────────────────────────────────────────────────────────

type Rec = Record<string, unknown> & { id: string };
type WriteSpec = {
  /** the use-case files it exercises (every planning file that asks a write right must appear in some spec) */
  files: string[];
  op: Operation;
  /** the scopes the use case checks (the record's), or "anywhere": a right to start, each row checked again later */
  targets: readonly string[] | "anywhere";
  family?: Family;
  /** tables the write changes: a refusal leaves each exactly as it was */
  tables: string[];
  /** the record the call acts on; `consumes`: an allowed call gets a fresh one (approving, deciding, a stage step) */
  prepare: () => Promise<Rec>;
  consumes?: boolean;
  run: (ctx: Ctx, rec: Rec) => Promise<unknown>;
  /** only these roles decide (the delegation module's answer kept on the record) */
  deciders?: (rec: Rec) => string[];
  /** the operation named in the refusal when it is not `op` */
  refusedAs?: Operation;
};
const W: Record<string, WriteSpec> = {
  "plan.create": { files: ["create-plan"], op: "planning:plan.write", targets: [DISTRICT], tables: ["plans"], prepare: async () => ({ id: "-" }), run: (ctx) => createPlan({ ctx, input: { fiscalYear: nextFy(), level: "district", areaId: "district:7601" } }) },
  "plan.prioritise": {
    files: ["prioritise-plan"], op: "planning:plan.write", targets: [DISTRICT], tables: ["plans", "projects"],
    prepare: () => planWith("district", 1),
    run: async (ctx, r) => prioritisePlan({ ctx, input: { planId: r.id, version: await version("plans", r.id), order: r.projectIds as string[] } }),
  },
  "plan.consolidate": { files: ["consolidate-plan"], op: "planning:plan.write", targets: [PROVINCE], tables: ["plans", "projects"], prepare: () => planWith("province", 0), run: (ctx, r) => consolidatePlan({ ctx, input: { planId: r.id } }) },
  "plan.resolve-duplicate": {
    files: ["resolve-duplicate"], op: "planning:plan.write", targets: [DISTRICT], tables: ["plans", "projects"],
    prepare: () => planWith("district", 2),
    run: (ctx, r) => resolveDuplicate({ ctx, input: { planId: r.id, projectId: (r.projectIds as string[])[0]!, otherId: (r.projectIds as string[])[1]!, decision: "dismiss" } }),
  },
  "plan.approve": { files: ["approve-plan"], op: "planning:plan.approve", targets: [DISTRICT], tables: ["plans", "projects"], prepare: () => planWith("district", 1), consumes: true, run: (ctx, r) => approvePlan({ ctx, input: { planId: r.id, version: r.version as number } }) },
  "cluster-plan.approve": { files: ["approve-plan"], op: "planning:cluster-plan.approve", targets: ["area:cluster:C4"], tables: ["plans", "projects"], prepare: () => planWith("cluster", 1), consumes: true, run: (ctx, r) => approvePlan({ ctx, input: { planId: r.id, version: r.version as number } }) },

  "project.create": { files: ["create-project"], op: "planning:project.propose", targets: [OWNER_KEY, DISTRICT], tables: ["projects", "project_budget_lines"], prepare: async () => ({ id: "-" }), run: (ctx) => createProject({ ctx, input: projectInput() }) },
  "project.update": {
    files: ["update-project"], op: "planning:project.propose", targets: [OWNER_KEY, DISTRICT], tables: ["projects"],
    prepare: () => project(),
    run: async (ctx, r) => updateProject({ ctx, input: { id: r.id, version: await version("projects", r.id), objectiveTh: `แก้ไขวัตถุประสงค์ ${seq++}` } }),
  },
  "project.status": {
    files: ["change-project-status"], op: "planning:project.write", targets: [OWNER_KEY, PROVINCE, DISTRICT], tables: ["projects"], prepare: () => project(), consumes: true,
    run: (ctx, r) => changeProjectStatus({ ctx, input: { id: r.id, version: r.version as number, status: "cancelled", reasonTh: "ซ้ำกับงบปกติของกรม" } }),
  },
  "milestone.add": { files: ["add-milestone"], op: "planning:project.progress", targets: [OWNER_KEY, PROVINCE, DISTRICT], tables: ["project_milestones"], prepare: () => project(), run: (ctx, r) => addMilestone({ ctx, input: { projectId: r.id, titleTh: "ส่งมอบพันธุ์พืช", dueOn: "2027-01-31" } }) },
  "milestone.complete": {
    files: ["complete-milestone"], op: "planning:project.progress", targets: [OWNER_KEY, PROVINCE, DISTRICT], tables: ["project_milestones"], consumes: true,
    prepare: async () => {
      const p = (sharedMilestoneProject ??= project());
      const projectId = (await p).id;
      const m = await addMilestone({ ctx: sys(), input: { projectId, titleTh: "อบรมเกษตรกร", dueOn: "2026-11-15" } });
      return { id: m.id, projectId };
    },
    run: (ctx, r) => completeMilestone({ ctx, input: { projectId: r.projectId as string, milestoneId: r.id, doneOn: "2026-11-20" } }),
  },
  "file.upload": { files: ["upload-project-file"], op: "planning:project.progress", targets: [OWNER_KEY, PROVINCE, DISTRICT], tables: ["project_files"], prepare: () => project(), run: (ctx, r) => uploadProjectFile({ ctx, input: { projectId: r.id, fileName: "หน้างาน.png", mediaType: "image/png", content: png } }) },
  "progress.record": { files: ["record-progress"], op: "planning:project.progress", targets: [OWNER_KEY, PROVINCE, DISTRICT], tables: ["project_progress"], prepare: () => project(), run: (ctx, r) => recordProgress({ ctx, input: { projectId: r.id, month: "2026-11", plannedDisbursed: 1_000 } }) },

  "amendment.request": {
    files: ["request-amendment"], op: "planning:project.amend", targets: [PROVINCE], tables: ["project_amendments", "projects"], consumes: true,
    prepare: async () => ({ id: await approvedProject(1_000_000) }),
    run: (ctx, r) => requestAmendment({ ctx, input: { projectId: r.id, changes: { titleTh: `ปรับชื่อโครงการ ${seq++}` }, reasonTh: "ปรับให้ตรงกับพื้นที่จริง" } }),
  },
  "amendment.decide-province": {
    files: ["decide-amendment"], op: "planning:project.amend", targets: [PROVINCE], tables: ["project_amendments", "projects"], consumes: true,
    prepare: async () => {
      const a = await requestAmendment({ ctx: sys(), input: { projectId: await approvedProject(1_000_000), changes: { titleTh: `ปรับชื่อ ${seq++}` }, reasonTh: "ปรับให้ตรงกับพื้นที่จริง" } });
      expect(a).toMatchObject({ route: "delegated", status: "pending_province" });
      return { id: a.id, deciders: a.authority.deciders.map((d) => d.role) };
    },
    deciders: (r) => r.deciders as string[],
    run: (ctx, r) => decideAmendment({ ctx, input: { id: r.id, decision: "approve" } }),
  },
  "amendment.decide-central": {
    files: ["decide-amendment"], op: "planning:amendment.decide-central", family: "bb", targets: ["org:opm.bb"], tables: ["project_amendments", "projects"], consumes: true,
    prepare: async () => {
      const a = await requestAmendment({ ctx: sys(), input: { projectId: await approvedProject(25_000_000), changes: { titleTh: `ปรับชื่อ ${seq++}` }, reasonTh: "เกินวงเงินที่มอบอำนาจ" } });
      expect(a).toMatchObject({ route: "central", status: "pending_central", centralOrgId: "opm.bb" });
      return { id: a.id };
    },
    run: (ctx, r) => decideAmendment({ ctx, input: { id: r.id, decision: "approve" } }),
  },

  "budget-act.record": { files: ["record-budget-act"], op: "planning:budget-act.write", targets: ["nation"], tables: ["budget_acts", "allocation_notices"], prepare: async () => ({ id: "-" }), run: (ctx) => recordBudgetAct({ ctx, input: { fiscalYear: 2571, passedOn: "2026-10-15" } }) },
  "allocation-notice.record": {
    files: ["record-allocation-notice"], op: "planning:allocation.notify", targets: ["org:moac.doae"], tables: ["allocation_notices"], consumes: true,
    prepare: async () => ({ id: ALLOCATION_PROVINCES.shift()! }),
    run: (ctx, r) => recordAllocationNotice({ ctx, input: { fiscalYear: 2570, fromOrgId: "moac.doae", provinceCode: r.id, total: 1_000_000, referenceTh: "กษ 0201/ตรวจสิทธิ์" } }),
  },
  "operating-plan.record": { files: ["record-operating-plan"], op: "planning:operating-plan.write", targets: [PROVINCE], tables: ["operating_plans"], prepare: async () => ({ id: "-" }), run: (ctx) => recordOperatingPlan({ ctx, input: { provinceCode: "76", fiscalYear: 2570, totalKnownOn: "2026-10-20" } }) },
  "frame-shift.record": { files: ["record-frame-shift"], op: "planning:frame-shift.write", targets: ["org:moac.doae"], tables: ["frame_shifts"], prepare: async () => ({ id: "-" }), run: (ctx) => recordFrameShift({ ctx, input: { fiscalYear: 2570, fromOrgId: "moac.doae", provinceCode: "76", amount: 1_000, purposeTh: "ส่งเสริมมะนาวแป้นตามความต้องการของพื้นที่" } }) },

  "leftover.record": { files: ["record-leftover-fund"], op: "planning:leftover.record", targets: [OWNER_KEY], tables: ["leftover_funds"], prepare: async () => ({ id: await leftoverProject() }), run: (ctx, r) => recordLeftoverFund({ ctx, input: { projectId: r.id, amount: 1_000 } }) },
  "leftover.reallocate": {
    files: ["reallocate-leftover-fund"], op: "planning:leftover.reallocate", targets: [PROVINCE], tables: ["leftover_funds", "leftover_reallocations", "projects", "project_budget_lines"],
    prepare: async () => {
      const fund = await recordLeftoverFund({ ctx: sys(), input: { projectId: await leftoverProject(), amount: 1_000_000 } });
      return { id: fund.id, target: (await project()).id };
    },
    run: (ctx, r) => reallocateLeftoverFund({ ctx, input: { fundId: r.id, targetProjectId: r.target as string, amount: 1_000, purposeTh: "จัดซื้อพันธุ์มะนาวเพิ่ม" } }),
  },
  "matching.create": { files: ["create-matching-fund"], op: "planning:matching.write", targets: [PROVINCE], tables: ["matching_funds", "project_budget_lines", "projects"], consumes: true, prepare: () => project(), run: (ctx, r) => createMatchingFund({ ctx, input: { projectId: r.id, localGovOrgId: "pao:76", provinceShare: 1_000, localShare: 1_000 } }) },
  "matching.entry": { files: ["record-matching-entry"], op: "planning:matching.write", targets: [PROVINCE], tables: ["matching_fund_entries", "matching_funds"], prepare: async () => ({ id: await matching(true) }), run: (ctx, r) => recordMatchingEntry({ ctx, input: { id: r.id, party: "province", kind: "commitment", amount: 100 } }) },
  "matching.status": { files: ["change-matching-status"], op: "planning:matching.write", targets: [PROVINCE], tables: ["matching_funds"], consumes: true, prepare: async () => ({ id: await matching(false) }), run: (ctx, r) => changeMatchingStatus({ ctx, input: { id: r.id, action: "agree" } }) },
  "emergency.submit": { files: ["submit-emergency-request"], op: "planning:emergency.request", targets: [PROVINCE], tables: ["emergency_requests"], prepare: async () => ({ id: "-" }), run: (ctx) => submitEmergencyRequest({ ctx, input: emergencyInput() }) },
  "emergency.screen": { files: ["screen-emergency-request"], op: "planning:emergency.screen", targets: [PROVINCE], tables: ["emergency_requests"], prepare: async () => ({ id: await emergencyAt("submitted") }), run: (ctx, r) => screenEmergencyRequest({ ctx, input: { id: r.id, recommendation: "support", recommendedAmount: 90_000 } }) },
  "emergency.decide": { files: ["decide-emergency-request"], op: "planning:emergency.approve", targets: [PROVINCE], tables: ["emergency_requests", "emergency_cap_ledger"], consumes: true, prepare: async () => ({ id: await emergencyAt("screened") }), run: (ctx, r) => decideEmergencyRequest({ ctx, input: { id: r.id, decision: "approve" } }) },
  "emergency.pm-decide": { files: ["pm-decide-emergency-request"], op: "planning:emergency.pm-decide", targets: [PROVINCE], tables: ["emergency_requests", "emergency_cap_ledger"], consumes: true, prepare: async () => ({ id: await emergencyAt("referred_to_pm") }), run: (ctx, r) => pmDecideEmergencyRequest({ ctx, input: { id: r.id, decision: "approve" } }) },

  "procurement.create": { files: ["create-procurement"], op: "planning:procurement.write", targets: [OWNER_KEY], tables: ["procurements"], prepare: async () => ({ id: await procurementProject() }), run: (ctx, r) => createProcurement({ ctx, input: { projectId: r.id, titleTh: "จัดซื้อวัสดุการเกษตร", method: "selective", category: "goods", plannedValue: 10_000 } }) },
  "procurement.tender": { files: ["open-tender", "procurement-rules"], op: "planning:procurement.write", targets: [OWNER_KEY], tables: ["procurements"], consumes: true, prepare: () => procurementAt("planning"), run: (ctx, r) => openTender({ ctx, input: { id: r.id, version: r.version as number, tenderValue: 9_500, tenderStart: "2026-10-01", tenderEnd: "2026-10-20" } }) },
  "procurement.award": { files: ["record-award"], op: "planning:procurement.write", targets: [OWNER_KEY], tables: ["procurements", "procurement_parties", "procurement_contracts"], consumes: true, prepare: () => procurementAt("tender"), run: (ctx, r) => recordAward({ ctx, input: { id: r.id, version: r.version as number, tenderers, supplierTaxId: tenderers[0]!.taxId, awardAmount: 9_000, awardDate: "2026-10-25" } }) },
  "procurement.contract": { files: ["sign-contract"], op: "planning:procurement.write", targets: [OWNER_KEY], tables: ["procurements", "procurement_contracts"], consumes: true, prepare: () => procurementAt("award"), run: (ctx, r) => signContract({ ctx, input: { id: r.id, version: r.version as number, contractNo: `ตส/${seq++}`, contractAmount: 8_900, signedOn: "2026-11-01", periodStart: "2026-11-02", periodEnd: "2027-03-31" } }) },
  "procurement.payment": { files: ["record-payment"], op: "planning:procurement.write", targets: [OWNER_KEY], tables: ["procurements", "procurement_payments"], prepare: () => procurementAt("contract"), run: async (ctx, r) => recordPayment({ ctx, input: { id: r.id, version: await version("procurements", r.id), amount: 1, paidOn: "2026-11-10" } }) },
  "procurement.complete": { files: ["complete-procurement"], op: "planning:procurement.write", targets: [OWNER_KEY], tables: ["procurements", "procurement_contracts"], consumes: true, prepare: () => procurementAt("implementation"), run: (ctx, r) => completeProcurement({ ctx, input: { id: r.id, version: r.version as number, completedOn: "2026-11-22" } }) },
  "procurement.cancel": { files: ["cancel-procurement"], op: "planning:procurement.write", targets: [OWNER_KEY], tables: ["procurements", "procurement_contracts"], consumes: true, prepare: () => procurementAt("planning"), run: (ctx, r) => cancelProcurement({ ctx, input: { id: r.id, version: r.version as number, outcome: "cancelled", reasonTh: "ยกเลิกเพื่อรวมกับรายการอื่น", closedOn: "2026-11-20" } }) },

  "import.accept": {
    files: ["import-planning"], op: "planning:import", targets: "anywhere", tables: ["import_jobs"], prepare: async () => ({ id: "-" }),
    run: (ctx) => acceptImport({ ctx, input: { kind: "planning-projects", mode: "all-or-nothing", fileName: "projects.csv", content: badImport } }),
  },
};
let sharedMilestoneProject: ReturnType<typeof project> | undefined;

const shared = new Map<string, Promise<Rec>>();
const sharedRec = (name: string) => {
  if (!shared.has(name)) shared.set(name, W[name]!.prepare());
  return shared.get(name)!;
};
async function fingerprint(tables: string[]): Promise<string> {
  const out: string[] = [];
  for (const t of tables) {
    const [r] = await db.query<{ n: number; h: string }>(`select count(*)::int as n, coalesce(md5(string_agg(md5(x::text), '' order by md5(x::text))), '') as h from ${t} x`);
    out.push(`${t}:${r!.n}:${r!.h}`);
  }
  return out.join(" ");
}
const auditsBy = async (id: string) => (await db.query<{ n: number }>("select count(*)::int as n from audit_log where actor_id = $1", [id]))[0]!.n;
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

/** What each operation's sweep found: allowed and refused (role, where) pairs. */
const found = new Map<string, { allowed: string[]; refused: string[] }>();
function note(name: string, allowed: boolean, role: RoleId, where: Where) {
  const f = found.get(name) ?? { allowed: [], refused: [] };
  (allowed ? f.allowed : f.refused).push(`${role}@${where}`);
  found.set(name, f);
}

describe("the geography the matrix assumes is the registry's", () => {
  it("each scope's containers (PARENTS) are what the scope resolver answers, and every grant position exists", async () => {
    const ctx = sys();
    for (const key of Object.keys(PARENTS)) expect([...(await ctx.scopes.ancestors(parseScopeKey(key)!))].sort(), key).toEqual([...within(key)].sort());
    const ladders = [AREA, DISTRICTS, CLUSTERS, ADMIN, ...Object.values(ORGS).flatMap((f) => Object.values(f))];
    for (const scope of new Set(ladders.flatMap((l) => Object.values(l)))) if (scope !== "nation") expect((await ctx.scopes.describe(parseScopeKey(scope)!)).exists, scope).toBe(true);
  });
});

describe("planning permission matrix: every write operation × role × where the grant sits (in, above, beside, out)", () => {
  const cases: [string, RoleId, Where][] = [];
  for (const name of Object.keys(W)) for (const role of ROLES) for (const where of positions(role)) cases.push([name, role, where]);

  it.each(cases)("%s by %s (%s)", async (name, role, where) => {
    const spec = W[name]!;
    const scope = grantScope(role, where, spec.family);
    const who: Actor = actor(role, scope, `perm:${name}:${role}:${where}`);
    const base = await sharedRec(name);
    const allowed = expected(spec.op, spec.targets, role, scope, spec.deciders?.(base));
    note(name, allowed, role, where);
    if (allowed) {
      const rec = spec.consumes ? await spec.prepare() : base;
      await expect(spec.run(ctxFor(db, who), rec)).resolves.toBeDefined();
      expect(await auditsBy(who.id!)).toBeGreaterThanOrEqual(1);
      if (name === "import.accept") await importRunner(sys()).whenIdle();
      return;
    }
    const before = await fingerprint(spec.tables);
    const err = await errorOf(spec.run(ctxFor(db, who), base));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 403, code: "auth.forbidden", details: { operation: spec.refusedAs ?? spec.op } });
    expect(await fingerprint(spec.tables)).toBe(before);
    expect(await auditsBy(who.id!)).toBe(0);
  });

  it("anonymous callers get 401 on every write, and nothing is written", async () => {
    for (const [name, spec] of Object.entries(W)) {
      const before = await fingerprint(spec.tables);
      const err = await errorOf(spec.run(ctxFor(db, anonymousActor), await sharedRec(name)));
      expect(err, name).toMatchObject({ status: 401, code: "auth.required" });
      expect(await fingerprint(spec.tables), name).toBe(before);
    }
  });

  it("every operation had someone allowed and someone refused, and the sweep matches the domain's headline rules", () => {
    for (const name of Object.keys(W)) {
      const f = found.get(name)!;
      expect(f.allowed.length, `${name} allowed`).toBeGreaterThan(0);
      expect(f.refused.length, `${name} refused`).toBeGreaterThan(0);
    }
    const may = (name: string, who: string) => found.get(name)!.allowed.includes(who);
    // a spot check of the derivation against what DOMAIN.md says in words
    expect(may("leftover.reallocate", "governor@in")).toBe(true); // the governor reallocates leftover funds
    expect(may("leftover.reallocate", "strategy_officer@in")).toBe(false);
    expect(may("emergency.decide", "deputy_pm_office@above")).toBe(true); // the area's deputy PM (cluster C4)
    expect(may("emergency.decide", "deputy_pm_office@out")).toBe(false); // another deputy PM's area
    expect(may("allocation-notice.record", "department_officer@in")).toBe(true); // departments notify governors
    expect(may("allocation-notice.record", "department_officer@beside")).toBe(false); // not in another department's name
    expect(may("progress.record", "agency_head@in")).toBe(true); // heads of agencies report disbursement
    expect(may("progress.record", "district_officer@in")).toBe(true); // as they do milestones, for a project in their district
    expect(may("plan.approve", "cluster_office@in")).toBe(false); // a cluster office approves only the cluster's plan
    expect(may("cluster-plan.approve", "cluster_office@in")).toBe(true);
    expect(may("amendment.decide-province", "governor@in")).toBe(true); // the post the delegation names
    expect(may("amendment.decide-province", "vice_governor@in")).toBe(false);
  });
});

// ─── reads ──────────────────────────────────────────────────────────────────────────────────────────────────────

type ReadSpec = { op: Operation; targets: readonly string[] | "anywhere"; prepare: () => Promise<string>; run: (ctx: Ctx, id: string) => Promise<unknown> };
const READERS = [OWNER_KEY, PROVINCE, DISTRICT];
let readProject: Promise<string> | undefined;
const theProject = () => (readProject ??= project().then(async (p) => {
  await recordProgress({ ctx: sys(), input: { projectId: p.id, month: "2026-10", disbursed: 1_000, physicalPct: 5 } });
  return p.id;
}));
const R: Record<string, ReadSpec> = {
  "budget dashboard": { op: "planning:read", targets: [PROVINCE], prepare: async () => "76", run: (ctx) => getBudgetDashboard({ ctx, input: { provinceCode: "76", fiscalYear: 2570 } }) },
  project: { op: "planning:read", targets: READERS, prepare: theProject, run: (ctx, id) => getProject({ ctx, input: { id } }) },
  "project page": { op: "planning:read", targets: READERS, prepare: theProject, run: (ctx, id) => getProjectPage({ ctx, input: { id } }) },
  "project timeline": { op: "planning:read", targets: READERS, prepare: theProject, run: (ctx, id) => getProjectTimeline({ ctx, input: { id } }) },
  "project progress": { op: "planning:read", targets: READERS, prepare: theProject, run: (ctx, id) => getProjectProgress({ ctx, input: { projectId: id } }) },
  "plan (the published One Plan: any staff)": { op: "planning:read", targets: "anywhere", prepare: async () => DPLAN, run: (ctx, id) => getPlan({ ctx, input: { id } }) },
  "leftover pool": { op: "planning:read", targets: [PROVINCE], prepare: async () => "76", run: (ctx) => getLeftoverPool({ ctx, input: { provinceCode: "76" } }) },
  "emergency headroom (totals per deputy PM: any staff)": { op: "planning:read", targets: "anywhere", prepare: async () => "-", run: (ctx) => getEmergencyHeadroom({ ctx, input: {} }) },
  "emergency request": { op: "planning:read", targets: [PROVINCE], prepare: () => emergencyAt("submitted"), run: (ctx, id) => getEmergencyRequest({ ctx, input: { id } }) },
  "matching fund": { op: "planning:read", targets: [PROVINCE], prepare: () => matching(false), run: (ctx, id) => getMatchingFund({ ctx, input: { id } }) },
};
const readShared = new Map<string, Promise<string>>();

describe("scoped reads × role × where", () => {
  const cases: [string, RoleId, Where][] = [];
  for (const name of Object.keys(R)) for (const role of ROLES) for (const where of positions(role)) cases.push([name, role, where]);
  it.each(cases)("%s read by %s (%s)", async (name, role, where) => {
    const spec = R[name]!;
    if (!readShared.has(name)) readShared.set(name, spec.prepare());
    const id = await readShared.get(name)!;
    const scope = grantScope(role, where);
    const run = spec.run(ctxFor(db, actor(role, scope, `read:${role}:${where}`)), id);
    if (expected(spec.op, spec.targets, role, scope)) await expect(run).resolves.toBeDefined();
    else await expect(run).rejects.toMatchObject({ status: 403, code: "auth.forbidden", details: { operation: spec.op } });
  });

  it.each(ROLES.flatMap((role) => positions(role).map((where) => [role, where] as [RoleId, Where])))("the project list shows the project to %s (%s) exactly when the record read allows it", async (role, where) => {
    const id = await theProject();
    const code = (await getProject({ ctx: sys(), input: { id } })).code;
    const scope = grantScope(role, where);
    const list = await listProjects({ ctx: ctxFor(db, actor(role, scope)), input: { q: code } }).then((x) => x, (e: unknown) => e as AppError);
    if (list instanceof AppError) {
      expect(list.status).toBe(403);
      expect((POLICY["planning:read"] as readonly string[]).includes(role)).toBe(false);
    } else expect(list.items.some((x) => x.id === id)).toBe(expected("planning:read", READERS, role, scope));
  });

  it("anonymous callers get 401 on every scoped read", async () => {
    for (const [name, spec] of Object.entries(R)) {
      if (!readShared.has(name)) readShared.set(name, spec.prepare());
      await expect(spec.run(ctxFor(db, anonymousActor), await readShared.get(name)!), name).rejects.toMatchObject({ status: 401 });
    }
  });
});

describe("procurement: the process and its OCDS release are public; the audit trail and the write flag are not", () => {
  let proc: Awaited<ReturnType<typeof procurementAt>>;
  beforeAll(async () => {
    proc = await procurementAt("planning"); // a plan not yet tendered: still published (OCDS planning release)
  });
  const who = [...ROLES.flatMap((role) => positions(role).map((where) => [role, where] as [RoleId, Where]))];
  it.each(who)("%s (%s) reads it and its OCDS package; history iff planning:read reaches the buyer, canWrite iff procurement.write does", async (role, where) => {
    const scope = grantScope(role, where);
    const ctx = ctxFor(db, actor(role, scope));
    const d = await getProcurement({ ctx, input: { id: proc.id } });
    expect(d.history.length > 0).toBe(expected("planning:read", [OWNER_KEY], role, scope));
    expect(d.canWrite).toBe(expected("planning:procurement.write", [OWNER_KEY], role, scope));
    const pkg = await getOcdsPackage({ ctx, input: { kind: "release", ocid: proc.ocid, baseUrl: "https://changwat.example" } });
    expect(pkg.releases[0]!.ocid).toBe(proc.ocid);
  });
  it("anonymous callers read the process and the OCDS package, without history or write flag", async () => {
    const ctx = ctxFor(db, anonymousActor);
    expect(await getProcurement({ ctx, input: { id: proc.id } })).toMatchObject({ history: [], canWrite: false });
    expect((await getOcdsPackage({ ctx, input: { kind: "project", projectId: await procurementProject(), baseUrl: "https://changwat.example" } })).releases.length).toBeGreaterThan(0);
  });
});

describe("coverage: the matrix names every planning operation and every write use case", () => {
  it("every planning:* operation of the policy table is swept (public ones by the procurement block)", () => {
    const swept = new Set<string>([...Object.values(W).map((s) => s.op), ...Object.values(R).map((s) => s.op), "planning:public"]);
    for (const op of Object.keys(POLICY).filter((k) => k.startsWith("planning:"))) expect(swept.has(op), op).toBe(true);
  });
  it("every planning file that asks a write right is exercised by a row of the matrix", () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const writers = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .filter((f) => /require(?:Any)?Permission\((?:tx|ctx),[^;]*"planning:(?!read"|public")/.test(fs.readFileSync(path.join(dir, f), "utf8")) || /await beginStep\(/.test(fs.readFileSync(path.join(dir, f), "utf8")))
      .map((f) => f.replace(/\.ts$/, ""));
    const covered = new Set(Object.values(W).flatMap((s) => s.files));
    expect(writers.length).toBeGreaterThan(30);
    for (const f of writers) expect(covered.has(f), f).toBe(true);
  });
});
