import "@fastify/rate-limit";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import "../../platform/http/request-ctx.js";
import { AppError } from "../../platform/errors.js";
import { authenticate } from "../accounts/index.js";
import { listOpen311Requests, listOpen311Services } from "./list-open311-requests.js";
import {
  checkAttributes,
  formatDiscovery,
  formatErrors,
  formatPostResponse,
  formatRequests,
  formatServiceDefinition,
  formatServices,
  httpStatusOf,
  open311Errors,
  open311Lang,
  parseFormat,
  parseFormBody,
  parsePostRequest,
  parseRequestsQuery,
  render,
  type Open311Bodies,
  type Open311Error,
  type Open311Format,
  type Open311Kind,
} from "./open311.js";
import { submitOpen311Request } from "./submit-open311-request.js";

type Sent = { format: Open311Format };

/** "requests.json" → ["requests", "json"]; an unknown extension → undefined format. */
function split(file: string): { name: string; format: Open311Format | undefined; ext: string } {
  const dot = file.lastIndexOf(".");
  if (dot < 0) return { name: file, format: undefined, ext: "" };
  const ext = file.slice(dot + 1);
  return { name: file.slice(0, dot), format: parseFormat(ext), ext };
}

function send<K extends Open311Kind>(reply: FastifyReply, kind: K, s: Sent, value: Open311Bodies[K], status = 200) {
  const out = render(kind, s.format, value);
  return reply.code(status).header("content-type", out.contentType).send(out.body);
}
function sendErrors(reply: FastifyReply, s: Sent, errors: Open311Error[]) {
  return send(reply, "errors", s, formatErrors(errors), httpStatusOf(errors));
}

/** Our typed errors (400 with fields, 401/403, 404, 422, 429) in Open311's error list, English then Thai. */
function asOpen311(e: unknown): { status: number; errors: Open311Error[] } | null {
  if (!(e instanceof AppError)) return null;
  const fields = e.fields?.length ? e.fields : [{ path: "", messageEn: e.messageEn, messageTh: e.messageTh }];
  const status = e.status === 401 ? 403 : e.status === 422 ? 400 : e.status;
  return { status, errors: fields.map((f) => ({ code: status, description: `${f.path ? `${f.path}: ` : ""}${f.messageEn} / ${f.messageTh}` })) };
}

const baseOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/**
 * Open311 GeoReport v2 at /open311/v2: discovery, services and their definitions, requests (GET with the standard
 * filters, POST with an API key), a request by id and tokens; `.json` or `.xml`. Everything it answers is the
 * public's view of a case: no reporter, the redacted text, a coarsened point.
 */
export function open311Routes(opts: { postLimit?: number } = {}): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => done(null, parseFormBody(body as string)));
    const ctxOf = (req: FastifyRequest) => req.ctx;
    const guard = async (reply: FastifyReply, s: Sent, fn: () => Promise<unknown>) => {
      try {
        return await fn();
      } catch (e) {
        const m = asOpen311(e);
        if (m) return reply.code(m.status).header("content-type", render("errors", s.format, m.errors).contentType).send(render("errors", s.format, m.errors).body);
        throw e;
      }
    };
    const withFormat = (file: string, reply: FastifyReply): (Sent & { name: string }) | null => {
      const f = split(file);
      if (!f.format) {
        void sendErrors(reply, { format: "json" }, [open311Errors.unsupportedFormat(f.ext || file)]);
        return null;
      }
      return { format: f.format, name: f.name };
    };
    const lang = (req: FastifyRequest) => open311Lang((req.query as Record<string, string>).lang, req.headers["accept-language"]);
    const hide = { hide: false, tags: ["open311"] };

    app.get("/open311/v2/:file", { schema: { ...hide, description: "discovery.{json|xml}, services.{json|xml} or requests.{json|xml} (GET filters: service_request_id, service_code, start_date, end_date, status)" } }, async (req, reply) => {
      const s = withFormat((req.params as { file: string }).file, reply);
      if (!s) return reply;
      return guard(reply, s, async () => {
        if (s.name === "discovery") return send(reply, "discovery", s, formatDiscovery(`${baseOf(req)}/open311/v2`, new Date("2026-11-22T00:00:00Z")));
        if (s.name === "services") return send(reply, "services", s, formatServices(await listOpen311Services({ ctx: ctxOf(req) }), lang(req)));
        if (s.name === "requests") {
          const q = parseRequestsQuery(req.query as Record<string, unknown>, ctxOf(req).now());
          if (!q.ok) return sendErrors(reply, s, q.errors);
          return send(reply, "requests", s, formatRequests(await listOpen311Requests({ ctx: ctxOf(req), input: q.value, baseUrl: baseOf(req) })));
        }
        return sendErrors(reply, s, [{ code: 404, description: "Not found / ไม่พบ" }]);
      });
    });

    app.get("/open311/v2/services/:file", { schema: { ...hide, description: "A service's definition (its attributes)." } }, async (req, reply) => {
      const s = withFormat((req.params as { file: string }).file, reply);
      if (!s) return reply;
      return guard(reply, s, async () => {
        const def = (await listOpen311Services({ ctx: ctxOf(req) })).find((d) => d.code === s.name);
        if (!def) return sendErrors(reply, s, [open311Errors.serviceNotFound(s.name)]);
        return send(reply, "service-definition", s, formatServiceDefinition(def, lang(req)));
      });
    });

    app.get("/open311/v2/requests/:file", { schema: { ...hide, description: "One request by its service_request_id (the case's public reference)." } }, async (req, reply) => {
      const s = withFormat((req.params as { file: string }).file, reply);
      if (!s) return reply;
      return guard(reply, s, async () => {
        const found = await listOpen311Requests({ ctx: ctxOf(req), input: { ids: [s.name], limit: 1 }, baseUrl: baseOf(req) });
        if (!found.length) return sendErrors(reply, s, [open311Errors.requestNotFound(s.name)]);
        return send(reply, "requests", s, formatRequests(found));
      });
    });

    app.get("/open311/v2/tokens/:file", { schema: { ...hide, description: "Tokens: requests here are created at once (realtime), so a token is the request's own id." } }, async (req, reply) => {
      const s = withFormat((req.params as { file: string }).file, reply);
      if (!s) return reply;
      return guard(reply, s, async () => {
        // requests are created at once (realtime), so a token is the request's own id
        const found = await listOpen311Requests({ ctx: ctxOf(req), input: { ids: [s.name], limit: 1 }, baseUrl: baseOf(req) });
        if (!found.length) return sendErrors(reply, s, [open311Errors.tokenNotFound(s.name)]);
        return send(reply, "token-response", s, [{ token: found[0]!.id, service_request_id: found[0]!.id }]);
      });
    });

    app.post(
      "/open311/v2/:file",
      {
        config: { rateLimit: { max: opts.postLimit ?? 600, timeWindow: "10 minutes", keyGenerator: (req: FastifyRequest) => String((req.body as Record<string, unknown> | undefined)?.api_key ?? req.ip) } },
        schema: { ...hide, description: "POST requests.{json|xml}: application/x-www-form-urlencoded (or JSON) with api_key, service_code, lat/long, description, attribute[code], email, first_name, last_name, phone." },
      },
      async (req, reply) => {
        const s = withFormat((req.params as { file: string }).file, reply);
        if (!s) return reply;
        if (s.name !== "requests") return sendErrors(reply, s, [{ code: 404, description: "Not found / ไม่พบ" }]);
        return guard(reply, s, async () => {
          const body = (req.body ?? {}) as Record<string, unknown>;
          const services = await listOpen311Services({ ctx: ctxOf(req) });
          const parsed = parsePostRequest(body, (code) => services.find((d) => d.code === code));
          if (!parsed.ok) return sendErrors(reply, s, parsed.errors);
          const bearer = req.headers.authorization?.startsWith("Bearer ") ? req.headers.authorization.slice(7).trim() : undefined;
          const key = parsed.value.apiKey ?? bearer;
          if (!key) return sendErrors(reply, s, [open311Errors.apiKeyMissing()]);
          const actor = await authenticate(ctxOf(req).db, { apiKey: key }, ctxOf(req).now());
          if (!actor) return sendErrors(reply, s, [open311Errors.apiKeyInvalid()]);
          const def = services.find((d) => d.code === parsed.value.serviceCode)!;
          const attrs = checkAttributes(def, parsed.value.attributes);
          if (!attrs.ok) return sendErrors(reply, s, attrs.errors);
          const made = await submitOpen311Request({ ctx: { ...ctxOf(req), actor }, input: { ...parsed.value, attributes: attrs.value } });
          return send(reply, "post-response", s, formatPostResponse({ serviceRequestId: made.publicRef, serviceNotice: `รหัสติดตามเรื่องสำหรับผู้แจ้ง: ${made.trackingCode}` }), 201);
        });
      },
    );
  };
}
