import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { hasPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { checkAuthority } from "./check-authority.js";
import type { RequestDetail } from "./contracts-requests.js";
import { delegationView, loadNames } from "./presenters.js";
import { loadRequestView, requestEventView } from "./requests-presenters.js";
import { CABINET_SCOPE, isAuthor, mayReadRequest, MOI_SCOPE, mustGetRequest, provinceScope, readReach, requestIssues } from "./requests-rules.js";
import { mustGetPower, todayOf } from "./rules.js";
import { delegationRequestEvents, delegations } from "./tables.js";

const GetRequestInput = z.object({ id: z.string().min(1).max(120) });

/**
 * One request with its history, the instruments its approval created, who decides the power in the province
 * today, what still keeps it from being submitted and what the caller may do with it now.
 */
export async function getRequest({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<RequestDetail> {
  const i = parseInput(GetRequestInput, input);
  const reach = await readReach(ctx);
  const row = await mustGetRequest(ctx, i.id);
  const power = await mustGetPower(ctx, row.powerCode);
  if (!(await mayReadRequest(ctx, reach, row.provinceCode, power.centralOrgId))) throw new ForbiddenError("delegation:request.read");
  const today = todayOf(ctx);
  const events = await ctx.db.select().from(delegationRequestEvents).where(eq(delegationRequestEvents.requestId, row.id)).orderBy(asc(delegationRequestEvents.version));
  const made = await ctx.db.select().from(delegations).where(eq(delegations.requestId, row.id)).orderBy(asc(delegations.effectiveFrom), asc(delegations.id));
  const names = await loadNames(ctx, made, [power]);
  const authorityToday = await checkAuthority({ ctx, input: { powerCode: row.powerCode, provinceCode: row.provinceCode, date: today } });
  const editable = row.status === "draft" || row.status === "returned";
  const issues = editable ? requestIssues(row) : [];
  const writer = editable && (await hasPermission(ctx, "delegation:request.write", provinceScope(row.provinceCode)));
  const author = await isAuthor(ctx, row.id);
  return {
    ...(await loadRequestView(ctx, row)),
    events: events.map(requestEventView),
    instruments: made.map((d) => delegationView(d, power, names, today)),
    authorityToday,
    issues,
    may: {
      update: writer,
      submit: writer && issues.length === 0,
      withdraw: writer,
      reviewMoi: row.status === "submitted" && !author && (await hasPermission(ctx, "delegation:request.review.moi", MOI_SCOPE)),
      reviewOpdc: row.status === "moi-forwarded" && !author && (await hasPermission(ctx, "delegation:request.review.opdc", provinceScope(row.provinceCode))),
      recordCabinet: row.status === "opdc-recommended" && !author && (await hasPermission(ctx, "delegation:request.cabinet", CABINET_SCOPE)),
    },
  };
}
