import { z } from "zod";

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    messageTh: z.string(),
    messageEn: z.string(),
    requestId: z.string(),
    fields: z
      .array(z.object({ path: z.string(), code: z.string(), messageTh: z.string(), messageEn: z.string() }))
      .optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Standard error responses declared on every route so OpenAPI shows them. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
} as const;
