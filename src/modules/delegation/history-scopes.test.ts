import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import type { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { listHistory } from "../audit/list-history.js";
import { createDelegation } from "./create-delegation.js";
import { createPower } from "./create-power.js";
import { getDelegation } from "./get-delegation.js";
import { revokeDelegation } from "./revoke-delegation.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const fail = (p: Promise<unknown>) => p.then(() => null as unknown as AppError, (e: unknown) => e as AppError);
const admin = actor("administrator", "nation", "h-admin");
const dolOfficer = actor("department_officer", "org:moi.dol", "h-dol");
const mofOfficer = actor("ministry_officer", "org:mof", "h-mof");
const govKK = actor("governor", "area:province:40", "h-gov-40");
const govCR = actor("governor", "area:province:57", "h-gov-57");
const districtKK = actor("district_officer", "area:district:4001", "h-district-4001");
const citizen = actor("citizen", "nation", "h-citizen");

describe("an instrument's change history", () => {
  it("is read where the instrument bears (the power's department, its province, its delegate's district), and the page says so", async () => {
    await createPower({ ctx: ctxFor(db, admin), input: { code: "P-H-001", area: "commands-permits", nameTh: "อำนาจทดสอบประวัติ", legalBasisTh: "ประมวลกฎหมายที่ดิน มาตรา 9", centralOrgId: "moi.dol", isPermit: true } });
    const g = await createDelegation({ ctx: ctxFor(db, dolOfficer), input: { powerCode: "P-H-001", delegateRole: "governor", provinceCode: "40", instrumentNo: "คำสั่งกรมที่ดิน ที่ 1/2569", instrumentDate: "2026-01-05", effectiveFrom: "2026-01-05", maySubdelegate: true } });
    const dc = await createDelegation({ ctx: ctxFor(db, govKK), input: { powerCode: "P-H-001", parentId: g.id, delegateRole: "district_chief", districtCode: "4001", amountCap: 100_000, instrumentNo: "คำสั่งจังหวัดขอนแก่น ที่ 1/2569", instrumentDate: "2026-02-01", effectiveFrom: "2026-02-01" } });
    await revokeDelegation({ ctx: ctxFor(db, dolOfficer), input: { delegationId: g.id, revokedFrom: "2026-12-01", reasonTh: "ทดสอบ" } });

    for (const who of [admin, dolOfficer, govKK, districtKK]) {
      const h = await listHistory({ ctx: ctxFor(db, who), input: { entityType: "delegation", entityId: dc.id } });
      expect(h.items.map((i) => i.action), who.id ?? "").toEqual(["delegation.instrument.revoke-cascade", "delegation.instrument.create"]);
      expect((await getDelegation({ ctx: ctxFor(db, who), input: { id: dc.id } })).may.history, who.id ?? "").toBe(true);
    }
    // the district chief's office does not read the governor's own instrument; other provinces and ministries read neither
    expect((await fail(listHistory({ ctx: ctxFor(db, districtKK), input: { entityType: "delegation", entityId: g.id } }))).code).toBe("auth.forbidden");
    expect((await getDelegation({ ctx: ctxFor(db, districtKK), input: { id: g.id } })).may.history).toBe(false);
    for (const who of [govCR, mofOfficer, citizen]) {
      expect((await fail(listHistory({ ctx: ctxFor(db, who), input: { entityType: "delegation", entityId: dc.id } }))).code, who.id ?? "").toBe("auth.forbidden");
      expect((await getDelegation({ ctx: ctxFor(db, who), input: { id: dc.id } })).may.history, who.id ?? "").toBe(false);
    }
    expect((await getDelegation({ ctx: ctxFor(db, anonymousActor), input: { id: dc.id } })).may.history).toBe(false);
  });
});
