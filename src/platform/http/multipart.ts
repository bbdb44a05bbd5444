import { AppError } from "../errors.js";

/** A multipart body that cannot be read (broken framing, a part cut short, another boundary than announced): the sender's fault. */
export class MalformedMultipartError extends AppError {
  constructor() {
    super(
      "request.malformed-multipart",
      400,
      "อ่านข้อมูลแบบ multipart/form-data ไม่ได้ (รูปแบบไม่ถูกต้องหรือส่งมาไม่ครบ)",
      "The multipart/form-data body cannot be read (malformed or cut short)",
    );
  }
}

/** @fastify/multipart's "this file is over the size limit" (the stream was cut at the limit). */
export const isFileTooLarge = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === "FST_REQ_FILE_TOO_LARGE";

/**
 * What to throw for an error met while reading a multipart body: our own errors and the parser's 4xx (size and
 * count limits) as they are; anything else the parser throws (busboy's "Unexpected end of form", a malformed part
 * header, …) is the body's fault, so 400 — never the 500 an unknown error would become.
 */
export function asMultipartError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) return e;
  return new MalformedMultipartError();
}
