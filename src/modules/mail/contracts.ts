/** Mail contracts: browser-safe (the dev outbox page imports these). */
import { z } from "zod";

/** Where mail goes: stored in the development outbox, sent by SMTP, or only logged (kind and id, no address). */
export const MailTransportKind = z.enum(["outbox", "smtp", "log"]);
export type MailTransportKind = z.infer<typeof MailTransportKind>;

export const OutboxQuery = z
  .object({
    /** only mail to this address is shown (the page is not a list of everyone's address) */
    address: z.string().trim().toLowerCase().email().max(200),
  })
  .strict();
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OutboxMessage = z.object({
  id: z.string(),
  kind: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  createdAt: z.string(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxList = z.object({
  bannerTh: z.string(),
  bannerEn: z.string(),
  items: z.array(OutboxMessage),
});
export type OutboxList = z.infer<typeof OutboxList>;

/** The dev outbox is on (MAIL_TRANSPORT=outbox) or not: the web shows the link only when it is. */
export const MailInfo = z.object({ transport: MailTransportKind, outbox: z.boolean() });
export type MailInfo = z.infer<typeof MailInfo>;
