import type { FastifyPluginAsync } from "fastify";
import type { Ctx } from "./ctx.js";
import type { Operation } from "./auth/policy.js";
import type { JobDefinition } from "./jobs/types.js";

/** What a module declares about itself; the composition root (server/app.ts) is a list of these. */
export type ModuleManifest = {
  name: string;
  /** Fastify plugin mounted under /api/v1 */
  routes?: FastifyPluginAsync;
  /** Fastify plugin mounted at the root, for standards that fix their own paths (e.g. /open311/v2) */
  rootRoutes?: FastifyPluginAsync;
  /** operations this module defines in platform/auth/policy.ts */
  operations: readonly Operation[];
  /** audit actions its use cases write */
  auditActions: readonly string[];
  /** loads reference data (always) and the demo scenario (when demo is on) into an empty database */
  seed?: (ctx: Ctx, opts: { demo: boolean; referenceDir?: string }) => Promise<void>;
  /** background work when the server starts (after migrations and seeds); returns how to stop it on shutdown */
  start?: (ctx: Ctx, opts: ModuleStartOptions) => Promise<() => Promise<void>>;
  /** scheduled jobs (pg-boss, platform/jobs): registered at start-up unless JOBS=off; each run must be idempotent */
  jobs?: readonly JobDefinition[];
  /** what this module holds about one account, for the holder's "my data" page and export (PDPA right of access) */
  personalData?: (ctx: Ctx, accountId: string) => Promise<PersonalDataSection[]>;
  /**
   * erases what this module holds about an account its holder is closing (PDPA right to erasure), inside the closing
   * transaction (ctx is in it); returns how many of its records it changed, by "<module>.<what>", for the audit record
   */
  erasePersonalData?: PersonalDataEraser;
  /** the public datasets this module serves without login, listed in the open-data catalogue (GET /catalog) */
  openData?: readonly OpenDataset[];
};

/** Thai and English text of a catalogue entry. */
export type OpenDataText = { th: string; en: string };

/** One public dataset in the open-data catalogue (DCAT-like): no personal data, reachable without a session. */
export type OpenDataset = {
  /** unique across modules: "<module>.<name>" */
  identifier: string;
  title: OpenDataText;
  description: OpenDataText;
  keyword: readonly string[];
  /** DCAT themes as EU data-theme codes (GOVE, REGI, ECON, SOCI, …) */
  theme: readonly string[];
  /** "TH" (the nation) or the ISO 3166-2 code of a province */
  spatial?: string;
  temporal?: { startDate?: string; endDate?: string };
  /** each distribution: a path under the app's base URL; `download` when it is a whole file rather than an API page */
  distribution: readonly { title: string; path: string; mediaType: string; download?: boolean; conformsTo?: string; description?: OpenDataText }[];
  /** when the data last changed, computed from the module's own tables where that is cheap */
  modified?: (ctx: Ctx) => Promise<Date | null>;
};

/** Whose data is erased: the account, and the e-mail addresses it held (read before the accounts module erases them). */
export type ErasureSubject = { accountId: string; emails: readonly string[] };

/** A module's erasure hook (see ModuleManifest.erasePersonalData). */
export type PersonalDataEraser = (ctx: Ctx, subject: ErasureSubject) => Promise<Record<string, number>>;

/** A scalar in a personal-data row (rows stay flat so every section also exports as CSV). */
export type PersonalDataValue = string | number | boolean | null;

/** One named part of a person's data held by a module, e.g. "cases": their reports with what they gave. */
export type PersonalDataSection = {
  /** unique across modules: "<module>" or "<module>.<part>" (letters, digits, ".", "-") */
  key: string;
  titleTh: string;
  titleEn: string;
  rows: Record<string, PersonalDataValue>[];
};

export type ModuleStartOptions = {
  /** this process alone uses the database (embedded PGlite behind its folder lock) */
  exclusive: boolean;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
};
