import type { Ctx } from "../../platform/ctx.js";
import type { PersonalDataSection } from "../../platform/module.js";
import type { MyData } from "./contracts.js";
import { requireSelf } from "./self.js";

/** A module's personalData hook (platform/module.ts), as the composition root hands them over. */
export type PersonalDataProvider = (ctx: Ctx, accountId: string) => Promise<PersonalDataSection[]>;

/** Everything every module holds about the logged-in account, as named sections (JSON, and CSV per section). */
export async function exportMyData({ ctx, providers }: { ctx: Ctx; providers: readonly PersonalDataProvider[] }): Promise<MyData> {
  const id = requireSelf(ctx);
  const sections: PersonalDataSection[] = [];
  for (const p of providers) sections.push(...(await p(ctx, id)));
  return { accountId: id, generatedAt: ctx.now().toISOString(), sections };
}

/** One section as CSV (UTF-8 with a BOM so spreadsheet programs read Thai; the columns of all its rows). */
export function sectionCsv(section: PersonalDataSection): string {
  const cols = [...new Set(section.rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    // a leading = + - @ would be read as a formula by spreadsheet programs
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return "\uFEFF" + [cols.join(","), ...section.rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}
