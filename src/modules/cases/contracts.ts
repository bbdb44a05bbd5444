import { z } from "zod";

/** The lifecycle: received → accepted → in_progress → resolved → closed; a reporter may reopen (acts as accepted). */
export const CaseStatus = z.enum(["received", "accepted", "in_progress", "resolved", "closed", "reopened"]);
export type CaseStatus = z.infer<typeof CaseStatus>;
/** Statuses in which a case still waits on the province (duplicates, service levels and escalation look at these). */
export const OPEN_STATUSES: readonly CaseStatus[] = ["received", "accepted", "in_progress", "reopened"];

export const CaseChannel = z.enum(["web", "hotline_1567", "walk_in", "open311", "import"]);
export type CaseChannel = z.infer<typeof CaseChannel>;

export const EventVisibility = z.enum(["public", "reporter", "internal"]);
export type EventVisibility = z.infer<typeof EventVisibility>;

/** The consent text shown at intake (PDPA): its version is stored with each reporter. */
export const CONSENT_VERSION = "2026-11";
/** Days a reporter may dispute a resolution or reopen a closed case; days after which a resolved case closes. */
export const REOPEN_DAYS = 30;
export const AUTO_CLOSE_DAYS = 7;
/** Duplicates: an open case within this distance and time, with similar text. */
export const DUPLICATE_METERS = 50;
export const DUPLICATE_DAYS = 14;

const Text = (min: number, max: number) => z.string().trim().min(min).max(max);
const Code = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/);
const Lat = z.coerce.number().min(5).max(21);
const Lon = z.coerce.number().min(97).max(106);
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 -]{9,15}$/, "phone");
const Email = z.string().trim().toLowerCase().email().max(200);

/** Who reports: contact details are optional; anonymous reporters keep only the tracking code. */
export const ReporterInput = z
  .object({
    anonymous: z.boolean().default(false),
    name: Text(1, 120).optional(),
    phone: Phone.optional(),
    email: Email.optional(),
    /** e-mail me when the status changes */
    notify: z.boolean().default(true),
  })
  .strict();
export type ReporterInput = z.infer<typeof ReporterInput>;

/** A report from the web form, an Open311 client, or a staff member entering a call or a walk-in. */
export const SubmitCaseInput = z
  .object({
    categoryId: Code,
    descriptionTh: Text(5, 4000),
    /** where: a pin (lat/lon) and/or a subdistrict; a province alone when neither is known */
    lat: Lat.optional(),
    lon: Lon.optional(),
    subdistrictCode: z.string().regex(/^\d{6}$/).optional(),
    districtCode: z.string().regex(/^\d{4}$/).optional(),
    provinceCode: z.string().regex(/^\d{2}$/).optional(),
    addressTh: Text(0, 300).optional(),
    attributes: z.record(z.string().max(64), z.union([z.string().max(500), z.array(z.string().max(200)).max(20)])).default({}),
    reporter: ReporterInput.default({ anonymous: true, notify: false }),
    /** the reporter agreed to the consent text of this version */
    consent: z.literal(true, { message: "Agree to the consent text to send a report" }),
    /** the version of the consent text the reporter read (GET /cases/privacy); refused when it has changed since */
    consentVersion: z.string().max(40).optional(),
    /** staff entry only: the channel the report came by */
    channel: z.enum(["hotline_1567", "walk_in"]).optional(),
    /** staff entry only: route to this organisation instead of the rules' choice */
    orgId: Code.optional(),
  })
  .strict();
export type SubmitCaseInput = z.input<typeof SubmitCaseInput>;

export const CaseRef = z.object({ id: z.string(), publicRef: z.string() });

/** What the reporter gets back once: the case's public number and the secret tracking code for following it. */
export const SubmittedCase = z.object({
  id: z.string(),
  publicRef: z.string(),
  trackingCode: z.string(),
  status: CaseStatus,
  assignedOrgId: z.string().nullable(),
  assignedOrgNameTh: z.string().nullable(),
  assignedOrgNameEn: z.string().nullable(),
  resolveDueAt: z.string(),
  possibleDuplicates: z.array(z.object({ id: z.string(), publicRef: z.string(), distanceMeters: z.number(), similarity: z.number() })),
});
export type SubmittedCase = z.infer<typeof SubmittedCase>;

export const CategoryView = z.object({
  id: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  descriptionTh: z.string(),
  descriptionEn: z.string(),
  groupTh: z.string(),
  groupEn: z.string(),
  acceptHours: z.number(),
  resolveHours: z.number(),
  sensitive: z.boolean(),
  attributes: z.array(z.unknown()),
});
export type CategoryView = z.infer<typeof CategoryView>;

export const CaseEventView = z.object({
  id: z.string(),
  kind: z.string(),
  visibility: EventVisibility,
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  textTh: z.string(),
  actorLabelTh: z.string(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type CaseEventView = z.infer<typeof CaseEventView>;

export const PhotoView = z.object({ id: z.string(), kind: z.enum(["before", "after"]), width: z.number(), height: z.number(), url: z.string(), thumbnailUrl: z.string() });
export type PhotoView = z.infer<typeof PhotoView>;

const OrgName = z.object({ id: z.string(), nameTh: z.string(), nameEn: z.string() }).nullable();

/** The public face of a case: no reporter, no exact point, the redacted text, public events only. */
export const PublicCaseView = z.object({
  publicRef: z.string(),
  categoryId: z.string(),
  categoryNameTh: z.string(),
  categoryNameEn: z.string(),
  status: CaseStatus,
  provinceCode: z.string(),
  districtCode: z.string().nullable(),
  subdistrictCode: z.string().nullable(),
  areaNameTh: z.string(),
  areaNameEn: z.string(),
  publicText: z.string(),
  /** coarsened: ~100 m, or the district's centre for sensitive categories */
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  assignedOrg: OrgName,
  supportCount: z.number(),
  receivedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** when the office is due to have resolved it (its service level) */
  resolveDueAt: z.string(),
  rating: z.number().nullable(),
  isDemo: z.boolean(),
  afterPhoto: PhotoView.nullable(),
  timeline: z.array(CaseEventView),
});
export type PublicCaseView = z.infer<typeof PublicCaseView>;

export const ReporterView = z.object({
  id: z.string(),
  anonymous: z.boolean(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  original: z.boolean(),
  rating: z.number().nullable(),
  joinedAt: z.string(),
});

/** What the people handling a case see: everything, reporters included (the only place they appear). */
export const CaseDetail = z.object({
  id: z.string(),
  publicRef: z.string(),
  version: z.number(),
  categoryId: z.string(),
  categoryNameTh: z.string(),
  categoryNameEn: z.string(),
  channel: CaseChannel,
  status: CaseStatus,
  provinceCode: z.string(),
  districtCode: z.string().nullable(),
  subdistrictCode: z.string().nullable(),
  areaNameTh: z.string(),
  areaNameEn: z.string(),
  descriptionTh: z.string(),
  publicText: z.string(),
  addressTh: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  assignedOrg: OrgName,
  assigneeAccountId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  routedBy: z.string().nullable(),
  acceptDueAt: z.string(),
  resolveDueAt: z.string(),
  overdue: z.boolean(),
  escalationLevel: z.number(),
  mergedInto: z.string().nullable(),
  supportCount: z.number(),
  receivedAt: z.string(),
  acceptedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  resolutionTh: z.string().nullable(),
  disputedAt: z.string().nullable(),
  reopenCount: z.number(),
  rating: z.number().nullable(),
  /** null when the reader may not see who reported (not handling the case) */
  reporters: z.array(ReporterView).nullable(),
  photos: z.array(PhotoView),
  timeline: z.array(CaseEventView),
  /** what the reader may do now */
  can: z.object({ handle: z.boolean(), assign: z.boolean() }),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

/** A row of a staff queue. */
export const CaseListItem = z.object({
  id: z.string(),
  publicRef: z.string(),
  categoryId: z.string(),
  categoryNameTh: z.string(),
  categoryNameEn: z.string(),
  status: CaseStatus,
  channel: CaseChannel,
  provinceCode: z.string(),
  districtCode: z.string().nullable(),
  areaNameTh: z.string(),
  areaNameEn: z.string(),
  publicText: z.string(),
  assignedOrg: OrgName,
  assigneeAccountId: z.string().nullable(),
  /** the assigned person's display name (staff queues only) */
  assigneeName: z.string().nullable(),
  receivedAt: z.string(),
  resolveDueAt: z.string(),
  overdue: z.boolean(),
  escalationLevel: z.number(),
  supportCount: z.number(),
});
export type CaseListItem = z.infer<typeof CaseListItem>;

const csv = <T extends z.ZodType>(item: T) => z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).max(20).optional());

export const ListCasesInput = z.object({
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  districtCode: z.string().regex(/^\d{4}$/).optional(),
  orgId: Code.optional(),
  /** "me": assigned to the reader */
  assignee: z.string().max(64).optional(),
  status: csv(CaseStatus),
  categoryId: csv(Code),
  channel: csv(CaseChannel),
  overdue: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean().optional()),
  q: z.string().trim().max(200).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  sort: z.enum(["received", "-received", "due", "-due"]).default("-received"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListCasesInput = z.input<typeof ListCasesInput>;
export const CaseList = z.object({ items: z.array(CaseListItem), total: z.number(), page: z.number(), pageSize: z.number() });
export type CaseList = z.infer<typeof CaseList>;

const Version = z.number().int().min(1).optional();
export const CaseActionInput = z.object({ version: Version, textTh: Text(0, 2000).optional() }).strict();
export const ResolveCaseInput = z
  .object({
    version: Version,
    /** the after-photo already uploaded to the case, or a stated reason (at least 10 characters) */
    afterPhotoId: z.string().max(64).optional(),
    reasonTh: Text(10, 2000).optional(),
    textTh: Text(0, 2000).optional(),
  })
  .strict();
export const AddCaseEventInput = z.object({ textTh: Text(1, 4000), visibility: z.enum(["public", "internal"]) }).strict();
export const AssignCaseInput = z.object({ accountId: z.string().max(64).nullable(), version: Version }).strict();
export const BulkAssignInput = z.object({ caseIds: z.array(z.string().max(64)).min(1).max(200), accountId: z.string().max(64).nullable() }).strict();
export const ChangeCategoryInput = z.object({ categoryId: Code, reasonTh: Text(0, 500).optional(), version: Version }).strict();
export const TransferCaseInput = z.object({ orgId: Code, reasonTh: Text(5, 1000), version: Version }).strict();
export const MergeCaseInput = z.object({ intoId: z.string().max(64), version: Version }).strict();
export const UpdatePublicTextInput = z.object({ publicText: Text(5, 4000), version: Version }).strict();

/** A reporter's own actions, proven by a logged-in account that reported the case or by the tracking code. */
export const ReporterAuth = z.object({ trackingCode: z.string().trim().max(40).optional() });
export const ReporterActionInput = ReporterAuth.extend({ reasonTh: Text(5, 2000) }).strict();
export const RateCaseInput = ReporterAuth.extend({ rating: z.number().int().min(1).max(5), commentTh: Text(0, 1000).optional() }).strict();

/** Public board: search and filters over every case, personal data never included. */
export const BoardInput = z.object({
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  districtCode: z.string().regex(/^\d{4}$/).optional(),
  categoryId: csv(Code),
  status: csv(CaseStatus),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(30),
});
export type BoardInput = z.input<typeof BoardInput>;
export const BoardItem = PublicCaseView.omit({ timeline: true, afterPhoto: true }).extend({ afterPhotoThumbnailUrl: z.string().nullable() });
export type BoardItem = z.infer<typeof BoardItem>;
/** `total` counts up to 10,000 matching cases; `totalCapped` says there are more (shown as "10,000+"). */
export const Board = z.object({ items: z.array(BoardItem), total: z.number(), totalCapped: z.boolean(), page: z.number(), pageSize: z.number() });
export type Board = z.infer<typeof Board>;

export const StatsInput = z.object({
  provinceCode: z.string().regex(/^\d{2}$/).optional(),
  by: z.enum(["agency", "category", "district"]).default("category"),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const StatsRow = z.object({
  key: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  cases: z.number(),
  resolved: z.number(),
  shareResolved: z.number(),
  medianHoursToResolve: z.number().nullable(),
  rating: z.number().nullable(),
  ratings: z.number(),
});
export const Stats = z.object({ by: z.string(), rows: z.array(StatsRow), total: StatsRow });
export type Stats = z.infer<typeof Stats>;

export const DuplicateCandidate = z.object({ id: z.string(), publicRef: z.string(), status: CaseStatus, publicText: z.string(), distanceMeters: z.number(), similarity: z.number(), receivedAt: z.string() });
export const DuplicatesInput = z.object({ lat: Lat, lon: Lon, text: Text(1, 4000), categoryId: Code.optional(), excludeId: z.string().max(64).optional() });

export const RoutingRuleInput = z.object({ areaId: z.string().regex(/^(province:\d{2}|district:\d{4}|subdistrict:\d{6})$/), categoryId: Code.nullable().default(null), orgId: Code, noteTh: Text(0, 500).optional() }).strict();
export const RoutingRuleView = z.object({ id: z.string(), provinceCode: z.string(), areaId: z.string(), categoryId: z.string().nullable(), orgId: z.string(), orgNameTh: z.string(), noteTh: z.string() });
/** A province's rules as a reader sees them; `canWrite` says whether this reader may change them (else read-only). */
export const RoutingRuleList = z.object({ items: z.array(RoutingRuleView), canWrite: z.boolean() });
export type RoutingRuleList = z.infer<typeof RoutingRuleList>;
/** The provinces whose routing rules the reader may read (the rules page's province choice). */
export const RoutingProvinces = z.object({ provinceCodes: z.array(z.string()) });
export type RoutingProvinces = z.infer<typeof RoutingProvinces>;

/** Where a case of this category at this place would go (the intake form asks before saving): same fields as intake. */
export const RoutingPreviewInput = z
  .object({
    categoryId: Code,
    subdistrictCode: z.string().regex(/^\d{6}$/).optional(),
    districtCode: z.string().regex(/^\d{4}$/).optional(),
    provinceCode: z.string().regex(/^\d{2}$/).optional(),
    lat: Lat.optional(),
    lon: Lon.optional(),
  })
  .strict();
/** Why the rules chose the agency: a rule of the area, else the category's provincial office, else the province's Damrongdhama centre. */
export const RoutingReason = z.enum(["rule", "category-office", "province-centre"]);
export const RoutingPreview = z.object({
  provinceCode: z.string(),
  districtCode: z.string().nullable(),
  subdistrictCode: z.string().nullable(),
  orgId: z.string(),
  orgNameTh: z.string(),
  orgNameEn: z.string(),
  reason: RoutingReason,
  /** the rule that decided (null for the two fallbacks): its area (subdistrict, district or whole province) and whether it names the category */
  rule: z
    .object({ id: z.string(), areaId: z.string(), level: z.enum(["subdistrict", "district", "province"]), areaNameTh: z.string(), areaNameEn: z.string(), categoryId: z.string().nullable(), noteTh: z.string() })
    .nullable(),
});
export type RoutingPreview = z.infer<typeof RoutingPreview>;

/** The public board map's district outlines of one province (GeoJSON, simplified for display; no personal data). */
export const BoardOutlineInput = z.object({ provinceCode: z.string().regex(/^\d{2}$/, { message: "provinceCode is two digits (DOPA), e.g. 57" }) });
const Position = z.tuple([z.number(), z.number()]);
export const BoardOutline = z.object({
  type: z.literal("FeatureCollection"),
  provinceCode: z.string(),
  /** Douglas–Peucker tolerance applied, metres; coordinates [lon, lat] (WGS 84) rounded to 5 decimals */
  toleranceMeters: z.number(),
  /** the shapes' source and licence, to show with the map (CC BY-IGO asks for attribution) */
  attribution: z.string(),
  features: z.array(
    z.object({
      type: z.literal("Feature"),
      id: z.string(),
      properties: z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string() }),
      /** each part's one closed outer ring, counter-clockwise (RFC 7946); the source has no holes */
      geometry: z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(z.array(Position))) }),
    }),
  ),
});
export type BoardOutline = z.infer<typeof BoardOutline>;

/** What the consent text at intake names: its version and the retention period after a case closes. */
export const CasesPrivacy = z.object({ consentVersion: z.string(), retentionDays: z.number().int() });
export type CasesPrivacy = z.infer<typeof CasesPrivacy>;
