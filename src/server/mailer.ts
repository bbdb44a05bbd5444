import type { Ctx } from "../platform/ctx.js";
import type { Mailer } from "../platform/notify/notify.js";
import { verifiedEmailOf, verifiedEmailsAtScope } from "../modules/accounts/index.js";
import { reporterContact } from "../modules/cases/index.js";
import { addressTag, composeMail, mailSettings, messageIdFor, type MailTransport } from "../modules/mail/index.js";

type InfoLog = { info(obj: object, msg: string): void };

/**
 * Who a notification goes to, looked up when it is sent (so an address changed or purged since is honoured and
 * no address is ever stored in a notification): "user:<id>" → the account's verified e-mail; "reporter:<id>" →
 * the address the reporter gave (none once purged); "org:…"/"area:…" → the verified e-mails of the accounts
 * holding a role at exactly that scope. Unknown kinds resolve to nobody.
 */
export async function resolveRecipient(ctx: Ctx, recipient: string): Promise<string[]> {
  const [kind, ...rest] = recipient.split(":");
  const id = rest.join(":");
  if (!id) return [];
  if (kind === "user") {
    const e = await verifiedEmailOf(ctx, id);
    return e ? [e] : [];
  }
  if (kind === "reporter") {
    const r = await reporterContact(ctx, id);
    return r?.email ? [r.email] : [];
  }
  if (kind === "org" || kind === "area") return verifiedEmailsAtScope(ctx, recipient);
  return [];
}

/**
 * The one Mailer every module's deliverPending uses: resolves the recipient at send time, writes the message in
 * Thai then English (text + HTML, absolute link) and hands it to the configured transport. No address → the
 * notification is done as "no-address" (not retried); a transport failure throws, so it is retried. Logs carry
 * the notification id and kind only, never an address or a body.
 */
export function resolvingMailer(o: { makeCtx: () => Ctx; transport?: () => MailTransport; log?: InfoLog }): Mailer {
  const transport = o.transport ?? (() => mailSettings().transport);
  return {
    async send(m) {
      const to = await resolveRecipient(o.makeCtx(), m.recipient);
      if (!to.length) {
        o.log?.info({ notification: m.id, kind: m.kind }, "notification has no e-mail address to go to");
        return "no-address";
      }
      const { subject, text, html } = composeMail(m, mailSettings().publicUrl);
      const t = transport();
      // one Message-ID per notification and address: a copy sent again after a crash is recognisably the same
      for (const address of to) await t.send({ kind: m.kind, to: address, subject, text, html, messageId: messageIdFor(["notification", m.id, addressTag(address)], t.from) });
      return "sent";
    },
  };
}
