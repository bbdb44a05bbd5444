/** Registry contracts: browser-safe zod schemas shared by the API, OpenAPI and the web app. */
import { z } from "zod";
import { isIsoDate } from "../../platform/thai/dates.js";

/** A real Gregorian calendar date, YYYY-MM-DD, 1800–2199 (a Buddhist-era year such as 2569 is refused rather than stored 543 years off). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD")
  .refine((s) => isIsoDate(s) && s >= "1800-01-01" && s <= "2199-12-31", "date must be a real Gregorian (C.E.) date between 1800 and 2199, not a B.E. year");
export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const AreaClassification = z.enum(["region", "cluster", "cluster_2009", "province", "district", "subdistrict"]);
export type AreaClassification = z.infer<typeof AreaClassification>;

export const OrganizationClassification = z.enum([
  "ministry",
  "department",
  "provincial_office",
  "district_office",
  "provincial_government",
  "provincial_administration",
  "municipality",
  "subdistrict_administration",
  "operation_centre",
  "committee",
  "central_agency",
  "private_sector",
  "civil_society",
  "university",
  "state_enterprise",
  "other",
]);
export type OrganizationClassification = z.infer<typeof OrganizationClassification>;

export const PostRole = z.enum([
  "governor",
  "vice_governor",
  "deputy_governor_assistant",
  "head_of_agency",
  "district_chief",
  "deputy_prime_minister",
  "minister",
  "permanent_secretary",
  "director_general",
  "chair",
  "member",
  "officer",
]);
export type PostRole = z.infer<typeof PostRole>;

export const AreaSummary = z.object({
  id: z.string(),
  classification: AreaClassification,
  code: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  parentId: z.string().nullable(),
  provinceCode: z.string().nullable(),
});
export type AreaSummary = z.infer<typeof AreaSummary>;

export const AreaDetail = AreaSummary.extend({
  iso: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  parent: AreaSummary.nullable(),
  children: z.array(AreaSummary),
  childCount: z.number().int(),
  groups: z.array(AreaSummary.extend({ validFrom: z.string().nullable(), validTo: z.string().nullable() })),
  members: z.array(AreaSummary),
  attributes: z.record(z.string(), z.unknown()),
  /** what the current user may do here: read the change history */
  may: z.object({ history: z.boolean() }),
});
export type AreaDetail = z.infer<typeof AreaDetail>;

export const ListAreasInput = Paging.extend({
  classification: AreaClassification.optional(),
  parentId: z.string().max(100).optional(),
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  q: z.string().max(200).optional(),
});

export const ProvinceSummary = z.object({
  code: z.string(),
  id: z.string(),
  iso: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  ceo: z.boolean(),
  region: z.object({ id: z.string(), nameTh: z.string(), nameEn: z.string() }),
  cluster: z.object({ id: z.string(), code: z.string(), nameTh: z.string(), nameEn: z.string() }).nullable(),
  population: z.number().nullable(),
  pilot2024: z.boolean(),
});
export type ProvinceSummary = z.infer<typeof ProvinceSummary>;

export const Tenure = z.object({
  startDate: z.string(),
  endDate: z.string().nullable(),
  days: z.number().int(),
  years: z.number(),
  ongoing: z.boolean(),
  /** ended before the 2 years the seeds ask of a governor */
  shortTenure: z.boolean(),
});
export type Tenure = z.infer<typeof Tenure>;

export const PersonSummary = z.object({
  id: z.string(),
  honorificTh: z.string().nullable(),
  nameTh: z.string(),
  nameEn: z.string(),
  isDemo: z.boolean(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const OrganizationSummary = z.object({
  id: z.string(),
  classification: OrganizationClassification,
  nameTh: z.string(),
  nameEn: z.string(),
  abbreviation: z.string().nullable(),
  parentId: z.string().nullable(),
  areaId: z.string().nullable(),
  provinceCode: z.string().nullable(),
  isDemo: z.boolean(),
});
export type OrganizationSummary = z.infer<typeof OrganizationSummary>;

export const PostSummary = z.object({
  id: z.string(),
  role: PostRole,
  labelTh: z.string(),
  labelEn: z.string(),
  organizationId: z.string(),
  areaId: z.string().nullable(),
  provinceCode: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  isDemo: z.boolean(),
});
export type PostSummary = z.infer<typeof PostSummary>;

export const MembershipView = z.object({
  id: z.string(),
  role: z.string(),
  designation: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  tenure: Tenure,
  person: PersonSummary,
  post: PostSummary.nullable(),
  organization: OrganizationSummary,
  isDemo: z.boolean(),
});
export type MembershipView = z.infer<typeof MembershipView>;

export const PostWithHolder = PostSummary.extend({
  holder: MembershipView.nullable(),
  oversees: z.array(AreaSummary),
});
export type PostWithHolder = z.infer<typeof PostWithHolder>;

export const ProvinceDetail = ProvinceSummary.extend({
  cluster2009: z.object({ id: z.string(), code: z.string(), nameTh: z.string(), nameEn: z.string(), validFrom: z.string().nullable(), validTo: z.string().nullable() }).nullable(),
  districtCount: z.number().int(),
  subdistrictCount: z.number().int(),
  districts: z.array(AreaSummary),
  offices: z.array(OrganizationSummary),
  keyPosts: z.array(PostWithHolder),
  governors: z.array(MembershipView),
  overseenBy: z.array(PostWithHolder),
  households: z.number().nullable(),
  /** what the current user may do here: read the province's change history */
  may: z.object({ history: z.boolean() }),
});
export type ProvinceDetail = z.infer<typeof ProvinceDetail>;

export const OrganizationDetail = OrganizationSummary.extend({
  foundingDate: z.string().nullable(),
  dissolutionDate: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  parent: OrganizationSummary.nullable(),
  children: z.array(OrganizationSummary),
  childCount: z.number().int(),
  area: AreaSummary.nullable(),
  posts: z.array(PostWithHolder),
  /** scope chain up to the nation: where this organisation sits */
  lineage: z.array(OrganizationSummary),
  /** what the current user may do here (the server still checks every write) */
  may: z.object({ edit: z.boolean(), addPost: z.boolean(), appoint: z.boolean(), history: z.boolean() }),
});
export type OrganizationDetail = z.infer<typeof OrganizationDetail>;

export const PersonDetail = PersonSummary.extend({
  email: z.string().nullable(),
  memberships: z.array(MembershipView),
  /** what the current user may do here (the server still checks every write) */
  may: z.object({ edit: z.boolean(), endMemberships: z.array(z.string()).describe("ids of the memberships this user may end"), history: z.boolean() }),
});
export type PersonDetail = z.infer<typeof PersonDetail>;

export const ListOrganizationsInput = Paging.extend({
  classification: OrganizationClassification.optional(),
  parentId: z.string().max(100).optional(),
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  q: z.string().max(200).optional(),
});

const ThName = z.string().trim().min(1).max(300);
const EnName = z.string().trim().max(300);

export const CreateOrganizationInput = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._:@-]{1,80}$/).optional(),
  classification: OrganizationClassification,
  nameTh: ThName,
  nameEn: EnName.default(""),
  abbreviation: z.string().trim().max(40).nullable().optional(),
  parentId: z.string().max(100).nullable().optional(),
  areaId: z.string().max(100).nullable().optional(),
  officeTypeId: z.string().max(100).nullable().optional(),
  foundingDate: IsoDate.nullable().optional(),
  dissolutionDate: IsoDate.nullable().optional(),
});
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInput>;

export const UpdateOrganizationInput = CreateOrganizationInput.omit({ id: true, classification: true })
  .extend({ nameEn: EnName })
  .partial()
  .refine((o) => Object.values(o).some((v) => v !== undefined), "nothing to change");
export type UpdateOrganizationInput = z.infer<typeof UpdateOrganizationInput>;

export const CreatePersonInput = z.object({
  honorificTh: z.string().trim().max(60).nullable().optional(),
  nameTh: ThName,
  nameEn: EnName.default(""),
  email: z.string().email().max(200).nullable().optional(),
});
export type CreatePersonInput = z.infer<typeof CreatePersonInput>;
export const UpdatePersonInput = CreatePersonInput.extend({ nameEn: EnName }).partial().refine((o) => Object.values(o).some((v) => v !== undefined), "nothing to change");
export type UpdatePersonInput = z.infer<typeof UpdatePersonInput>;

export const CreatePostInput = z.object({
  role: PostRole,
  labelTh: ThName,
  labelEn: EnName.default(""),
  organizationId: z.string().min(1).max(100),
  areaId: z.string().max(100).nullable().optional(),
  startDate: IsoDate.nullable().optional(),
  endDate: IsoDate.nullable().optional(),
});
export type CreatePostInput = z.infer<typeof CreatePostInput>;

export const CreateMembershipInput = z.object({
  personId: z.string().min(1).max(100),
  postId: z.string().min(1).max(100),
  designation: z.enum(["cco"]).nullable().optional(),
  startDate: IsoDate,
  endDate: IsoDate.nullable().optional(),
});
export type CreateMembershipInput = z.infer<typeof CreateMembershipInput>;

export const EndMembershipInput = z.object({ endDate: IsoDate });
export type EndMembershipInput = z.infer<typeof EndMembershipInput>;

export const CreateOversightInput = z.object({
  postId: z.string().min(1).max(100),
  areaId: z.string().min(1).max(100),
  startDate: IsoDate,
  endDate: IsoDate.nullable().optional(),
});
export type CreateOversightInput = z.infer<typeof CreateOversightInput>;

export const SearchKind = z.enum(["area", "organization", "person", "post"]);
export const SearchInput = z.object({
  q: z.string().trim().min(1).max(200),
  kinds: z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(SearchKind).max(4).optional()),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const SearchHit = z.object({
  kind: SearchKind,
  id: z.string(),
  classification: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  contextTh: z.string().nullable(),
  contextEn: z.string().nullable(),
  provinceCode: z.string().nullable(),
  /** the organisation a post belongs to (posts), or of the person's latest post (persons); null otherwise */
  organizationId: z.string().nullable(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResult = z.object({ query: z.string(), words: z.array(z.string()), hits: z.array(SearchHit) });
export type SearchResult = z.infer<typeof SearchResult>;

export const ImportKind = z.enum(["organizations", "persons", "posts", "memberships"]);
export type ImportKind = z.infer<typeof ImportKind>;
/** all-or-nothing (default): any invalid row and nothing is written; valid-rows: good rows are written, bad ones reported */
export const ImportMode = z.enum(["all-or-nothing", "valid-rows"]);
export type ImportMode = z.infer<typeof ImportMode>;
export const ImportFormat = z.enum(["csv", "xlsx"]);
export type ImportFormat = z.infer<typeof ImportFormat>;
/** queued → running → succeeded | partially_succeeded (valid-rows with rejected rows) | failed */
export const ImportStatus = z.enum(["queued", "running", "succeeded", "partially_succeeded", "failed"]);
export type ImportStatus = z.infer<typeof ImportStatus>;
export const IMPORT_DONE: readonly ImportStatus[] = ["succeeded", "partially_succeeded", "failed"];
/** One line of the validation report: the spreadsheet row (header = 1), the column, a stable code, the reason in Thai and English. */
export const ImportIssue = z.object({ row: z.number().int(), column: z.string(), code: z.string(), messageTh: z.string(), messageEn: z.string() });
export type ImportIssue = z.infer<typeof ImportIssue>;
export const ImportJob = z.object({
  id: z.string(),
  /** a registry kind, or a kind another module registered (e.g. planning-projects) */
  kind: z.string(),
  format: ImportFormat,
  mode: ImportMode,
  fileName: z.string(),
  status: ImportStatus,
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdRows: z.number().int(),
  errorCount: z.number().int(),
  /** the report, first 1000 lines (errorCount says how many there are) */
  issues: z.array(ImportIssue),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
export const ImportJobSummary = ImportJob.omit({ issues: true });
export type ImportJobSummary = z.infer<typeof ImportJobSummary>;
/** Columns each kind of file may have (header row, lower case); the first ones are required. */
export const IMPORT_COLUMNS: Record<ImportKind, { required: readonly string[]; optional: readonly string[] }> = {
  organizations: {
    required: ["classification", "name_th"],
    optional: ["id", "name_en", "abbreviation", "parent_id", "area_id", "province_code", "district_code", "subdistrict_code", "founding_date", "dissolution_date"],
  },
  persons: { required: ["name_th"], optional: ["id", "honorific_th", "name_en", "email"] },
  posts: { required: ["role", "label_th", "organization_id"], optional: ["id", "label_en", "area_id", "province_code", "district_code", "subdistrict_code", "start_date", "end_date"] },
  memberships: { required: ["person_id", "post_id", "start_date"], optional: ["id", "designation", "end_date"] },
};
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

export const TileGridCell = z.object({ code: z.string(), x: z.number().int(), y: z.number().int() });
