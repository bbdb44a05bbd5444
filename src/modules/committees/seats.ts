import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, newId, type Ctx } from "../../platform/ctx.js";
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { isUniqueViolation } from "../../platform/db/unique-violation.js";
import { lookupPartners } from "../networks/index.js";
import { lookupOrganization } from "../registry/index.js";
import { AddSeatInput, EndSeatInput, UpdateSeatInput } from "./contracts.js";
import { committeeScope, requireCommittee, today, type CommitteeRow } from "./load.js";
import { committeeSeats } from "./tables.js";

/** The seats a partner organisation of the province's network may hold. */
const PARTNER_SEATS: readonly string[] = ["private", "civil", "academic"];

const oneSeatPerMinistry = (ministryId: string) =>
  new ConflictError("committees.ministry-has-seat", `กระทรวงนี้มีที่นั่งในคณะกรรมการแล้ว (หนึ่งกระทรวงหนึ่งที่นั่ง เสียงเท่ากัน)`, `This ministry already has a seat on the committee (one seat per ministry, equal votes)`, { ministryId });

/** Only a private, civil or academic seat names a partner, and only one of the committee's province (400 naming partnerId). */
async function checkSeatPartner(ctx: Ctx, c: Pick<CommitteeRow, "provinceCode">, kind: string, partnerId: string): Promise<void> {
  if (!PARTNER_SEATS.includes(kind))
    throw new ValidationError([{ path: "partnerId", code: "seat.partner-only", messageTh: "ภาคีเครือข่ายดำรงได้เฉพาะที่นั่งภาคเอกชน ภาคประชาสังคม และภาควิชาการ", messageEn: "Only a private, civil or academic seat is held by a partner" }]);
  const partner = (await lookupPartners(ctx, [partnerId])).get(partnerId);
  if (!partner || partner.provinceCode !== c.provinceCode)
    throw new ValidationError([{ path: "partnerId", code: "seat.partner-unknown", messageTh: "ไม่พบภาคีเครือข่ายนี้ในจังหวัดของคณะกรรมการ", messageEn: "No such partner in the committee's province" }]);
}

/**
 * Adds a seat. A ministry's seat names the ministry and is held by one of its organisations (normally the head of
 * its provincial agency); the committee has one seat per ministry, checked here and enforced by the database.
 * Every seat except the secretary's votes, with one equal vote.
 */
export async function addSeat({ ctx, committeeId, input }: { ctx: Ctx; committeeId: string; input: z.input<typeof AddSeatInput> }): Promise<{ id: string }> {
  const i = AddSeatInput.parse(input);
  const c = await requireCommittee(ctx, committeeId);
  await requirePermission(ctx, "committees:manage", committeeScope(c));
  if (c.closedAt) throw new RuleViolation("committees.closed", "คณะกรรมการนี้ยุติแล้ว", "This committee has been closed");
  if (i.kind === "ministry") {
    if (!i.ministryId) throw new ValidationError([{ path: "ministryId", code: "seat.ministry-required", messageTh: "ที่นั่งของกระทรวงต้องระบุกระทรวง", messageEn: "A ministry's seat names the ministry" }]);
    const ministry = await lookupOrganization(ctx, i.ministryId);
    if (!ministry || ministry.classification !== "ministry")
      throw new ValidationError([{ path: "ministryId", code: "seat.not-a-ministry", messageTh: "ไม่พบกระทรวงนี้ในทะเบียน", messageEn: "No such ministry in the registry" }]);
    if (i.holderOrgId) {
      const above = await ctx.scopes.ancestors({ kind: "org", id: i.holderOrgId });
      if (!above.has(`org:${i.ministryId}`))
        throw new ValidationError([{ path: "holderOrgId", code: "seat.holder-outside-ministry", messageTh: "หน่วยงานผู้ดำรงที่นั่งต้องสังกัดกระทรวงนี้", messageEn: "The seat's holder must belong to this ministry" }]);
    }
  } else if (i.ministryId) {
    throw new ValidationError([{ path: "ministryId", code: "seat.ministry-only", messageTh: "ระบุกระทรวงได้เฉพาะที่นั่งของกระทรวง", messageEn: "Only a ministry's seat names a ministry" }]);
  }
  if (i.holderOrgId && !(await lookupOrganization(ctx, i.holderOrgId)))
    throw new ValidationError([{ path: "holderOrgId", code: "organization.unknown", messageTh: "ไม่พบหน่วยงานนี้ในทะเบียน", messageEn: "No such organisation in the registry" }]);
  if (i.partnerId) await checkSeatPartner(ctx, c, i.kind, i.partnerId);
  if (i.kind === "chair" || i.kind === "secretary") {
    const [taken] = await ctx.db.select({ id: committeeSeats.id }).from(committeeSeats).where(and(eq(committeeSeats.committeeId, c.id), eq(committeeSeats.kind, i.kind), isNull(committeeSeats.endedOn))).limit(1);
    if (taken) throw new ConflictError(`committees.${i.kind}-taken`, i.kind === "chair" ? "คณะกรรมการมีประธานแล้ว" : "คณะกรรมการมีเลขานุการแล้ว", `The committee already has a ${i.kind}`);
  }
  try {
    return await withTransaction(ctx, async (tx) => {
      const startedOn = i.startedOn ?? today(tx);
      if (i.kind === "ministry") {
        // a seat still running on the new seat's first day (not ended, or ending later) is the ministry's one seat
        const [held] = await tx.db
          .select({ id: committeeSeats.id })
          .from(committeeSeats)
          .where(and(eq(committeeSeats.committeeId, c.id), eq(committeeSeats.kind, "ministry"), eq(committeeSeats.ministryId, i.ministryId!), or(isNull(committeeSeats.endedOn), gt(committeeSeats.endedOn, startedOn))))
          .limit(1);
        if (held) throw oneSeatPerMinistry(i.ministryId!);
      }
      const id = newId(tx.now().getTime());
      const row = {
        id,
        committeeId: c.id,
        kind: i.kind,
        ministryId: i.ministryId ?? null,
        holderOrgId: i.holderOrgId ?? null,
        partnerId: i.partnerId ?? null,
        holderNameTh: i.holderNameTh,
        holderNameEn: i.holderNameEn ?? "",
        voting: i.kind !== "secretary",
        startedOn,
        createdAt: tx.now(),
      };
      await tx.db.insert(committeeSeats).values(row);
      await writeAudit(tx, { action: "committees.seat.add", entityType: "committee", entityId: c.id, provinceCode: c.provinceCode, after: row });
      return { id };
    });
  } catch (e) {
    // two requests at once: the partial unique index turns the second into the same answer
    if (i.kind === "ministry" && isUniqueViolation(e)) throw oneSeatPerMinistry(i.ministryId!);
    throw e;
  }
}

/** Ends a seat (its holder leaves, or the ministry's seat passes to another of its agencies: end it, then add the new one). */
export async function endSeat({ ctx, seatId, input }: { ctx: Ctx; seatId: string; input: z.input<typeof EndSeatInput> }): Promise<void> {
  const i = EndSeatInput.parse(input);
  const [seat] = await ctx.db.select().from(committeeSeats).where(eq(committeeSeats.id, seatId)).limit(1);
  if (!seat) throw new NotFoundError("committee-seat", seatId);
  const c = await requireCommittee(ctx, seat.committeeId);
  await requirePermission(ctx, "committees:manage", committeeScope(c));
  if (seat.endedOn) throw new ConflictError("committees.seat-ended", "ที่นั่งนี้สิ้นสุดแล้ว", "This seat has already ended");
  if (i.endedOn < seat.startedOn) throw new ValidationError([{ path: "endedOn", code: "seat.ends-before-start", messageTh: "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม", messageEn: "A seat cannot end before it started" }]);
  await withTransaction(ctx, async (tx) => {
    await tx.db.update(committeeSeats).set({ endedOn: i.endedOn }).where(eq(committeeSeats.id, seat.id));
    await writeAudit(tx, { action: "committees.seat.end", entityType: "committee", entityId: c.id, provinceCode: c.provinceCode, before: seat, after: { ...seat, endedOn: i.endedOn } });
  });
}

/** Changes a running seat: names the partner holding it (or clears it), or corrects the holder's name as shown. */
export async function updateSeat({ ctx, seatId, input }: { ctx: Ctx; seatId: string; input: z.input<typeof UpdateSeatInput> }): Promise<void> {
  const i = UpdateSeatInput.parse(input);
  const [seat] = await ctx.db.select().from(committeeSeats).where(eq(committeeSeats.id, seatId)).limit(1);
  if (!seat) throw new NotFoundError("committee-seat", seatId);
  const c = await requireCommittee(ctx, seat.committeeId);
  await requirePermission(ctx, "committees:manage", committeeScope(c));
  if (c.closedAt) throw new RuleViolation("committees.closed", "คณะกรรมการนี้ยุติแล้ว", "This committee has been closed");
  if (seat.endedOn) throw new ConflictError("committees.seat-ended", "ที่นั่งนี้สิ้นสุดแล้ว", "This seat has already ended");
  if (i.partnerId) await checkSeatPartner(ctx, c, seat.kind, i.partnerId);
  const change: Partial<Pick<typeof seat, "partnerId" | "holderNameTh" | "holderNameEn">> = {};
  if (i.partnerId !== undefined && i.partnerId !== seat.partnerId) change.partnerId = i.partnerId;
  if (i.holderNameTh !== undefined && i.holderNameTh !== seat.holderNameTh) change.holderNameTh = i.holderNameTh;
  if (i.holderNameEn !== undefined && i.holderNameEn !== seat.holderNameEn) change.holderNameEn = i.holderNameEn;
  if (Object.keys(change).length === 0) return; // nothing changed: no record
  await withTransaction(ctx, async (tx) => {
    await tx.db.update(committeeSeats).set(change).where(eq(committeeSeats.id, seat.id));
    await writeAudit(tx, { action: "committees.seat.update", entityType: "committee", entityId: c.id, provinceCode: c.provinceCode, before: seat, after: { ...seat, ...change } });
  });
}
