import { DEVELOPMENT_KEY, type SecretKeyring } from "./secret-box.js";
import { systemResolver, type Resolver } from "./url-safety.js";

/** Deployment settings of webhooks, set once at start-up from the environment (server/main.ts). */
export type WebhookSettings = {
  /** WEBHOOKS_ALLOW_PRIVATE=true: http to localhost and private addresses allowed (tests, development only) */
  allowPrivate: boolean;
  /** PUBLIC_URL: makes links in payloads absolute (the public board) */
  publicUrl?: string;
  /** how host names are resolved, for the SSRF check and for the connection itself (tests give a fake DNS) */
  resolve: Resolver;
  /** WEBHOOKS_SECRET_KEY (+ _PREVIOUS): seals signing secrets at rest; unset, the public development key */
  secretKeys: SecretKeyring;
  /** WEBHOOKS_RETENTION_DAYS: settled deliveries and their events are deleted this many days after they settled */
  retentionDays: number;
};

/** How long settled deliveries are kept unless WEBHOOKS_RETENTION_DAYS says otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;

const settings: WebhookSettings = { allowPrivate: false, resolve: systemResolver, secretKeys: { current: DEVELOPMENT_KEY, previous: [] }, retentionDays: DEFAULT_RETENTION_DAYS };

/** Sets the webhook settings (only the fields given). */
export function configureWebhooks(s: Partial<WebhookSettings>): void {
  if (s.retentionDays !== undefined && (!Number.isInteger(s.retentionDays) || s.retentionDays < 1)) throw new Error(`webhook retention must be a whole number of days ≥ 1, not ${s.retentionDays}`);
  Object.assign(settings, Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
}

/** The current settings. */
export function webhookSettings(): Readonly<WebhookSettings> {
  return settings;
}

/** A web-app path as a link for another system: absolute when PUBLIC_URL is set. */
export function publicLink(path: string): string {
  return settings.publicUrl ? settings.publicUrl.replace(/\/+$/, "") + path : path;
}
