import { desc, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { AppError } from "../../platform/errors.js";
import { OutboxQuery, type OutboxList } from "./contracts.js";
import { mailSettings } from "./settings.js";
import { mailOutbox } from "./tables.js";

export const OUTBOX_BANNER = { th: "กล่องจดหมายสำหรับการพัฒนา: ระบบไม่ได้ส่งอีเมลจริง", en: "Development outbox: mail is not sent" };

/**
 * The development outbox: the mail stored for one address (newest first, at most 50). Exists only when the
 * transport is the outbox; anyone may look, but only at the address they type (no list of everyone's address).
 */
export async function listOutbox({ ctx, input }: { ctx: Ctx; input: { address: string } }): Promise<OutboxList> {
  if (mailSettings().transport.kind !== "outbox") throw new AppError("mail.outbox-off", 404, "กล่องจดหมายสำหรับการพัฒนาไม่ได้เปิดใช้ (MAIL_TRANSPORT ไม่ใช่ outbox)", "The development outbox is off (MAIL_TRANSPORT is not outbox)");
  const q = OutboxQuery.parse(input);
  const rows = await ctx.db
    .select()
    .from(mailOutbox)
    .where(sql`lower(${mailOutbox.toAddress}) = ${q.address}`)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(50);
  return {
    bannerTh: OUTBOX_BANNER.th,
    bannerEn: OUTBOX_BANNER.en,
    items: rows.map((r) => ({ id: r.id, kind: r.kind, to: r.toAddress, from: r.fromAddress, subject: r.subject, text: r.textBody, html: r.htmlBody, createdAt: r.createdAt.toISOString() })),
  };
}
