import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { createAgreement } from "../performance/create-agreement.js";
import { getDashboard } from "./get-dashboard.js";

/**
 * A provincial cluster signs its own performance agreement, which no province's figure counts: the dashboards of
 * the cluster and of every scope that holds the whole cluster list it with its latest closed round's score; a province
 * of the cluster, another cluster and a function's dashboard do not.
 */
let db: Database;
const FY = 2570;
let agreementId: string;

beforeAll(async () => {
  db = await createTestDb();
  const a = await createAgreement({
    ctx: ctxFor(db, actor("administrator", "nation", "admin-cluster-agreement")),
    input: {
      fiscalYear: FY,
      kind: "cluster",
      areaId: "cluster:N2",
      titleTh: "คำรับรองการปฏิบัติราชการ กลุ่มจังหวัดภาคเหนือตอนบน 2 (ทดสอบ)",
      scheme: { type: "five-level" },
      items: [{ id: "m1", nameTh: "ศูนย์บัญชาการแก้ไขปัญหาหมอกควันของกลุ่มจังหวัด", nameEn: "The cluster's haze command centre", weight: 1, criteria: { kind: "five-level-milestone", steps: [1, 2, 3, 4, 5].map((n) => ({ th: `ขั้นที่ ${n}`, en: `Step ${n}` })) as never } }],
    },
  });
  agreementId = a.id;
});
afterAll(async () => {
  await db?.close();
});

const clusterAgreementsOf = async (scope: string, grant = { role: "pmoc_viewer" as const, scope: "nation" }, fiscalYear = FY) =>
  (await getDashboard({ ctx: ctxFor(db, actor(grant.role, grant.scope, `reader-${grant.role}`)), input: { scope, fiscalYear } })).clusterAgreements;

describe("the clusters' own performance agreements on the dashboards", () => {
  it("lists a cluster's agreement, unscored until a round closes, then with the latest closed round's score", async () => {
    const before = await clusterAgreementsOf("area:cluster:N2");
    expect(before).toEqual([expect.objectContaining({ id: agreementId, clusterId: "cluster:N2", status: "draft", round: null, score: null })]);
    expect(before[0]!.clusterNameTh).toMatch(/ภาคเหนือ/);

    // the 6- and 9-month rounds close (the scoring flow is the performance module's, tested there): the later one's score is shown
    await db.db.execute(sql`update agreement_rounds set status = 'closed', total = case round when 6 then 3.4 else 4.25 end where agreement_id = ${agreementId} and round in (6, 9)`);
    expect(await clusterAgreementsOf("area:cluster:N2")).toEqual([expect.objectContaining({ id: agreementId, round: 9, score: 4.25 })]);
  });

  it("shows it to scopes holding the whole cluster, not to one of its provinces, another cluster, a function or another year", async () => {
    expect((await clusterAgreementsOf("nation")).map((a) => a.id)).toContain(agreementId);
    expect((await clusterAgreementsOf("area:region:north")).map((a) => a.id)).toContain(agreementId);
    // a governor of Chiang Rai (in N2) reads the cluster's dashboard, but her own province's lists no cluster agreement
    expect(await clusterAgreementsOf("area:province:57", { role: "governor" as never, scope: "area:province:57" })).toEqual([]);
    expect(await clusterAgreementsOf("area:cluster:NE3")).toEqual([]);
    expect(await clusterAgreementsOf("org:moi", { role: "ministry_officer" as never, scope: "org:moi" })).toEqual([]);
    expect(await clusterAgreementsOf("area:cluster:N2", undefined, FY - 1)).toEqual([]);
  });
});
