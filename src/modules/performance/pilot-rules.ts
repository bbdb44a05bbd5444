import { eq } from "drizzle-orm";
import { NATION, type ScopeRef } from "../../platform/auth/scope.js";
import { scopesFor } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { AppError, ForbiddenError, UnauthorizedError, ValidationError, type FieldError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { lookupArea } from "../registry/index.js";
import { pilotOutcomes, pilotProgrammes, pilotProvinces, sandboxes } from "./tables.js";

type Programme = typeof pilotProgrammes.$inferSelect;
type Outcome = typeof pilotOutcomes.$inferSelect;
type Sandbox = typeof sandboxes.$inferSelect;

/**
 * A programme is designed nationally (it spans provinces): creating it, choosing its provinces and outcomes and
 * granting incentives need `performance:pilot.write` at the nation. Data for a province (observations, surveys)
 * may be recorded by a pilot writer whose grant covers that province (an OPDC area officer, say).
 */
export const PROGRAMME_SCOPE: ScopeRef = NATION;
import { provinceScope } from "../../platform/auth/scope.js";
export { provinceScope };

/** A broken rule of the pilots and sandboxes: a stable `performance.pilot.*` / `performance.sandbox.*` code, Thai and English. */
export function pilotRule(code: string, messageTh: string, messageEn: string, opts: { status?: number; fields?: FieldError[]; details?: Record<string, unknown> } = {}): AppError {
  return new AppError(code, opts.status ?? 422, messageTh, messageEn, opts.fields, opts.details);
}

/** Reading pilots and sandboxes: any staff role anywhere (pilots compare provinces, so a province's staff see the others). */
export function requireStaffRead(ctx: Ctx): void {
  const scopes = scopesFor(ctx, "performance:read");
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("performance:read");
  }
}

export async function mustGetProgramme(ctx: Ctx, id: string, lock = false): Promise<Programme> {
  const q = ctx.db.select().from(pilotProgrammes).where(eq(pilotProgrammes.id, id)).limit(1);
  const [p] = lock ? await q.for("update") : await q;
  if (!p) throw pilotRule("performance.pilot.not-found", `ไม่พบโครงการนำร่อง (${id})`, `Pilot programme not found (${id})`, { status: 404 });
  return p;
}

export async function mustGetOutcome(ctx: Ctx, programmeId: string, outcomeId: string, path = "outcomeId"): Promise<Outcome> {
  const [o] = await ctx.db.select().from(pilotOutcomes).where(eq(pilotOutcomes.id, outcomeId)).limit(1);
  if (!o || o.programmeId !== programmeId) {
    throw new ValidationError([{ path, code: "performance.pilot.unknown-outcome", messageTh: `ไม่พบตัวชี้วัดผลลัพธ์ ${outcomeId} ในโครงการนี้`, messageEn: `No outcome ${outcomeId} in this programme` }]);
  }
  return o;
}

export async function programmeRoles(ctx: Ctx, programmeId: string): Promise<Map<string, "pilot" | "comparison">> {
  const rows = await ctx.db.select().from(pilotProvinces).where(eq(pilotProvinces.programmeId, programmeId));
  return new Map(rows.map((r) => [r.provinceCode, r.role as "pilot" | "comparison"]));
}

/** Thai and English names of provinces by code (unknown codes fall back to the code). */
export async function provinceNames(ctx: Ctx, codes: Iterable<string>): Promise<Map<string, { nameTh: string; nameEn: string }>> {
  const out = new Map<string, { nameTh: string; nameEn: string }>();
  for (const code of new Set(codes)) {
    const a = await lookupArea(ctx, `province:${code}`);
    out.set(code, { nameTh: a?.nameTh ?? code, nameEn: a?.nameEn ?? code });
  }
  return out;
}

export { requireProvince } from "../registry/index.js";

/** Today in Bangkok, the day sandboxes expire against. */
export const todayOf = (ctx: Ctx): string => bangkokToday(ctx.now());

export async function mustGetSandbox(ctx: Ctx, id: string, lock = false): Promise<Sandbox> {
  const q = ctx.db.select().from(sandboxes).where(eq(sandboxes.id, id)).limit(1);
  const [s] = lock ? await q.for("update") : await q;
  if (!s) throw pilotRule("performance.sandbox.not-found", `ไม่พบโครงการพื้นที่ทดลอง (sandbox) ${id}`, `Sandbox not found (${id})`, { status: 404 });
  return s;
}
