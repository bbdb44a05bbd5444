import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import { POLICY } from "../../platform/auth/policy.js";
import type { Ctx } from "../../platform/ctx.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { acceptCase } from "./accept-case.js";
import { addCaseEvent } from "./add-case-event.js";
import { assignCase } from "./assign-case.js";
import { changeCaseCategory } from "./change-category.js";
import { deleteRoutingRule } from "./delete-routing-rule.js";
import { getCase } from "./get-case.js";
import { listCases } from "./list-cases.js";
import { listRoutingRules } from "./list-routing-rules.js";
import { mergeCase } from "./merge-case.js";
import { previewRouting } from "./preview-routing.js";
import { resolveCase } from "./resolve-case.js";
import { setRoutingRule } from "./set-routing-rule.js";
import { startCase } from "./start-case.js";
import { submitCase } from "./submit-case.js";
import { transferCase } from "./transfer-case.js";
import { updatePublicText } from "./update-public-text.js";
import { uploadCasePhoto } from "./upload-case-photo.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const anon: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };
/** Who stands where relative to a flood case in Mae Sai (district 5709, Chiang Rai), routed to the province's disaster office. */
const WHO: Record<string, { actor: Actor; handles: boolean; assigns: boolean; reads: boolean }> = {
  "the office's officer": { actor: actor("agency_officer", "org:pro:57:disaster-prevention-mitigation", "m-officer"), handles: true, assigns: false, reads: true },
  "the office's head": { actor: actor("agency_head", "org:pro:57:disaster-prevention-mitigation", "m-head"), handles: true, assigns: true, reads: true },
  "the district's centre": { actor: actor("district_officer", "area:district:5709", "m-centre"), handles: true, assigns: true, reads: true },
  "the province's strategy office": { actor: actor("strategy_officer", "area:province:57", "m-poc"), handles: true, assigns: true, reads: true },
  "the governor": { actor: actor("governor", "area:province:57", "m-gov"), handles: true, assigns: true, reads: true },
  "another district's centre": { actor: actor("district_officer", "area:district:5701", "m-other-centre"), handles: false, assigns: false, reads: false },
  "another office of the province": { actor: actor("agency_officer", "org:pro:57:land", "m-land"), handles: false, assigns: false, reads: false },
  "another province's governor": { actor: actor("governor", "area:province:76", "m-gov-76"), handles: false, assigns: false, reads: false },
  "the department above the office": { actor: actor("department_officer", "org:moi.ddpm", "m-dept"), handles: false, assigns: false, reads: true },
  "the cluster office": { actor: actor("cluster_office", "area:cluster:N2", "m-cluster"), handles: false, assigns: false, reads: true },
  "the PMOC": { actor: actor("pmoc_viewer", "nation", "m-pmoc"), handles: false, assigns: false, reads: true },
  "a citizen": { actor: actor("citizen", "nation", "m-citizen"), handles: false, assigns: false, reads: false },
  "the public": { actor: anon, handles: false, assigns: false, reads: false },
};

let seq = 0;
async function freshCase(): Promise<{ id: string; publicRef: string }> {
  seq++;
  return submitCase({ ctx: ctxFor(db, anon), input: { categoryId: "flood", descriptionTh: `น้ำท่วมถนนซอย ${seq} ลึกครึ่งเข่า`, lat: 20.38 + (seq % 30) * 0.001, lon: 99.86 + Math.floor(seq / 30) * 0.001, reporter: { anonymous: true }, consent: true } });
}
const snapshot = async () => (await db.query<{ h: string }>("select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from (select id, status, version, assigned_org_id, assignee_account_id, public_text, category_id from cases) x"))[0]!.h + (await db.query<{ n: number }>("select count(*)::int as n from audit_log"))[0]!.n + (await db.query<{ n: number }>("select count(*)::int as n from case_events"))[0]!.n + (await db.query<{ n: number }>("select count(*)::int as n from case_photos"))[0]!.n;
const photo = () => ({ bytes: Buffer.from(`p-${seq}-${Math.random()}`), mediaType: "image/jpeg", width: 4, height: 4, thumbnail: { bytes: Buffer.from("t") }, dhash: null });

const targets = new Map<string, string>();
type Op = { op: keyof typeof POLICY; right: "handles" | "assigns"; files: string[]; prepare?: (id: string) => Promise<void>; run: (ctx: Ctx, id: string) => Promise<unknown> };
const handler = () => ctxFor(db, WHO["the district's centre"]!.actor);
const OPS: Record<string, Op> = {
  accept: { op: "cases:handle", right: "handles", files: ["accept-case"], run: (ctx, id) => acceptCase({ ctx, input: { id } }) },
  start: { op: "cases:handle", right: "handles", files: ["start-case"], run: (ctx, id) => startCase({ ctx, input: { id } }) },
  resolve: { op: "cases:handle", right: "handles", files: ["resolve-case", "change-status"], prepare: async (id) => void (await acceptCase({ ctx: handler(), input: { id } })), run: (ctx, id) => resolveCase({ ctx, input: { id, reasonTh: "ระบายน้ำออกหมดแล้ว ถนนใช้ได้" } }) },
  "public update": { op: "cases:handle", right: "handles", files: ["add-case-event"], run: (ctx, id) => addCaseEvent({ ctx, input: { id, textTh: "ลงพื้นที่แล้ว", visibility: "public" } }) },
  "public text": { op: "cases:handle", right: "handles", files: ["update-public-text"], run: (ctx, id) => updatePublicText({ ctx, input: { id, publicText: "น้ำท่วมถนนในซอย" } }) },
  "after-photo": { op: "cases:handle", right: "handles", files: ["upload-case-photo"], prepare: async (id) => void (await acceptCase({ ctx: handler(), input: { id } })), run: (ctx, id) => uploadCasePhoto({ ctx, input: { id, photo: photo() } }) },
  assign: { op: "cases:assign", right: "assigns", files: ["assign-case", "bulk-assign-cases"], run: (ctx, id) => assignCase({ ctx, input: { id, accountId: null } }) },
  category: { op: "cases:handle", right: "handles", files: ["change-category"], run: (ctx, id) => changeCaseCategory({ ctx, input: { id, categoryId: "road", reasonTh: "เป็นเรื่องถนนชำรุด" } }) },
  transfer: { op: "cases:assign", right: "assigns", files: ["transfer-case"], run: (ctx, id) => transferCase({ ctx, input: { id, orgId: "pao:57", reasonTh: "ถนนของ อบจ. ดูแล" } }) },
  merge: { op: "cases:handle", right: "handles", files: ["merge-case"], prepare: async (id) => void targets.set(id, (await freshCase()).id), run: (ctx, id) => mergeCase({ ctx, input: { id, intoId: targets.get(id)! } }) },
};

describe("permission matrix: who may act on a Mae Sai flood case", () => {
  for (const [name, o] of Object.entries(OPS)) {
    for (const [who, w] of Object.entries(WHO)) {
      const allowed = w[o.right];
      it(`${name}: ${who} → ${allowed ? "allowed" : "refused, nothing written"}`, async () => {
        const c = await freshCase();
        await o.prepare?.(c.id);
        const before = await snapshot();
        const ctx = ctxFor(db, w.actor);
        if (allowed) {
          await o.run(ctx, c.id);
          expect(await snapshot()).not.toBe(before);
        } else {
          const e = await o.run(ctx, c.id).then(() => null, (x: { status: number }) => x);
          expect(e?.status).toBe(w.actor.kind === "anonymous" ? 401 : 403);
          expect(await snapshot()).toBe(before);
        }
      });
    }
  }

  it("reading: handlers and readers above see the case (only handlers see who reported); the rest get 401/403; queues hold only what a reader may see", async () => {
    const c = await freshCase();
    for (const [who, w] of Object.entries(WHO)) {
      const r = await getCase({ ctx: ctxFor(db, w.actor), input: { id: c.id } }).then((x) => x, (x: { status: number }) => x);
      if (w.reads) expect((r as { reporters: unknown }).reporters === null, who).toBe(!w.handles);
      else expect((r as { status: number }).status, who).toBe(w.actor.kind === "anonymous" ? 401 : 403);
      if (w.actor.grants.some((g) => g.role !== "citizen")) {
        const q = await listCases({ ctx: ctxFor(db, w.actor), input: { pageSize: 200, q: c.publicRef } }).catch(() => ({ items: [] }));
        expect(q.items.some((x) => x.id === c.id), who).toBe(w.reads);
      }
    }
  });

  it("routing rules: the province's strategy office and governor set their own province's; no one else", async () => {
    const input = { areaId: "district:5709", categoryId: "noise", orgId: "pro:57:natural-resources-environment" };
    for (const [who, w] of Object.entries(WHO)) {
      const allowed = who === "the province's strategy office" || who === "the governor";
      const before = await snapshot();
      const r = await setRoutingRule({ ctx: ctxFor(db, w.actor), input }).then(() => 0, (e: { status: number }) => e.status);
      expect(r, who).toBe(allowed ? 0 : w.actor.kind === "anonymous" ? 401 : 403);
      if (!allowed) expect(await snapshot()).toBe(before);
    }
  });

  it("routing rules, deleting: the province's strategy office and governor delete their own province's; no one else, and a refusal deletes nothing", async () => {
    const writer = ctxFor(db, WHO["the province's strategy office"]!.actor);
    for (const [who, w] of Object.entries(WHO)) {
      const { id } = await setRoutingRule({ ctx: writer, input: { areaId: "subdistrict:570901", categoryId: "noise", orgId: "pro:57:natural-resources-environment" } });
      const allowed = who === "the province's strategy office" || who === "the governor";
      const before = await snapshot();
      const r = await deleteRoutingRule({ ctx: ctxFor(db, w.actor), input: { id } }).then(() => 0, (e: { status: number }) => e.status);
      expect(r, who).toBe(allowed ? 0 : w.actor.kind === "anonymous" ? 401 : 403);
      if (!allowed) expect(await snapshot(), who).toBe(before);
      expect((await db.query("select 1 from case_routing_rules where id = $1", [id])).length, who).toBe(allowed ? 0 : 1);
      if (!allowed) await deleteRoutingRule({ ctx: writer, input: { id } });
    }
  });

  it("routing rules, reading (cases:routing.read): everyone who takes or handles the province's cases, inside it or above it, read-only unless they may write; no one from another province", async () => {
    await setRoutingRule({ ctx: ctxFor(db, WHO["the governor"]!.actor), input: { areaId: "district:5709", categoryId: "road", orgId: "pao:57", noteTh: "ถนนในอำเภอแม่สายเป็นของ อบจ." } });
    // inside Chiang Rai (an office, a district's centre, the province) or above it (the cluster office, the PMOC: cases:read)
    const reads57 = new Set(["the office's officer", "the office's head", "the district's centre", "the province's strategy office", "the governor", "another district's centre", "another office of the province", "the cluster office", "the PMOC"]);
    const writes57 = new Set(["the province's strategy office", "the governor"]);
    for (const [who, w] of Object.entries(WHO)) {
      const ctx = ctxFor(db, w.actor);
      const refused = w.actor.kind === "anonymous" ? 401 : 403;
      const list = await listRoutingRules({ ctx, input: { provinceCode: "57" } }).then((x) => x, (e: { status: number }) => e.status);
      if (reads57.has(who)) {
        expect(typeof list, who).toBe("object");
        const l = list as Awaited<ReturnType<typeof listRoutingRules>>;
        expect(l.items.find((x) => x.areaId === "district:5709" && x.categoryId === "road")?.orgId, who).toBe("pao:57");
        expect(l.canWrite, who).toBe(writes57.has(who));
      } else expect(list, who).toBe(refused);
      // the intake form's question "where would this go?" is answered to the same readers
      const preview = await previewRouting({ ctx, input: { categoryId: "road", districtCode: "5709" } }).then((x) => x, (e: { status: number }) => e.status);
      if (reads57.has(who)) expect((preview as { orgId: string }).orgId, who).toBe("pao:57");
      else expect(preview, who).toBe(refused);
      // Phetchaburi's rules: only readers whose grant reaches Phetchaburi (its governor, the nation-wide PMOC)
      const reads76 = who === "the PMOC" || who === "another province's governor";
      const other = await listRoutingRules({ ctx, input: { provinceCode: "76" } }).then(() => 0, (e: { status: number }) => e.status);
      expect(other, `${who} reading Phetchaburi's rules`).toBe(reads76 ? 0 : refused);
      const otherPreview = await previewRouting({ ctx, input: { categoryId: "road", provinceCode: "76" } }).then(() => 0, (e: { status: number }) => e.status);
      expect(otherPreview, `${who} asking where a Phetchaburi case goes`).toBe(reads76 ? 0 : refused);
    }
    expect((await listRoutingRules({ ctx: ctxFor(db, actor("governor", "area:province:76", "m-gov-76")), input: { provinceCode: "76" } })).canWrite).toBe(true);
  });

  it("guard: every cases operation of the policy and every write use case of the module is in this matrix", () => {
    const exercised = new Set<string>([...Object.values(OPS).map((o) => o.op), "cases:routing.write", "cases:routing.read", "cases:read", "cases:public", "cases:submit", "cases:intake", "cases:import", "cases:category.write"]);
    for (const op of Object.keys(POLICY).filter((k) => k.startsWith("cases:"))) expect(exercised.has(op), op).toBe(true);
    const covered = new Set([...Object.values(OPS).flatMap((o) => o.files), "case-rules", "submit-case", "set-routing-rule", "delete-routing-rule", "reopen-case", "rate-case", "escalate-cases", "close-resolved-cases", "retention", "import-traffy", "train-routing-models", "seed-demo-cases", "seed-categories", "photo-store", "notify-reporters", "submit-open311-request", "personal-data" /* erasure on closing an account: accounts/self-service-permissions.test.ts */]);
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const writers = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && /writeAudit\(|db\.insert\(|db\.update\(|db\.delete\(/.test(fs.readFileSync(path.join(dir, f), "utf8")));
    for (const f of writers) expect(covered.has(f.replace(/\.ts$/, "")), `${f} writes: add it to the matrix`).toBe(true);
  });
});
