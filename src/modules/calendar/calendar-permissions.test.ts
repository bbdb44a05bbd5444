import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import { anonymousActor } from "../../platform/auth/actor.js";
import type { Ctx } from "../../platform/ctx.js";
import { AppError } from "../../platform/errors.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { errorChain, failAuditWritesBy, snapshot } from "../../../test/snapshot.js";
import { deleteHoliday } from "./delete-holiday.js";
import { listHolidays } from "./list-holidays.js";
import { upsertHoliday } from "./upsert-holiday.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const TABLES = { public_holidays: "date", audit_log: "id" };
const state = () => snapshot(db, TABLES);

/** Holidays are national: the actor's grant is in Chiang Rai, above it, the nation, beside it or outside. */
const SCOPES = {
  in: { area: "area:province:57", org: "org:pro:57:land" },
  above: { area: "area:cluster:N2", org: "org:moi.dol" },
  nation: { area: "nation", org: "nation" },
  beside: { area: "area:province:55", org: "org:pro:57:public-health" },
  out: { area: "area:district:5501", org: "org:moph" },
};
type Where = keyof typeof SCOPES;
const WHERE = Object.keys(SCOPES) as Where[];
const ORG_ROLES: RoleId[] = ["agency_officer", "agency_head", "ministry_officer", "department_officer"];
function scopeFor(role: RoleId, where: Where): string {
  if (role === "citizen" || role === "pmoc_viewer") return "nation";
  return ORG_ROLES.includes(role) ? SCOPES[where].org : SCOPES[where].area;
}

/** Unused dates, one per case (the seeded calendar covers the current years). */
let day = 0;
const freshDate = () => new Date(Date.UTC(2040, 0, 1 + day++)).toISOString().slice(0, 10);
const sys = () => ctxFor(db);
const seedHoliday = async () => {
  const date = freshDate();
  await upsertHoliday({ ctx: sys(), input: { date, nameTh: "วันหยุดทดสอบ", nameEn: "Test holiday" } });
  return date;
};

type Op = { writes: boolean; action?: string; setup: () => Promise<string>; run: (ctx: Ctx, date: string) => Promise<unknown> };
const ops: Record<string, Op> = {
  "holiday.create": {
    writes: true,
    action: "calendar.holiday.create",
    setup: async () => freshDate(),
    run: (ctx, date) => upsertHoliday({ ctx, input: { date, nameTh: "วันหยุดชดเชย (ทดสอบ)", nameEn: "Substitution holiday (test)", source: "มติคณะรัฐมนตรี (ทดสอบ)" } }),
  },
  "holiday.update": {
    writes: true,
    action: "calendar.holiday.update",
    setup: seedHoliday,
    run: (ctx, date) => upsertHoliday({ ctx, input: { date, nameTh: "วันหยุดทดสอบ (แก้ไข)", nameEn: "Test holiday (renamed)" } }),
  },
  "holiday.delete": { writes: true, action: "calendar.holiday.delete", setup: seedHoliday, run: (ctx, date) => deleteHoliday({ ctx, input: { date } }) },
  "holidays.list": { writes: false, setup: seedHoliday, run: (ctx, date) => listHolidays({ ctx, input: { year: Number(date.slice(0, 4)) } }) },
};

/** By the policy: reading the calendar is public; writing it is for national administrators (holidays are national). */
function expected(op: Op, role: RoleId, where: Where): boolean {
  if (!op.writes) return true;
  return role === "administrator" && where === "nation";
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected the call to be refused").toBeInstanceOf(AppError);
  return err as AppError;
}

describe("calendar permission matrix: every operation × role × scope (in, above, nation, beside, out)", () => {
  const cases: [string, RoleId, Where][] = [];
  for (const op of Object.keys(ops)) for (const role of ROLES) for (const where of WHERE) cases.push([op, role, where]);

  it.each(cases)("%s by %s (%s)", async (name, role, where) => {
    const op = ops[name]!;
    const date = await op.setup();
    const who = actor(role, scopeFor(role, where), `t-${name}-${role}-${where}`);
    const ctx = ctxFor(db, who);
    const before = await state();
    const run = op.run(ctx, date);
    if (expected(op, role, where)) {
      const out = await run;
      const audit = await db.query<{ action: string; entity_id: string; request_id: string }>("select action, entity_id, request_id from audit_log where actor_id = $1", [who.id]);
      const [row] = await db.query<{ name_en: string }>("select name_en from public_holidays where date = $1", [date]);
      if (op.writes) {
        expect(audit).toEqual([{ action: op.action, entity_id: date, request_id: ctx.requestId }]);
        if (name === "holiday.delete") expect(row).toBeUndefined();
        else expect(row?.name_en).toMatch(name === "holiday.create" ? /Substitution/ : /renamed/);
      } else {
        expect(out).toContainEqual({ date, nameTh: "วันหยุดทดสอบ", nameEn: "Test holiday", source: null });
        expect(audit).toEqual([]);
        expect(await state()).toEqual(before);
      }
    } else {
      const err = await refusal(run);
      expect(err.status).toBe(403);
      expect(err.code).toBe("auth.forbidden");
      expect(await state()).toEqual(before); // nothing written, not even an audit row
    }
  });

  it("anonymous callers read the calendar but get 401 on every write, and nothing is written", async () => {
    for (const [name, op] of Object.entries(ops)) {
      const date = await op.setup();
      const before = await state();
      if (op.writes) expect((await refusal(op.run(ctxFor(db, anonymousActor), date))).status, name).toBe(401);
      else await expect(op.run(ctxFor(db, anonymousActor), date)).resolves.toContainEqual(expect.objectContaining({ date }));
      expect(await state()).toEqual(before);
    }
  });

  it("a provincial or ministry administrator cannot change the national calendar", async () => {
    for (const scope of ["area:province:57", "org:moi", "area:region:north"]) {
      const ctx = ctxFor(db, actor("administrator", scope, `admin-${scope.replace(/[^a-z0-9]/g, "-")}`));
      const date = await seedHoliday();
      const before = await state();
      expect((await refusal(upsertHoliday({ ctx, input: { date: freshDate(), nameTh: "วันหยุดจังหวัด", nameEn: "Provincial day off" } }))).status).toBe(403);
      expect((await refusal(upsertHoliday({ ctx, input: { date, nameTh: "แก้ชื่อ", nameEn: "Renamed" } }))).status).toBe(403);
      expect((await refusal(deleteHoliday({ ctx, input: { date } }))).status).toBe(403);
      expect(await state()).toEqual(before);
    }
  });

  it("every successful write leaves its audit record in the change's own transaction: a failed audit undoes the change", async () => {
    await failAuditWritesBy(db, "audit-boom");
    const boom = actor("administrator", "nation", "audit-boom");
    for (const [name, op] of Object.entries(ops)) {
      if (!op.writes) continue;
      const date = await op.setup();
      const before = await state();
      const err = await op.run(ctxFor(db, boom), date).then(() => null, (e: unknown) => e);
      expect(errorChain(err), name).toMatch(/audit write refused/);
      expect(await state(), name).toEqual(before);
    }
  });

  it("the audit record carries the before and after of the holiday", async () => {
    const ctx = ctxFor(db, actor("administrator", "nation", "holiday-auditor"));
    const date = freshDate();
    await upsertHoliday({ ctx, input: { date, nameTh: "ก", nameEn: "A" } });
    await upsertHoliday({ ctx, input: { date, nameTh: "ข", nameEn: "B", source: "ราชกิจจานุเบกษา" } });
    await deleteHoliday({ ctx, input: { date } });
    const rows = await db.query<{ action: string; before: { nameEn: string } | null; after: { nameEn: string; source: string | null } | null }>(
      "select action, before, after from audit_log where actor_id = 'holiday-auditor' order by id",
    );
    expect(rows.map((r) => [r.action, r.before?.nameEn ?? null, r.after?.nameEn ?? null])).toEqual([
      ["calendar.holiday.create", null, "A"],
      ["calendar.holiday.update", "A", "B"],
      ["calendar.holiday.delete", "B", null],
    ]);
    expect(rows[1]!.after!.source).toBe("ราชกิจจานุเบกษา");
  });
});
