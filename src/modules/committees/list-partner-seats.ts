import { desc, eq, inArray } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { lookupPartners } from "../networks/index.js";
import type { PartnerSeatView } from "./contracts.js";
import { committeeScope } from "./load.js";
import { committees, committeeSeats } from "./tables.js";

/** The committee seats a partner organisation holds or held (newest first), for staff who read the province's committees. */
export async function listPartnerSeats({ ctx, partnerId }: { ctx: Ctx; partnerId: string }): Promise<PartnerSeatView[]> {
  const partner = (await lookupPartners(ctx, [partnerId])).get(partnerId);
  if (!partner) throw new NotFoundError("partner", partnerId);
  await requirePermission(ctx, "committees:read", committeeScope(partner));
  const seats = await ctx.db.select().from(committeeSeats).where(eq(committeeSeats.partnerId, partnerId)).orderBy(desc(committeeSeats.startedOn));
  const names = seats.length ? await ctx.db.select({ id: committees.id, nameTh: committees.nameTh, nameEn: committees.nameEn }).from(committees).where(inArray(committees.id, [...new Set(seats.map((s) => s.committeeId))])) : [];
  const byId = new Map(names.map((c) => [c.id, c]));
  return seats.map((s) => ({
    seatId: s.id,
    committeeId: s.committeeId,
    committeeNameTh: byId.get(s.committeeId)?.nameTh ?? "",
    committeeNameEn: byId.get(s.committeeId)?.nameEn ?? "",
    kind: s.kind as PartnerSeatView["kind"],
    holderNameTh: s.holderNameTh,
    holderNameEn: s.holderNameEn,
    voting: s.voting,
    startedOn: s.startedOn,
    endedOn: s.endedOn,
  }));
}
