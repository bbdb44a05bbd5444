import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Transactional mail (verification, password reset) written in the transaction that makes the token, so a
 * committed sign-up always has its mail: sent right after commit and, if that fails, by the retry job. A row is
 * deleted once the transport took it (the address and the link do not outlive the sending).
 */
export const mailQueue = pgTable(
  "mail_queue",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    /** claimed by a sender until then (a crashed sender's claim lapses) */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    /** the last failure's kind (never the transport's message, which may name the address) */
    lastError: text("last_error"),
  },
  (t) => [index("mail_queue_due_idx").on(t.nextAttemptAt)],
);

/**
 * The development outbox (MAIL_TRANSPORT=outbox): mail that would have been sent, kept for the dev outbox page.
 * Personal data by nature: the page shows a visitor only the mail to the address they type.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    fromAddress: text("from_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** the message's Message-ID: a message handed over again (after a crash) is stored once */
    messageId: text("message_id"),
  },
  (t) => [index("mail_outbox_to_idx").on(sql`lower(${t.toAddress})`, t.createdAt), uniqueIndex("mail_outbox_message_id_uq").on(t.messageId)],
);
