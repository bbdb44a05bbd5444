import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { UpdateRequestInput, type RequestView } from "./contracts-requests.js";
import { loadRequestView } from "./requests-presenters.js";
import { mustGetRequest, provinceScope, requireNoOpenRequest, requireState, transition, type RequestRow } from "./requests-rules.js";
import { mustGetPower } from "./rules.js";

const FIELDS = ["powerCode", "titleTh", "yearlyVolume", "centralTurnaroundDays", "expectedTurnaroundDays", "benefitTh", "justificationTh", "amountCap", "conditionsTh", "maySubdelegate"] as const;

/** Revises a draft or a returned request (the province's writers); only the fields given change, and a save that changes nothing writes nothing. */
export async function updateRequest({ ctx, input }: { ctx: Ctx; input: { id: string } & UpdateRequestInput }): Promise<RequestView> {
  const i = parseInput(UpdateRequestInput, input);
  return withTransaction(ctx, async (tx) => {
    const row = await mustGetRequest(tx, input.id, true);
    await requirePermission(tx, "delegation:request.write", provinceScope(row.provinceCode));
    requireState(row, ["draft", "returned"], i.expectedVersion, "แก้ไขคำขอ", "edit the request");
    const next: Partial<RequestRow> = {};
    for (const f of FIELDS) {
      const v = i[f];
      if (v === undefined) continue;
      const value = f === "amountCap" ? (v === null ? null : (v as number).toFixed(2)) : v;
      if (value !== row[f]) (next as Record<string, unknown>)[f] = value;
    }
    const changed = Object.keys(next);
    if (!changed.length) return loadRequestView(tx, row);
    if (next.powerCode !== undefined) {
      await mustGetPower(tx, next.powerCode);
      await requireNoOpenRequest(tx, row.provinceCode, next.powerCode, row.id);
    }
    const before = Object.fromEntries(changed.map((k) => [k, row[k as keyof RequestRow]]));
    const after = await transition(tx, row, { action: "update", to: row.status as "draft" | "returned", details: { fields: changed.join(",") }, set: next, audit: { before, after: next } });
    return loadRequestView(tx, after);
  });
}
