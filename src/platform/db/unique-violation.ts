/** Did the database refuse a write because a unique index already holds the value (SQLSTATE 23505)? Looks through wrapped causes. */
export function isUniqueViolation(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === "object" && depth < 5; x = (x as { cause?: unknown }).cause, depth++) if ((x as { code?: unknown }).code === "23505") return true;
  return false;
}
