import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { referenceDir } from "../../../test/reference.js";
import { acceptImport, getImportJob, importRunner } from "../registry/index.js";
import { registerCasesImports, TRAFFY_IMPORT_KIND } from "./import-traffy.js";
import { parseTraffyCsv } from "./traffy-csv.js";

let db: Database;
beforeAll(async () => {
  registerCasesImports();
  db = await createTestDb();
});
afterAll(async () => db?.close());

const FILE = path.join(referenceDir(), "complaints", "traffy_fondue_2023-05-11_15.csv");

/** The header and the first `n` records of the real export (records may span lines: cut at the next record's line). */
function firstRecords(n: number): Buffer {
  const text = fs.readFileSync(FILE, "utf8");
  const { rows } = parseTraffyCsv(text);
  const lines = text.split("\n");
  return Buffer.from(lines.slice(0, rows[n]!.line - 1).join("\n") + "\n", "utf8");
}

async function run(who = actor("strategy_officer", "area:province:10", "bkk-poc"), content: Buffer, mode: "valid-rows" | "all-or-nothing" = "valid-rows") {
  const ctx = ctxFor(db, who);
  const job = await acceptImport({ ctx, input: { kind: TRAFFY_IMPORT_KIND, mode, fileName: "traffy.csv", content } });
  const runner = importRunner(ctx);
  runner.kick();
  await runner.whenIdle();
  return getImportJob({ ctx, input: { id: job.id, operation: "cases:import" } });
}

describe("importing a Traffy Fondue export (real Bangkok complaints)", () => {
  it("creates one anonymous case per ticket, placed by its pin, categorised by its type, at its own time and Traffy status; a second import refuses every ticket", async () => {
    const content = firstRecords(40);
    const job = await run(undefined, content);
    expect(["succeeded", "partially_succeeded"]).toContain(job.status);
    expect(job.totalRows).toBe(40);
    // what is refused is reported, row by row (in this slice: one comment too short to be a report)
    expect(job.issues.every((i) => ["cases.import.comment-short", "cases.import.unknown-place"].includes(i.code))).toBe(true);
    const rows = await db.query<{ external_id: string; province_code: string; district_code: string | null; category_id: string; status: string; received_at: Date; channel: string }>("select external_id, province_code, district_code, category_id, status, received_at, channel from cases where channel = 'import'");
    expect(rows.length).toBe(job.createdRows);
    expect(job.createdRows).toBeGreaterThan(30); // a few short or unplaceable comments may be reported instead
    expect(rows.every((r) => r.province_code === "10")).toBe(true);
    const first = parseTraffyCsv(content.toString("utf8")).rows[0]!;
    const mine = rows.find((r) => r.external_id === first.ticketId)!;
    expect(new Date(mine.received_at).getTime()).toBe(first.reportedAt.getTime());
    expect(mine.status).toBe(first.status);
    expect((await db.query("select 1 from case_reporters r join cases c on c.id = r.case_id where c.channel = 'import' and (r.name is not null or r.phone is not null or r.email is not null)")).length).toBe(0);
    const again = await run(undefined, content);
    expect(again.createdRows).toBe(0);
    expect(again.issues.every((i) => i.code === "cases.import.duplicate" || job.issues.some((j) => j.row === i.row))).toBe(true);
  });

  it("needs the right to import for the rows' province", async () => {
    const before = (await db.query<{ n: number }>("select count(*)::int as n from cases"))[0]!.n;
    const job = await run(actor("strategy_officer", "area:province:57", "cr-poc"), firstRecords(3), "all-or-nothing");
    expect(job.status).not.toBe("succeeded");
    expect((await db.query<{ n: number }>("select count(*)::int as n from cases"))[0]!.n).toBe(before);
    await expect(acceptImport({ ctx: ctxFor(db, actor("agency_officer", "org:pro:57:land")), input: { kind: TRAFFY_IMPORT_KIND, mode: "valid-rows", fileName: "t.csv", content: firstRecords(1) } })).rejects.toMatchObject({ status: 403 });
  });
});
