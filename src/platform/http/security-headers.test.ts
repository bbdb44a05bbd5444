import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { registerSecurityHeaders, securityHeaders } from "./security-headers.js";

describe("security headers", () => {
  it("are helmet's for the app's policy, worked out once", () => {
    const h = securityHeaders();
    const csp = h["content-security-policy"]!;
    for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "object-src 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(d);
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(h["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("SAMEORIGIN");
    expect(h["referrer-policy"]).toBe("no-referrer");
    expect(h["cross-origin-opener-policy"]).toBe("same-origin");
  });

  it("a bad option fails at start-up, not on a request", () => {
    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["self"] } } })).toThrow(/should be quoted/);
  });

  it("are on every reply: a route, a 404 and an error", async () => {
    const app = Fastify({ logger: false });
    registerSecurityHeaders(app);
    app.get("/ok", async () => ({ ok: true }));
    app.get("/boom", async () => {
      throw new Error("boom");
    });
    app.get("/own", async (_req, reply) => reply.header("x-frame-options", "DENY").send("x"));
    for (const url of ["/ok", "/missing", "/boom"]) {
      const r = await app.inject({ url });
      expect(r.headers["content-security-policy"], url).toContain("default-src 'self'");
      expect(r.headers["x-content-type-options"], url).toBe("nosniff");
    }
    // a route may still set its own value
    expect((await app.inject({ url: "/own" })).headers["x-frame-options"]).toBe("DENY");
    await app.close();
  });
});
