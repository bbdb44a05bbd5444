import type { Ctx } from "../../platform/ctx.js";

/** An operation-centre alert as an agenda item shows it (what the oversight module's lookupAlerts returns). */
export type AgendaAlertRef = { id: string; provinceCode: string; titleTh: string; titleEn: string; status: "open" | "resolved"; link: string };
type AlertLookup = (ctx: Ctx, ids: Iterable<string>) => Promise<Map<string, AgendaAlertRef>>;

// oversight reads committees (its provincial report), so committees cannot import oversight without a cycle:
// oversight hands its lookup in when it is loaded (oversight/module.ts), as modules register import kinds
let lookup: AlertLookup | null = null;

/** Called by the oversight module when it is loaded: how alerts are found by id. */
export function registerAlertLookup(fn: AlertLookup): void {
  lookup = fn;
}

/** The alerts that exist among ids; none when the oversight module is not loaded (then no alert can be linked). */
export async function lookupLinkedAlerts(ctx: Ctx, ids: string[]): Promise<Map<string, AgendaAlertRef>> {
  if (!lookup || ids.length === 0) return new Map();
  return lookup(ctx, ids);
}
