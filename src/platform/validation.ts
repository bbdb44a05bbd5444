import type { z } from "zod";
import { ValidationError } from "./errors.js";
import { fieldErrorsFromIssues } from "./http/error-handler.js";

/** Parses a use case's input with its contract; a failure is a 400 naming each field, in Thai and English. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ValidationError(fieldErrorsFromIssues(r.error.issues as never[]));
}
