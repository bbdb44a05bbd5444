import { and, asc, eq, gt, inArray, like, ne, or, type SQL } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { webhookEvents } from "../../platform/webhooks/index.js";
import { ListEventsInput, WEBHOOK_TEST_EVENT, type EventFeed } from "./contracts.js";
import { manageableProvinces, requireManage } from "./webhook-rules.js";

/** The cursor is opaque to callers: base64url of "<occurred_at in ms>.<event id>", the feed's sort key. */
export function encodeCursor(occurredAt: Date, id: string): string {
  return Buffer.from(`${occurredAt.getTime()}.${id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) throw new ValidationError([fieldError("after", "webhooks.feed.bad-cursor", "ตัวชี้ตำแหน่ง (cursor) ไม่ถูกต้อง ให้ใช้ค่า cursor จากหน้าก่อน", "Not a cursor from this feed: pass the previous page's cursor")]);
  return { at: new Date(Number(m[1])), id: m[2]! };
}

/**
 * The event feed: the outbox's events after a cursor, oldest first (by time, then id), for systems that poll
 * instead of receiving webhooks. A caller reads the provinces whose subscriptions it may manage (webhooks:manage);
 * nation-wide grants read every province.
 */
export async function listEvents({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<EventFeed> {
  const i = parseInput(ListEventsInput, input);
  const readable = manageableProvinces(ctx);
  if (i.provinceCode) await requireManage(ctx, i.provinceCode);
  const after = i.after ? decodeCursor(i.after) : null;
  const conds: (SQL | undefined)[] = [ne(webhookEvents.type, WEBHOOK_TEST_EVENT)];
  if (i.provinceCode) conds.push(eq(webhookEvents.provinceCode, i.provinceCode));
  else if (readable !== null) conds.push(inArray(webhookEvents.provinceCode, readable));
  if (i.type) conds.push(i.type.endsWith(".*") ? like(webhookEvents.type, `${i.type.slice(0, -1)}%`) : eq(webhookEvents.type, i.type));
  if (after) conds.push(or(gt(webhookEvents.occurredAt, after.at), and(eq(webhookEvents.occurredAt, after.at), gt(webhookEvents.id, after.id))));
  const rows = await ctx.db
    .select({ id: webhookEvents.id, type: webhookEvents.type, provinceCode: webhookEvents.provinceCode, occurredAt: webhookEvents.occurredAt, payload: webhookEvents.payload })
    .from(webhookEvents)
    .where(and(...conds))
    .orderBy(asc(webhookEvents.occurredAt), asc(webhookEvents.id))
    .limit(i.limit + 1);
  const page = rows.slice(0, i.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ id: r.id, type: r.type, provinceCode: r.provinceCode, occurredAt: r.occurredAt.toISOString(), payload: r.payload as EventFeed["items"][number]["payload"] })),
    cursor: last ? encodeCursor(last.occurredAt, last.id) : (i.after ?? null),
    hasMore: rows.length > i.limit,
  };
}
