import type { MailTransport } from "./transports.js";
import { logTransport } from "./transports.js";

type MailSettings = { transport: MailTransport; publicUrl: string };

const settings: MailSettings = { transport: logTransport("Changwat <no-reply@changwat.invalid>"), publicUrl: "http://localhost:3000" };

/** Set once at start-up (server/main.ts): the transport every mail goes through and the base of absolute links. */
export function configureMail(s: Partial<MailSettings>): void {
  if (s.transport) settings.transport = s.transport;
  if (s.publicUrl) settings.publicUrl = s.publicUrl.replace(/\/+$/, "");
}

/** The configured transport and public URL. */
export function mailSettings(): Readonly<MailSettings> {
  return settings;
}
