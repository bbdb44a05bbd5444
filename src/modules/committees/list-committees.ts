import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import { hasPermission, scopesFor } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { toCalendarDate } from "../../platform/thai/dates.js";
import { ListCommitteesInput, type CommitteeSummary } from "./contracts.js";
import { committeeScope, meetingSummary, today, type CommitteeRow } from "./load.js";
import { cadenceOf } from "./rules.js";
import { committeeActionItems, committeeMeetings, committees } from "./tables.js";

/** Summaries (cadence, open and overdue action items, next meeting) of the given committees, in one pass. */
export async function summarise(ctx: Ctx, rows: CommitteeRow[]): Promise<CommitteeSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [meetings, open] = await Promise.all([
    ctx.db.select().from(committeeMeetings).where(inArray(committeeMeetings.committeeId, ids)).orderBy(asc(committeeMeetings.scheduledOn)),
    ctx.db.select({ committeeId: committeeActionItems.committeeId, dueOn: committeeActionItems.dueOn }).from(committeeActionItems).where(and(inArray(committeeActionItems.committeeId, ids), eq(committeeActionItems.status, "open"))),
  ]);
  const day = today(ctx);
  return rows.map((c) => {
    const mine = meetings.filter((m) => m.committeeId === c.id);
    const held = mine.flatMap((m) => (m.status === "held" && m.heldOn ? [m.heldOn] : []));
    const next = mine.find((m) => m.status === "scheduled" && m.scheduledOn >= day) ?? null;
    const items = open.filter((a) => a.committeeId === c.id);
    return {
      id: c.id,
      kind: c.kind as CommitteeSummary["kind"],
      provinceCode: c.provinceCode,
      nameTh: c.nameTh,
      nameEn: c.nameEn,
      isDemo: c.isDemo,
      cadence: cadenceOf(c.cadenceDays, held, toCalendarDate(c.createdAt), day),
      openActionItems: items.length,
      overdueActionItems: items.filter((a) => a.dueOn < day).length,
      nextMeeting: next ? meetingSummary(next) : null,
    };
  });
}

/** The committees the reader may see (their province's; every province for a national reader), optionally of one province. */
export async function listCommittees({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListCommitteesInput> }): Promise<CommitteeSummary[]> {
  const i = ListCommitteesInput.parse(input);
  // no committees:read grant anywhere (anonymous, a citizen): refused, as a record would be, not an empty list
  const scopes = scopesFor(ctx, "committees:read");
  if (scopes?.length === 0) throw ctx.actor.kind === "anonymous" ? new UnauthorizedError() : new ForbiddenError("committees:read");
  const rows = await ctx.db
    .select()
    .from(committees)
    .where(and(isNull(committees.closedAt), i.provinceCode ? eq(committees.provinceCode, i.provinceCode) : undefined))
    .orderBy(asc(committees.provinceCode), asc(committees.nameTh));
  const allowed = new Map<string, boolean>();
  for (const code of new Set(rows.map((r) => r.provinceCode))) allowed.set(code, await hasPermission(ctx, "committees:read", committeeScope({ provinceCode: code })));
  return summarise(ctx, rows.filter((r) => allowed.get(r.provinceCode)));
}
