import { createHash } from "node:crypto";
import nodemailer from "nodemailer";
import { newId } from "../../platform/ctx.js";
import type { Db } from "../../platform/db/client.js";
import type { MailTransportKind } from "./contracts.js";
import { mailOutbox } from "./tables.js";

/**
 * One message ready to go: one address, a subject, plain text and HTML. `messageId` is the same for every copy
 * of one message (a send repeated after a crash), so the receiving side can drop a repeat (see messageIdFor).
 */
export type MailEnvelope = { kind: string; to: string; subject: string; text: string; html: string; messageId?: string };

/**
 * A Message-ID (RFC 5322) made from what identifies the message here — a queued mail's id, or a notification's
 * id with a hash of the address — and the sender's domain: stable across retries, revealing no address.
 */
export function messageIdFor(parts: readonly string[], from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "changwat.invalid";
  return `<${parts.map((p) => p.replace(/[^A-Za-z0-9._-]/g, "-")).join(".")}@${domain}>`;
}

/** The part of a Message-ID standing for one address: a hash, so that the header names nobody. */
export function addressTag(address: string): string {
  return createHash("sha256").update(address.trim().toLowerCase()).digest("hex").slice(0, 16);
}

/** Hands a message on; throws when it could not (the caller keeps it to retry). */
export interface MailTransport {
  readonly kind: MailTransportKind;
  readonly from: string;
  send(envelope: MailEnvelope): Promise<void>;
}

type InfoLog = { info(obj: object, msg: string): void };

/** Logs that a message would have gone out: its kind only, never the address, subject or body. */
export function logTransport(from: string, log?: InfoLog): MailTransport {
  return {
    kind: "log",
    from,
    async send(e) {
      log?.info({ mailKind: e.kind }, "mail not sent (MAIL_TRANSPORT=log)");
    },
  };
}

/** Stores messages in mail_outbox for the development outbox page instead of sending them. */
export function outboxTransport(db: Db, from: string, now: () => Date = () => new Date()): MailTransport {
  return {
    kind: "outbox",
    from,
    async send(e) {
      const at = now();
      // a message handed over again after a crash (same Message-ID) is kept once, as a receiving server would
      await db
        .insert(mailOutbox)
        .values({ id: newId(at.getTime()), kind: e.kind, toAddress: e.to, fromAddress: from, subject: e.subject, textBody: e.text, htmlBody: e.html, createdAt: at, messageId: e.messageId ?? null })
        .onConflictDoNothing({ target: mailOutbox.messageId });
    },
  };
}

/** Sends by SMTP (nodemailer), e.g. SMTP_URL=smtps://user:pass@smtp.example.org:465. */
export function smtpTransport(url: string, from: string): MailTransport {
  const t = nodemailer.createTransport(url);
  return {
    kind: "smtp",
    from,
    async send(e) {
      // nodemailer makes a random Message-ID unless given one; ours stays the same when a send is repeated
      await t.sendMail({ from, to: e.to, subject: e.subject, text: e.text, html: e.html, ...(e.messageId ? { messageId: e.messageId } : {}) });
    },
  };
}

/** Builds the configured transport (server/main.ts, from MAIL_TRANSPORT, SMTP_URL and MAIL_FROM). */
export function createMailTransport(o: { kind: MailTransportKind; from: string; smtpUrl?: string; db: Db; log?: InfoLog }): MailTransport {
  if (o.kind === "smtp") {
    if (!o.smtpUrl) throw new Error("MAIL_TRANSPORT=smtp needs SMTP_URL");
    return smtpTransport(o.smtpUrl, o.from);
  }
  if (o.kind === "outbox") return outboxTransport(o.db, o.from);
  return logTransport(o.from, o.log);
}
