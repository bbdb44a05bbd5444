import { eq, max } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, newId, type Ctx } from "../../platform/ctx.js";
import { RuleViolation, ValidationError } from "../../platform/errors.js";
import { lookupCases } from "../cases/index.js";
import { lookupKpis } from "../performance/index.js";
import { lookupProjects } from "../planning/index.js";
import { lookupLinkedAlerts } from "./alert-links.js";
import { AddAgendaItemInput, type LINK_TYPES } from "./contracts.js";
import { committeeScope, requireMeeting } from "./load.js";
import { committeeAgendaItems } from "./tables.js";

type LinkType = (typeof LINK_TYPES)[number];
export type LinkLabel = { type: LinkType; id: string; label: string; labelEn: string; status: string | null; href: string | null; provinceCode: string | null };

/**
 * What linked records are called on an agenda (a KPI's code and name, a project's, a case's public reference and
 * public text — never who reported it —, an alert's title and whether it is still open): those that exist.
 */
export async function linkLabels(ctx: Ctx, links: { type: LinkType; id: string }[]): Promise<Map<string, LinkLabel>> {
  const ids = (t: LinkType) => links.filter((l) => l.type === t).map((l) => l.id);
  const [k, p, c, a] = await Promise.all([lookupKpis(ctx, ids("kpi")), lookupProjects(ctx, ids("project")), lookupCases(ctx, ids("case")), lookupLinkedAlerts(ctx, ids("alert"))]);
  const out = new Map<string, LinkLabel>();
  for (const x of k.values()) out.set(`kpi:${x.id}`, { type: "kpi", id: x.id, label: `${x.code} ${x.nameTh}`, labelEn: x.nameEn ? `${x.code} ${x.nameEn}` : "", status: null, href: null, provinceCode: x.provinceCode });
  for (const x of p.values())
    out.set(`project:${x.id}`, { type: "project", id: x.id, label: `${x.code} ${x.titleTh}`, labelEn: x.titleEn ? `${x.code} ${x.titleEn}` : "", status: x.status, href: null, provinceCode: x.provinceCode });
  for (const x of c.values()) out.set(`case:${x.id}`, { type: "case", id: x.id, label: `${x.publicRef} ${x.publicText.slice(0, 120)}`, labelEn: "", status: x.status, href: null, provinceCode: x.provinceCode });
  for (const x of a.values()) out.set(`alert:${x.id}`, { type: "alert", id: x.id, label: x.titleTh, labelEn: x.titleEn, status: x.status, href: x.link, provinceCode: x.provinceCode });
  return out;
}

/**
 * Adds an item to a meeting's agenda, optionally about a KPI, a project, a case or an operation-centre alert of the
 * committee's province (or a national record: a KPI or project without a province). Follow-up items are added by the system (carry-over).
 */
export async function addAgendaItem({ ctx, meetingId, input }: { ctx: Ctx; meetingId: string; input: z.input<typeof AddAgendaItemInput> }): Promise<{ id: string }> {
  const i = AddAgendaItemInput.parse(input);
  const { meeting, committee } = await requireMeeting(ctx, meetingId);
  await requirePermission(ctx, "committees:meeting.run", committeeScope(committee));
  if (meeting.status === "cancelled") throw new RuleViolation("committees.meeting-cancelled", "การประชุมครั้งนี้ถูกยกเลิกแล้ว", "This meeting was cancelled");
  if (i.link) {
    const found = (await linkLabels(ctx, [i.link])).get(`${i.link.type}:${i.link.id}`);
    if (!found) throw new ValidationError([{ path: "link.id", code: "agenda.link-unknown", messageTh: "ไม่พบรายการที่อ้างถึง", messageEn: "The linked record does not exist" }]);
    if (found.provinceCode && found.provinceCode !== committee.provinceCode)
      throw new ValidationError([{ path: "link.id", code: "agenda.link-other-province", messageTh: "รายการที่อ้างถึงเป็นของจังหวัดอื่น", messageEn: "The linked record belongs to another province" }]);
  }
  return withTransaction(ctx, async (tx) => {
    const [{ last } = { last: 0 }] = await tx.db.select({ last: max(committeeAgendaItems.position) }).from(committeeAgendaItems).where(eq(committeeAgendaItems.meetingId, meeting.id));
    const id = newId(tx.now().getTime());
    const row = { id, meetingId: meeting.id, position: (last ?? 0) + 1, kind: i.kind, titleTh: i.titleTh, titleEn: i.titleEn ?? "", linkType: i.link?.type ?? null, linkId: i.link?.id ?? null, createdAt: tx.now() };
    await tx.db.insert(committeeAgendaItems).values(row);
    await writeAudit(tx, { action: "committees.agenda-item.add", entityType: "committee", entityId: committee.id, provinceCode: committee.provinceCode, after: row });
    return { id };
  });
}
