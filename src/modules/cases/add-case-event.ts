import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { AddCaseEventInput, type CaseEventView } from "./contracts.js";
import { actorLabel, mustGetCase, recordEvent, requireHandler } from "./case-rules.js";
import { notifyReporters } from "./notify-reporters.js";
import { caseEvents } from "./tables.js";

/**
 * A handler writes on the case: a public update (the reporter and the board read it; reporters who asked are
 * e-mailed) or an internal note (handlers only: never on public pages, to reporters or in Open311).
 */
export async function addCaseEvent({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }): Promise<CaseEventView> {
  const { id, ...rest } = input;
  const i = parseInput(AddCaseEventInput, rest);
  return withTransaction(ctx, async (tx) => {
    const c = await mustGetCase(tx, id, { lock: true });
    await requireHandler(tx, c);
    const kind = i.visibility === "public" ? "update" : "note";
    const eventId = await recordEvent(tx, c, { kind, visibility: i.visibility, textTh: i.textTh, actorLabelTh: await actorLabel(tx, c) });
    if (i.visibility === "public") await notifyReporters(tx, c, { kind, textTh: i.textTh, occasion: eventId });
    await writeAudit(tx, { action: `cases.case.${kind}`, entityType: "case", entityId: c.id, provinceCode: c.provinceCode, after: { visibility: i.visibility, length: i.textTh.length } });
    const [e] = await tx.db.select().from(caseEvents).where(eq(caseEvents.id, eventId));
    return { id: e!.id, kind: e!.kind, visibility: e!.visibility as CaseEventView["visibility"], fromStatus: null, toStatus: null, textTh: e!.textTh, actorLabelTh: e!.actorLabelTh, data: {}, at: e!.at.toISOString() };
  });
}
