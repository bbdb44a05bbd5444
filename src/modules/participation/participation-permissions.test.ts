import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import { POLICY } from "../../platform/auth/policy.js";
import type { Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { demoCitizenIds } from "../accounts/index.js";
import { addComment } from "./add-comment.js";
import { answerSurvey } from "./answer-survey.js";
import { closeCall } from "./close-call.js";
import { closeSurvey } from "./close-survey.js";
import { getCall } from "./get-call.js";
import { hideComment } from "./hide-comment.js";
import { hideProposal } from "./hide-proposal.js";
import { listResponseQueue } from "./list-response-queue.js";
import { listSubjectChoices } from "./list-subject-choices.js";
import { openCall } from "./open-call.js";
import { openSurvey } from "./open-survey.js";
import { respondToProposal } from "./respond-to-proposal.js";
import { configureParticipation } from "./rules.js";
import { submitProposal } from "./submit-proposal.js";
import { supportProposal } from "./support-proposal.js";
import { unhideComment } from "./unhide-comment.js";
import { unhideProposal } from "./unhide-proposal.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
  configureParticipation({ proposalsPerDay: 1000 }); // the matrix makes many proposals at one instant
});
afterAll(async () => db?.close());

const DAY = 86_400_000;
const anon: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };
const citizens = demoCitizenIds();
const citizen = (k: number): Actor => ({ kind: "user", id: citizens[k]!, name: `c${k}`, grants: [{ role: "citizen", scope: "nation" }] });
/** Who stands where relative to a call of Chiang Rai (57): the governor's office manages; verified citizens take part. */
const WHO: Record<string, { actor: Actor; manages: boolean; takesPart: boolean }> = {
  "the province's strategy office": { actor: actor("strategy_officer", "area:province:57", "pm-poc"), manages: true, takesPart: false },
  "the governor": { actor: actor("governor", "area:province:57", "pm-gov"), manages: true, takesPart: false },
  "the vice governor": { actor: actor("vice_governor", "area:province:57", "pm-vice"), manages: true, takesPart: false },
  "another province's governor": { actor: actor("governor", "area:province:76", "pm-gov-76"), manages: false, takesPart: false },
  "an office of the province": { actor: actor("agency_officer", "org:pro:57:natural-resources-environment", "pm-officer"), manages: false, takesPart: false },
  "a district's centre": { actor: actor("district_officer", "area:district:5709", "pm-district"), manages: false, takesPart: false },
  "the administrator": { actor: actor("administrator", "nation", "pm-admin"), manages: false, takesPart: false },
  "the PMOC": { actor: actor("pmoc_viewer", "nation", "pm-pmoc"), manages: false, takesPart: false },
  "a verified citizen": { actor: citizen(39), manages: false, takesPart: true },
  "the public": { actor: anon, manages: false, takesPart: false },
};

const office = actor("strategy_officer", "area:province:57", "pm-setup");
const at = (who: Actor): Ctx => ({ ...ctxFor(db, who), now: () => FIXED_NOW });
let seq = 0;
type Made = { callId: string; proposalId: string; commentId: string; surveyId: string };
/** A fresh call with a proposal (past a threshold of 1) and a comment, and a fresh survey. */
async function fresh(): Promise<Made> {
  seq++;
  const { id: callId } = await openCall({ ctx: at(office), input: { provinceCode: "57", subjectKind: "kpi", subjectId: "demo-kpi-57-pm25days", titleTh: `การรับฟังทดสอบสิทธิ์ ${seq}`, supportThreshold: 1 } });
  const { id: proposalId } = await submitProposal({ ctx: at(citizen(seq % 30)), input: { callId, titleTh: `ข้อเสนอทดสอบสิทธิ์ ${seq}`, bodyTh: "รายละเอียดข้อเสนอทดสอบสิทธิ์การใช้งาน" } });
  const { id: commentId } = await addComment({ ctx: at(citizen((seq + 1) % 30)), input: { proposalId, bodyTh: "ความเห็นทดสอบ" } });
  const { id: surveyId } = await openSurvey({ ctx: at(office), input: { provinceCode: "57", kpiId: "demo-kpi-57-air-satisfaction", questionTh: `แบบสำรวจทดสอบสิทธิ์ ${seq}`, periodEnd: "2027-03-31", closesAt: new Date(FIXED_NOW.getTime() + 30 * DAY).toISOString() } });
  return { callId, proposalId, commentId, surveyId };
}
const snapshot = async () =>
  (await db.query<{ h: string }>("select (select count(*) from participation_calls) || '/' || (select max(closes_at)::text from participation_calls) || '/' || (select count(*) from participation_proposals) || '/' || (select count(*) from participation_proposals where hidden_at is not null) || '/' || (select count(*) from participation_supports) || '/' || (select count(*) from participation_comments where hidden_at is null) || '/' || (select count(*) from participation_responses) || '/' || (select count(*) from participation_surveys where closed_at is null) || '/' || (select count(*) from participation_survey_answers) || '/' || (select count(*) from audit_log) as h"))[0]!.h;

/** Op setup before the snapshot: an unhide needs something hidden (by the office) first. */
type Op = { op: keyof typeof POLICY; right: "manages" | "takesPart"; files: string[]; prepare?: (m: Made) => Promise<unknown>; run: (ctx: Ctx, m: Made) => Promise<unknown> };
const OPS: Record<string, Op> = {
  "open a call": { op: "participation:manage", right: "manages", files: ["open-call"], run: (ctx) => openCall({ ctx, input: { provinceCode: "57", subjectKind: "goal", subjectId: "prov:57:goal:1.1", titleTh: "การรับฟังใหม่" } }) },
  "close a call": { op: "participation:manage", right: "manages", files: ["close-call"], run: (ctx, m) => closeCall({ ctx, input: { id: m.callId } }) },
  "respond": { op: "participation:manage", right: "manages", files: ["respond-to-proposal"], run: (ctx, m) => respondToProposal({ ctx, input: { id: m.proposalId, decision: "not_accepted", reasoningTh: "ยังไม่สามารถดำเนินการได้ในปีนี้" } }) },
  "hide a proposal": { op: "participation:manage", right: "manages", files: ["hide-proposal"], run: (ctx, m) => hideProposal({ ctx, input: { id: m.proposalId, reasonTh: "ไม่เกี่ยวข้อง" } }) },
  "hide a comment": { op: "participation:manage", right: "manages", files: ["hide-comment"], run: (ctx, m) => hideComment({ ctx, input: { id: m.commentId, reasonTh: "ไม่สุภาพ" } }) },
  "unhide a proposal": { op: "participation:manage", right: "manages", files: ["unhide-proposal"], prepare: (m) => hideProposal({ ctx: at(office), input: { id: m.proposalId, reasonTh: "ซ่อนเพื่อทดสอบ" } }), run: (ctx, m) => unhideProposal({ ctx, input: { id: m.proposalId, reasonTh: "ตรวจสอบแล้ว" } }) },
  "unhide a comment": { op: "participation:manage", right: "manages", files: ["unhide-comment"], prepare: (m) => hideComment({ ctx: at(office), input: { id: m.commentId, reasonTh: "ซ่อนเพื่อทดสอบ" } }), run: (ctx, m) => unhideComment({ ctx, input: { id: m.commentId, reasonTh: "ตรวจสอบแล้ว" } }) },
  "open a survey": { op: "participation:manage", right: "manages", files: ["open-survey"], run: (ctx) => openSurvey({ ctx, input: { provinceCode: "57", kpiId: "demo-kpi-57-air-satisfaction", questionTh: "แบบสำรวจใหม่", periodEnd: "2027-06-30", closesAt: new Date(FIXED_NOW.getTime() + DAY).toISOString() } }) },
  "close a survey": { op: "participation:manage", right: "manages", files: ["close-survey", "close-due-surveys"], run: (ctx, m) => closeSurvey({ ctx, input: { id: m.surveyId } }) },
  "propose": { op: "participation:take-part", right: "takesPart", files: ["submit-proposal"], run: (ctx, m) => submitProposal({ ctx, input: { callId: m.callId, titleTh: "ข้อเสนอของฉัน", bodyTh: "รายละเอียดข้อเสนอของฉันที่ยาวพอ" } }) },
  "support": { op: "participation:take-part", right: "takesPart", files: ["support-proposal"], run: (ctx, m) => supportProposal({ ctx, input: { id: m.proposalId } }) },
  "comment": { op: "participation:take-part", right: "takesPart", files: ["add-comment"], run: (ctx, m) => addComment({ ctx, input: { proposalId: m.proposalId, bodyTh: "เห็นด้วย" } }) },
  "answer a survey": { op: "participation:take-part", right: "takesPart", files: ["answer-survey"], run: (ctx, m) => answerSurvey({ ctx, input: { id: m.surveyId, score: 4 } }) },
};

describe("permission matrix: who may do what on a call of Chiang Rai", () => {
  for (const [name, o] of Object.entries(OPS)) {
    for (const [who, w] of Object.entries(WHO)) {
      const allowed = w[o.right];
      it(`${name}: ${who} → ${allowed ? "allowed" : "refused, nothing written"}`, async () => {
        const m = await fresh();
        await o.prepare?.(m);
        const before = await snapshot();
        if (allowed) {
          await o.run(at(w.actor), m);
          expect(await snapshot()).not.toBe(before);
        } else {
          const e = await o.run(at(w.actor), m).then(() => null, (x: { status: number }) => x);
          expect(e?.status).toBe(w.actor.kind === "anonymous" ? 401 : 403);
          expect(await snapshot()).toBe(before);
        }
      });
    }
  }

  it("staff reads (the response queue, the subject pickers) are the managers'; everyone reads a call", async () => {
    const m = await fresh();
    for (const [who, w] of Object.entries(WHO)) {
      const q = await listResponseQueue({ ctx: at(w.actor), input: { provinceCode: "57" } }).then(() => 0, (e: { status: number }) => e.status);
      expect(q, `queue: ${who}`).toBe(w.manages ? 0 : w.actor.kind === "anonymous" ? 401 : 403);
      const s = await listSubjectChoices({ ctx: at(w.actor), input: { provinceCode: "57" } }).then(() => 0, (e: { status: number }) => e.status);
      expect(s, `subjects: ${who}`).toBe(w.manages ? 0 : w.actor.kind === "anonymous" ? 401 : 403);
      const c = await getCall({ ctx: at(w.actor), input: { id: m.callId } });
      expect(c.viewer.canManage, who).toBe(w.manages);
      expect(c.viewer.canTakePart, who).toBe(w.takesPart);
    }
  });

  it("guard: every participation operation of the policy and every write use case of the module is in this matrix", () => {
    const exercised = new Set<string>([...Object.values(OPS).map((o) => o.op), "participation:public"]);
    for (const op of Object.keys(POLICY).filter((k) => k.startsWith("participation:"))) expect(exercised.has(op), op).toBe(true);
    const covered = new Set([...Object.values(OPS).flatMap((o) => o.files), "check-response-deadlines", "seed-demo", "personal-data" /* erasure on closing an account: accounts/self-service-permissions.test.ts */]);
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const writers = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && /writeAudit\(|db\.insert\(|db\.update\(|db\.delete\(/.test(fs.readFileSync(path.join(dir, f), "utf8")));
    for (const f of writers) expect(covered.has(f.replace(/\.ts$/, "")), `${f} writes: add it to the matrix`).toBe(true);
  });
});
