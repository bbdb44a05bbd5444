import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { requireProvince } from "../registry/index.js";
import { CreateRequestInput, type RequestView } from "./contracts-requests.js";
import { loadRequestView } from "./requests-presenters.js";
import { provinceScope, recordStep, requireNoOpenRequest } from "./requests-rules.js";
import { mustGetPower } from "./rules.js";
import { delegationRequests } from "./tables.js";

/**
 * Drafts a province's request for more delegation (the governor or the provincial strategy office): the power,
 * yearly volume, today's central turnaround, the expected one if delegated and the benefit to citizens.
 */
export async function createRequest({ ctx, input }: { ctx: Ctx; input: CreateRequestInput & { id?: string; isDemo?: boolean } }): Promise<RequestView> {
  const i = parseInput(CreateRequestInput, input);
  await requirePermission(ctx, "delegation:request.write", provinceScope(i.provinceCode));
  return withTransaction(ctx, async (tx) => {
    const power = await mustGetPower(tx, i.powerCode);
    await requireProvince(tx, i.provinceCode);
    await requireNoOpenRequest(tx, i.provinceCode, power.code);
    const now = tx.now();
    const [row] = await tx.db
      .insert(delegationRequests)
      .values({
        id: input.id ?? newId(now.getTime()),
        provinceCode: i.provinceCode,
        powerCode: power.code,
        titleTh: i.titleTh ?? `ขอรับมอบอำนาจ: ${power.nameTh}`.slice(0, 500),
        yearlyVolume: i.yearlyVolume,
        centralTurnaroundDays: i.centralTurnaroundDays,
        expectedTurnaroundDays: i.expectedTurnaroundDays,
        benefitTh: i.benefitTh,
        justificationTh: i.justificationTh,
        amountCap: i.amountCap == null ? null : i.amountCap.toFixed(2),
        conditionsTh: i.conditionsTh,
        maySubdelegate: i.maySubdelegate,
        status: "draft",
        version: 1,
        createdBy: tx.actor.id ?? tx.actor.kind,
        createdByName: tx.actor.name,
        isDemo: input.isDemo ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordStep(tx, null, row!, { action: "create", to: "draft", audit: { after: { ...i, titleTh: row!.titleTh, amountCap: row!.amountCap } } });
    return loadRequestView(tx, row!);
  });
}
