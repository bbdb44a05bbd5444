import type { Operation } from "../../platform/auth/policy.js";
import type { Ctx } from "../../platform/ctx.js";
import type { ImportIssue } from "./contracts.js";

/** One data row of an uploaded file: its row number as a spreadsheet shows it (header = 1) and its cells by column; a grouped unit carries its rows in `lines`. */
export type ImportRow = { row: number; values: Record<string, string>; extraValues: boolean; lines?: ImportRow[] };

/**
 * An import kind another module registers (e.g. planning's project lists): the registry's runner, job table, file
 * reader, modes, progress and restart then serve it as they serve the registry's own kinds.
 */
export type ImportKindHandler = {
  kind: string;
  /** the right to upload this kind at all; each row is checked again by the use case `run` calls */
  operation: Operation;
  columns: { required: readonly string[]; optional: readonly string[] };
  /** other spellings of a column (Thai headers): normalised header → column */
  aliases?: Readonly<Record<string, string>>;
  /** several rows that make one record (an allocation notice and its lines) become one unit, its rows in `lines` */
  group?: (rows: ImportRow[]) => ImportRow[];
  /** writes one unit through the module's use case; throws ImportRowIssues for report lines */
  run: (ctx: Ctx, row: ImportRow) => Promise<void>;
};

const handlers = new Map<string, ImportKindHandler>();

/** Registers a module's import kind (called when the module is loaded). */
export function registerImportKind(h: ImportKindHandler): void {
  handlers.set(h.kind, h);
}

export function importKindHandler(kind: string): ImportKindHandler | undefined {
  return handlers.get(kind);
}

/** A unit's problems, each with its row and column: the job's report lines. */
export class ImportRowIssues extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super("row issues");
  }
}
