/** The mail module's public surface. */
export { mailModule } from "./module.js";
export { configureMail, mailSettings } from "./settings.js";
export { addressTag, createMailTransport, logTransport, messageIdFor, outboxTransport, smtpTransport, type MailEnvelope, type MailTransport } from "./transports.js";
export { absoluteLink, composeMail, type MailContent } from "./compose.js";
export { queueMail, sendQueuedMail } from "./queue.js";
