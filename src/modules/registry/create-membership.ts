import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { CreateMembershipInput } from "./contracts.js";
import { dateOrderError, mustFindPerson, mustFindPost } from "./refs.js";
import { memberships, posts } from "./tables.js";

/** Appoints a person to a post for a period; a post has one holder at a time and a province one CCO. */
export async function createMembership({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateMembershipInput> & { id?: string; isDemo?: boolean } }): Promise<{ id: string }> {
  const i = CreateMembershipInput.parse(input);
  if (i.endDate && i.endDate < i.startDate) throw dateOrderError("endDate");
  return withTransaction(ctx, async (tx) => {
    const post = await mustFindPost(tx, i.postId, "postId");
    await requirePermission(tx, "registry:membership.write", { kind: "org", id: post.organizationId });
    const person = await mustFindPerson(tx, i.personId, "personId");
    const end = i.endDate ?? "9999-12-31";
    const overlap = await tx.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.postId, post.id), sql`${memberships.startDate} <= ${end}`, or(isNull(memberships.endDate), sql`${memberships.endDate} >= ${i.startDate}`)))
      .limit(1);
    if (overlap.length) {
      throw new RuleViolation("membership.post-occupied", "ตำแหน่งนี้มีผู้ดำรงตำแหน่งในช่วงเวลาดังกล่าวแล้ว", "The post already has a holder in that period", { membershipId: overlap[0]!.id });
    }
    if (i.designation === "cco") {
      if (post.role !== "vice_governor") throw new RuleViolation("membership.cco-not-vice-governor", "CCO ต้องเป็นรองผู้ว่าราชการจังหวัด", "The CCO must be a vice governor");
      const other = await tx.db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.provinceCode, post.provinceCode ?? ""), eq(memberships.designation, "cco"), ne(memberships.postId, post.id), sql`${memberships.startDate} <= ${end}`, or(isNull(memberships.endDate), sql`${memberships.endDate} >= ${i.startDate}`)))
        .limit(1);
      if (other.length) throw new RuleViolation("membership.cco-taken", "จังหวัดนี้มีรองผู้ว่าฯ ที่ได้รับมอบหมายเป็น CCO แล้ว", "This province already has a designated CCO in that period");
    }
    const id = input.id ?? newId();
    const values = {
      id,
      personId: person.id,
      postId: post.id,
      organizationId: post.organizationId,
      role: post.role,
      designation: i.designation ?? null,
      provinceCode: post.provinceCode,
      startDate: i.startDate,
      endDate: i.endDate ?? null,
      isDemo: input.isDemo ?? false,
      createdAt: tx.now(),
      updatedAt: tx.now(),
    };
    await tx.db.insert(memberships).values(values);
    await tx.db.update(posts).set({ updatedAt: tx.now() }).where(eq(posts.id, post.id));
    const { createdAt: _c, updatedAt: _u, ...after } = values;
    await writeAudit(tx, { action: "registry.membership.create", entityType: "membership", entityId: id, provinceCode: post.provinceCode, after });
    await writeAudit(tx, { action: "registry.membership.create", entityType: "person", entityId: person.id, provinceCode: post.provinceCode, after });
    return { id };
  });
}
