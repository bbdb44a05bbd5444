import { and, eq, gte, sql } from "drizzle-orm";
import { hasPermission, requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { AppError, RuleViolation, TooManyRequestsError, UnauthorizedError } from "../../platform/errors.js";
import { bangkokDateOf } from "../../platform/thai/dates.js";
import { calendarDeadline } from "../../platform/thai/deadlines.js";
import { isVerifiedAccount } from "../accounts/index.js";
import { holidaySet } from "../calendar/index.js";
import { lookupAreas } from "../registry/index.js";
import type { ProposalState, ViewerView } from "./contracts.js";
import { participationCalls, participationComments, participationProposals } from "./tables.js";

export type CallRow = typeof participationCalls.$inferSelect;
export type ProposalRow = typeof participationProposals.$inferSelect;
export type CommentRow = typeof participationComments.$inferSelect;

/** Deployment settings (server/main.ts may change them at start-up): per-account limits on proposals and comments. */
export type ParticipationSettings = { proposalsPerDay: number; commentsPerHour: number; dueSoonDays: number };
const settings: ParticipationSettings = { proposalsPerDay: 5, commentsPerHour: 20, dueSoonDays: 3 };
/** Changes the deployment's participation settings (limits per account, days of warning before a deadline). */
export function configureParticipation(s: Partial<ParticipationSettings>): void {
  Object.assign(settings, s);
}
/** The settings in force. */
export const participationSettings = (): Readonly<ParticipationSettings> => settings;

/** A not-found error with a Thai message that names the thing. */
export const notFound = (entity: "call" | "proposal" | "comment" | "survey", id: string) =>
  new AppError(`participation.${entity}.not-found`, 404, `ไม่พบ${{ call: "การรับฟังความคิดเห็น", proposal: "ข้อเสนอ", comment: "ความคิดเห็น", survey: "แบบสำรวจ" }[entity]} (${id})`, `${entity} not found (${id})`);

/** The call, optionally locked for update. */
export async function mustGetCall(ctx: Ctx, id: string, lock = false): Promise<CallRow> {
  const q = ctx.db.select().from(participationCalls).where(eq(participationCalls.id, id)).limit(1);
  const [c] = lock ? await q.for("update") : await q;
  if (!c) throw notFound("call", id);
  return c;
}

/** The proposal, optionally locked for update (supports serialise on this lock). */
export async function mustGetProposal(ctx: Ctx, id: string, lock = false): Promise<ProposalRow> {
  const q = ctx.db.select().from(participationProposals).where(eq(participationProposals.id, id)).limit(1);
  const [p] = lock ? await q.for("update") : await q;
  if (!p) throw notFound("proposal", id);
  return p;
}

export const isCallOpen = (c: Pick<CallRow, "opensAt" | "closesAt">, now: Date) => c.opensAt.getTime() <= now.getTime() && now.getTime() < c.closesAt.getTime();

/** Citizens act only while a call is open. */
export function requireOpenCall(c: CallRow, now: Date): void {
  if (!isCallOpen(c, now)) throw new RuleViolation("participation.call-closed", "การรับฟังความคิดเห็นนี้ปิดแล้ว", "This call for input is closed");
}

/** A proposal's state as the public reads it (hidden first, then responded, overdue, awaiting, open). */
export function proposalState(p: Pick<ProposalRow, "hiddenAt" | "respondedAt" | "overdueAt" | "thresholdReachedAt">): ProposalState {
  if (p.hiddenAt) return "hidden";
  if (p.respondedAt) return "responded";
  if (p.overdueAt) return "overdue";
  if (p.thresholdReachedAt) return "awaiting_response";
  return "open";
}

/**
 * The response deadline: `days` calendar days counted from the day after the threshold was reached (Bangkok
 * date; CCC s.193/3), a last day on a weekend or official holiday moving to the next working day (s.193/8).
 */
export async function responseDueOn(ctx: Ctx, reachedAt: Date, days: number): Promise<string> {
  return calendarDeadline(bangkokDateOf(reachedAt), days, await holidaySet(ctx), { rollForward: true });
}

/** The citizen taking part: logged in with the citizen role (401 for the public, 403 for staff-only accounts). */
export async function requireCitizen(ctx: Ctx, provinceCode: string): Promise<string> {
  await requirePermission(ctx, "participation:take-part", provinceScope(provinceCode));
  if (!ctx.actor.id || ctx.actor.kind !== "user") throw new UnauthorizedError("participation.login-required", "กรุณาเข้าสู่ระบบด้วยบัญชีประชาชน", "Please log in with a citizen account");
  return ctx.actor.id;
}

/** Supports and survey answers count only from accounts with a verified e-mail address. */
export class NotVerifiedError extends AppError {
  constructor() {
    super("participation.account-not-verified", 403, "บัญชีของท่านยังไม่ได้ยืนยันอีเมล จึงยังสนับสนุนข้อเสนอหรือตอบแบบสำรวจไม่ได้ กรุณายืนยันอีเมลจากลิงก์ที่ส่งไปก่อน", "Your account's e-mail address is not verified yet, so you cannot support proposals or answer surveys. Please verify it with the link we sent.");
  }
}

/** Throws NotVerifiedError unless the account's e-mail is verified. */
export async function requireVerified(ctx: Ctx, accountId: string): Promise<void> {
  if (!(await isVerifiedAccount(ctx, accountId))) throw new NotVerifiedError();
}

/** What the viewer may do on a province's calls (for the pages: why a support button is disabled). */
export async function viewerOf(ctx: Ctx, provinceCode: string): Promise<ViewerView> {
  const loggedIn = ctx.actor.kind === "user" && !!ctx.actor.id;
  const canTakePart = loggedIn && (await hasPermission(ctx, "participation:take-part", provinceScope(provinceCode)));
  const verified = canTakePart ? await isVerifiedAccount(ctx, ctx.actor.id!) : false;
  const canManage = loggedIn && (await hasPermission(ctx, "participation:manage", provinceScope(provinceCode)));
  const supportBlockedCode = !loggedIn ? "auth.required" : !canTakePart ? "participation.citizens-only" : !verified ? "participation.account-not-verified" : null;
  return { loggedIn, canTakePart, verified, canManage, supportBlockedCode };
}

/** Refuses a new proposal or comment past the account's limit in the window (counted in the database, so every process agrees). */
export async function checkRateLimit(ctx: Ctx, kind: "proposal" | "comment", accountId: string): Promise<void> {
  const s = participationSettings();
  const windowMs = kind === "proposal" ? 24 * 3600_000 : 3600_000;
  const max = kind === "proposal" ? s.proposalsPerDay : s.commentsPerHour;
  const since = new Date(ctx.now().getTime() - windowMs);
  const t = kind === "proposal" ? participationProposals : participationComments;
  const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(t).where(and(eq(t.authorAccountId, accountId), gte(t.createdAt, since)));
  if ((r?.n ?? 0) >= max) {
    throw new TooManyRequestsError(
      `participation.${kind}-rate-limited`,
      kind === "proposal" ? `ส่งข้อเสนอได้ไม่เกิน ${max} เรื่องต่อ 24 ชั่วโมง กรุณาลองใหม่ภายหลัง` : `แสดงความคิดเห็นได้ไม่เกิน ${max} ครั้งต่อชั่วโมง กรุณาลองใหม่ภายหลัง`,
      kind === "proposal" ? `At most ${max} proposals per 24 hours; please try again later` : `At most ${max} comments per hour; please try again later`,
      Math.ceil(windowMs / 1000),
    );
  }
}

/** Province names for views, by code. */
export async function provinceNames(ctx: Ctx, codes: Iterable<string>): Promise<Map<string, { nameTh: string; nameEn: string }>> {
  const m = await lookupAreas(ctx, [...new Set(codes)].map((c) => `province:${c}`));
  return new Map([...m.values()].map((a) => [a.id.slice("province:".length), { nameTh: a.nameTh, nameEn: a.nameEn }]));
}
