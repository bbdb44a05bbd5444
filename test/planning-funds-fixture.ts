/**
 * A small fixture for the funds tests: projects made through createProject, and the procurement rows a leftover
 * needs inserted straight into the procurements tables (the procurement use cases are another part's work).
 */
import { randomUUID } from "node:crypto";
import type { Database } from "../src/platform/db/client.js";
import { createProject } from "../src/modules/planning/create-project.js";
import { procurementContracts, procurementParties, procurements } from "../src/modules/planning/tables.js";
import { actor, ctxFor } from "./db.js";

let seq = 0;
const OFFICE_GOAL = (p: string) => `prov:${p}:goal:1.1`;
const SUBDISTRICT: Record<string, string> = { "76": "760101", "57": "570101", "34": "340101", "31": "310101", "40": "400101" };

export async function makeProject(db: Database, o: { province?: string; owner?: string; budget?: number; title?: string } = {}) {
  const p = o.province ?? "76";
  const sys = ctxFor(db);
  return createProject({
    ctx: sys,
    input: {
      fiscalYear: 2570,
      provinceCode: p,
      origin: "agency",
      ownerOrgId: o.owner ?? `pro:${p}:agricultural-extension`,
      titleTh: o.title ?? `โครงการทดสอบกองทุน ${seq++} ${randomUUID().slice(0, 6)}`,
      goalIds: [OFFICE_GOAL(p)],
      areaCodes: [SUBDISTRICT[p]!],
      budgetLines: [{ source: "function", amount: o.budget ?? 1_000_000 }],
    },
  });
}

/** A procurement of the project at `stage`, with a contract of `contract` baht when given. */
export async function addProcurement(db: Database, project: { id: string; provinceCode: string | null; fiscalYear: number; ownerOrgId: string }, stage: string, contract?: number) {
  const id = randomUUID();
  await db.db.insert(procurements).values({ id, ocid: `ocds-test-${id}`, projectId: project.id, provinceCode: project.provinceCode, fiscalYear: project.fiscalYear, buyerOrgId: project.ownerOrgId, titleTh: "จัดซื้อทดสอบ", method: "open", category: "works", plannedValue: "1000000.00", stage });
  if (contract !== undefined) {
    const party = randomUUID();
    await db.db.insert(procurementParties).values({ id: party, procurementId: id, provinceCode: project.provinceCode, nameTh: "บริษัท ทดสอบ จำกัด", role: "supplier" });
    await db.db.insert(procurementContracts).values({ id: randomUUID(), procurementId: id, provinceCode: project.provinceCode, supplierPartyId: party, awardAmount: contract.toFixed(2), awardDate: "2026-11-01", contractAmount: contract.toFixed(2), signedOn: "2026-11-02", status: "active" });
  }
  return id;
}

export const governor = (p = "76") => actor("governor", `area:province:${p}`, `gov-${p}`);
export const strategy = (p = "76") => actor("strategy_officer", `area:province:${p}`, `poc-${p}`);
