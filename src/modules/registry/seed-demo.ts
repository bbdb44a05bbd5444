import { sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { createMembership } from "./create-membership.js";
import { createOversight } from "./create-oversight.js";
import { createPerson } from "./create-person.js";
import { createPost } from "./create-post.js";
import { PILOT_2024 } from "./list-provinces.js";
import { persons } from "./tables.js";

/** Demo officials are fictional (surname ตัวอย่าง = "example") and flagged isDemo: never presented as real. */
const GIVEN = ["สมชาย", "สมหญิง", "ประเสริฐ", "วิไลวรรณ", "ธนากร", "พรทิพย์", "อนุชา", "กาญจนา", "วีระ", "สุนิสา", "ชัยวัฒน์", "มาลี"];
const GIVEN_EN = ["Somchai", "Somying", "Prasert", "Wilaiwan", "Thanakorn", "Porntip", "Anucha", "Kanjana", "Weera", "Sunisa", "Chaiwat", "Malee"];

/** The demo scenario of the registry: officials in the five 2024 pilot provinces and a deputy PM's oversight. */
export async function seedRegistryDemo({ ctx }: { ctx: Ctx; input?: unknown }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const [{ n }] = (await tx.db.select({ n: sql<number>`count(*)::int` }).from(persons)) as [{ n: number }];
    if (n > 0) return;
    let k = 0;
    const person = async (suffix: string) => {
      const i = k++ % GIVEN.length;
      const id = `demo-person-${suffix}`;
      await createPerson({ ctx: tx, input: { id, isDemo: true, honorificTh: i % 2 ? "นาง" : "นาย", nameTh: `${GIVEN[i]} ตัวอย่าง${suffix.replace(/\D/g, "")}`, nameEn: `${GIVEN_EN[i]} Tuayang (demo)` } });
      return id;
    };
    for (const code of PILOT_2024) {
      // current governor since 1 Oct 2024; a predecessor who served only 14 months (flagged), and one before who served 3 years
      const gov = await person(`${code}-gov`);
      const prev = await person(`${code}-gov-prev`);
      const prev2 = await person(`${code}-gov-prev2`);
      await createMembership({ ctx: tx, input: { id: `demo-m-${code}-gov-prev2`, isDemo: true, personId: prev2, postId: `post:${code}:governor`, startDate: "2020-10-01", endDate: "2023-07-31" } });
      await createMembership({ ctx: tx, input: { id: `demo-m-${code}-gov-prev`, isDemo: true, personId: prev, postId: `post:${code}:governor`, startDate: "2023-08-01", endDate: "2024-09-30" } });
      await createMembership({ ctx: tx, input: { id: `demo-m-${code}-gov`, isDemo: true, personId: gov, postId: `post:${code}:governor`, startDate: "2024-10-01" } });
      const vg1 = await person(`${code}-vg1`);
      const vg2 = await person(`${code}-vg2`);
      await createMembership({ ctx: tx, input: { id: `demo-m-${code}-vg1`, isDemo: true, personId: vg1, postId: `post:${code}:vice-governor-1`, designation: "cco", startDate: "2024-11-01" } });
      await createMembership({ ctx: tx, input: { id: `demo-m-${code}-vg2`, isDemo: true, personId: vg2, postId: `post:${code}:vice-governor-2`, startDate: "2025-01-15" } });
      for (const office of ["provincial-office", "provincial-administration", "public-health", "agriculture-cooperatives", "natural-resources-environment"]) {
        const h = await person(`${code}-${office}`);
        await createMembership({ ctx: tx, input: { id: `demo-m-${code}-${office}`, isDemo: true, personId: h, postId: `post:${code}:head:${office}`, startDate: "2025-04-01" } });
      }
    }
    const dpm = await createPost({ ctx: tx, input: { id: "demo-post-dpm-1", isDemo: true, role: "deputy_prime_minister", labelTh: "รองนายกรัฐมนตรี (ตัวอย่าง)", labelEn: "Deputy Prime Minister (demo)", organizationId: "opm" } });
    const dpmPerson = await person("dpm");
    await createMembership({ ctx: tx, input: { id: "demo-m-dpm", isDemo: true, personId: dpmPerson, postId: dpm.id, startDate: "2025-09-19" } });
    for (const area of ["cluster:N2", "cluster:NE3", "cluster:NE4", "cluster:NE5", "cluster:C4"]) {
      await createOversight({ ctx: tx, input: { postId: dpm.id, areaId: area, startDate: "2025-09-19", isDemo: true } });
    }
    await writeAudit(tx, { action: "registry.seed.demo", entityType: "registry", entityId: "demo", after: { provinces: PILOT_2024 } });
  });
}
