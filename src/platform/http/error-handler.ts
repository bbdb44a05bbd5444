import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, type FieldError } from "../errors.js";

type ZodIssueLike = { code?: string; path?: (string | number)[]; message?: string; instancePath?: string; keyword?: string; params?: { issue?: ZodIssueLike } };

const ISSUE_TH: Record<string, string> = {
  invalid_type: "ชนิดข้อมูลไม่ถูกต้องหรือไม่ได้กรอก",
  too_small: "สั้นหรือน้อยเกินไป",
  too_big: "ยาวหรือมากเกินไป",
  invalid_format: "รูปแบบไม่ถูกต้อง",
  invalid_value: "ค่าไม่อยู่ในตัวเลือกที่กำหนด",
  unrecognized_keys: "มีช่องข้อมูลที่ไม่รู้จัก",
  invalid_union: "ค่าไม่ตรงกับรูปแบบที่รับได้",
  custom: "ค่าไม่ถูกต้อง",
};

/** Turns zod issues into the field errors of the one error shape, in Thai and English. */
export function fieldErrorsFromIssues(issues: ZodIssueLike[], prefix = ""): FieldError[] {
  return issues.map((raw) => {
    const i = raw.params?.issue ?? raw;
    const segments = Array.isArray(i.path) ? i.path.map(String) : (raw.instancePath ?? "").split("/").filter(Boolean);
    const path = (prefix ? [prefix] : []).concat(segments).join(".");
    const code = i.code ?? raw.keyword ?? "invalid";
    return { path, code, messageTh: ISSUE_TH[code] ?? "ค่าไม่ถูกต้อง", messageEn: i.message ?? raw.message ?? "Invalid value" };
  });
}

export function errorBody(requestId: string, code: string, th: string, en: string, fields?: FieldError[], details?: Record<string, unknown>) {
  return { error: { code, messageTh: th, messageEn: en, requestId, ...(fields ? { fields } : {}), ...(details ? { details } : {}) } };
}

/** The one place where errors become HTTP: stable code, Thai and English message, request id, never a stack. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const rid = String(req.id);
  if (err instanceof AppError) {
    if (err.status === 429 && err.details?.retryAfterSeconds) reply.header("retry-after", String(err.details.retryAfterSeconds));
    return reply.code(err.status).send(errorBody(rid, err.code, err.messageTh, err.messageEn, err.fields, err.details));
  }
  // a contract parsed inside a use case (not by the route): still the user's input, so 400 naming the fields
  if ((err as { name?: string }).name === "ZodError" && Array.isArray((err as unknown as { issues?: unknown }).issues)) {
    const fields = fieldErrorsFromIssues((err as unknown as { issues: ZodIssueLike[] }).issues);
    return reply.code(400).send(errorBody(rid, "validation.failed", "ข้อมูลไม่ถูกต้อง", "The input is not valid", fields));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as unknown as { validationContext?: string }).validationContext ?? "body";
    const fields = fieldErrorsFromIssues(err.validation as unknown as ZodIssueLike[], where);
    return reply.code(400).send(errorBody(rid, "validation.failed", "ข้อมูลไม่ถูกต้อง", "The input is not valid", fields));
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err: { message: err.message, issues: err.cause?.issues } }, "response did not match its declared schema");
    return reply.code(500).send(errorBody(rid, "internal.response-shape", "เกิดข้อผิดพลาดภายในระบบ", "Internal error", undefined));
  }
  const status = err.statusCode ?? 500;
  if (status === 429) {
    return reply.code(429).send(errorBody(rid, "rate.limited", "มีคำขอมากเกินไป กรุณารอสักครู่", "Too many requests, please wait", undefined));
  }
  if (status >= 400 && status < 500) {
    const code =
      err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE"
        ? "request.unsupported-media-type"
        : err.code === "FST_ERR_CTP_BODY_TOO_LARGE"
          ? "request.too-large"
          : err.code === "FST_ERR_CTP_EMPTY_JSON_BODY" || err.code === "FST_ERR_CTP_INVALID_JSON_BODY" || err instanceof SyntaxError
            ? "request.malformed"
            : "request.invalid";
    return reply.code(status).send(errorBody(rid, code, "คำขอไม่ถูกต้อง", `Bad request: ${err.message}`.slice(0, 300)));
  }
  req.log.error({ err: { message: err.message, code: err.code, stack: err.stack } }, "unhandled error");
  return reply.code(500).send(errorBody(rid, "internal.error", "เกิดข้อผิดพลาดภายในระบบ", "Internal error"));
}
