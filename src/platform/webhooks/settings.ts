import { systemResolver, type Resolver } from "./url-safety.js";

/** Deployment settings of webhooks, set once at start-up from the environment (server/main.ts). */
export type WebhookSettings = {
  /** WEBHOOKS_ALLOW_PRIVATE=true: http to localhost and private addresses allowed (tests, development only) */
  allowPrivate: boolean;
  /** PUBLIC_URL: makes links in payloads absolute (the public board) */
  publicUrl?: string;
  /** how host names are resolved for the SSRF check (the system resolver; tests give a fake DNS) */
  resolve: Resolver;
};

const settings: WebhookSettings = { allowPrivate: false, resolve: systemResolver };

/** Sets the webhook settings (only the fields given). */
export function configureWebhooks(s: Partial<WebhookSettings>): void {
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
