import { scopesFor } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ConflictError, ForbiddenError, UnauthorizedError } from "../../platform/errors.js";

/**
 * The account acting on itself ("accounts:self"): any logged-in account holding a role (at any scope) may read
 * and change its own profile and export its own data. API keys are not accounts. Returns the account id.
 */
export function requireSelf(ctx: Ctx): string {
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  const scopes = scopesFor(ctx, "accounts:self");
  if (ctx.actor.kind !== "user" || !ctx.actor.id || (scopes !== null && scopes.length === 0)) throw new ForbiddenError("accounts:self");
  return ctx.actor.id;
}

/** Refusal of an administrator's change to an account its holder closed (it is a tombstone: nobody to give it to). */
export const accountClosed = (): ConflictError =>
  new ConflictError("accounts.closed", "บัญชีนี้ถูกปิดตามคำขอของเจ้าของแล้ว ใช้งานหรือให้สิทธิ์ไม่ได้อีก", "This account was closed at its holder's request; it cannot be used or given roles again");
