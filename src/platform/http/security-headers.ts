import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

/** The app's Content-Security-Policy and the rest of helmet's defaults (HSTS, nosniff, frame and referrer rules …). */
export const SECURITY_HEADER_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
};

/**
 * The headers helmet sets for these options, worked out once: helmet's middleware is run against a recording
 * response. (@fastify/helmet builds a new helmet middleware on every request — parsing the CSP directives each time —
 * which cost ~2 % of a request's CPU in bench/cases-*.ts; the headers do not depend on the request.)
 */
export function securityHeaders(options: Readonly<HelmetOptions> = SECURITY_HEADER_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options as HelmetOptions)({} as never, res as never, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return headers;
}

/** Sets the security headers on every reply (pages, API, static files, errors) before any handler runs. */
export function registerSecurityHeaders(app: FastifyInstance, options?: Readonly<HelmetOptions>): void {
  const headers = securityHeaders(options);
  const entries = Object.entries(headers);
  app.addHook("onRequest", (_req, reply, done) => {
    for (const [name, value] of entries) reply.header(name, value);
    done();
  });
}
