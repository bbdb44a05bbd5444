import { z } from "zod";
import { isIsoDate } from "../../platform/thai/dates.js";

export const COMMITTEE_KINDS = ["executive", "advisory", "troubleshooting"] as const;
export const SEAT_KINDS = ["chair", "ministry", "private", "civil", "academic", "secretary"] as const;
export const AGENDA_KINDS = ["inform", "follow_up", "decide", "other"] as const;
export const LINK_TYPES = ["kpi", "project", "case", "alert"] as const;
export const VOTES = ["for", "against", "abstain"] as const;
export const ACTION_STATUSES = ["open", "done", "dropped"] as const;

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD (C.E.)")
  .refine((s) => isIsoDate(s) && s >= "2000-01-01" && s <= "2199-12-31", "date must be a real Gregorian (C.E.) date, not a B.E. year");
const Id = z.string().trim().min(1).max(120);
const ThaiText = (max: number) => z.string().trim().min(1).max(max);
const EnText = (max: number) => z.string().trim().max(max).optional();

export const CreateCommitteeInput = z.object({
  kind: z.enum(COMMITTEE_KINDS),
  provinceCode: z.string().regex(/^\d{2}$/, "provinceCode is the two-digit province code"),
  nameTh: ThaiText(300),
  nameEn: EnText(300),
  cadenceDays: z.number().int().min(7).max(366),
  registryOrgId: Id.optional(),
});
export const AddSeatInput = z.object({
  kind: z.enum(SEAT_KINDS),
  /** for a ministry's seat: the ministry (registry id, e.g. "moi") */
  ministryId: Id.optional(),
  /** the organisation that holds the seat (e.g. "pro:31:land" for the Ministry of Interior's seat) */
  holderOrgId: Id.optional(),
  /** for a private, civil or academic seat: the partner organisation of the province's network that holds it */
  partnerId: Id.optional(),
  holderNameTh: ThaiText(300),
  holderNameEn: EnText(300),
  startedOn: IsoDate.optional(),
});
export const EndSeatInput = z.object({ endedOn: IsoDate });
/** Changes to a running seat: the partner holding it (null: none) and the holder's name as shown. */
export const UpdateSeatInput = z.object({
  partnerId: Id.nullable().optional(),
  holderNameTh: ThaiText(300).optional(),
  holderNameEn: z.string().trim().max(300).optional(),
});
export const ScheduleMeetingInput = z.object({ scheduledOn: IsoDate, place: z.string().trim().max(300).optional() });
export const AddAgendaItemInput = z.object({
  kind: z.enum(["inform", "decide", "other"]),
  titleTh: ThaiText(500),
  titleEn: EnText(500),
  link: z.object({ type: z.enum(LINK_TYPES), id: Id }).optional(),
});
export const HoldMeetingInput = z.object({ heldOn: IsoDate, minutesTh: ThaiText(20_000), minutesEn: EnText(20_000) });
export const RecordResolutionInput = z.object({
  agendaItemId: Id,
  textTh: ThaiText(5_000),
  textEn: EnText(5_000),
  /** the seats' votes; none: the meeting took note (รับทราบ) */
  votes: z.array(z.object({ seatId: Id, vote: z.enum(VOTES) })).max(200).optional(),
});
export const AddActionItemInput = z.object({
  agendaItemId: Id.optional(),
  titleTh: ThaiText(500),
  titleEn: EnText(500),
  ownerOrgId: Id,
  dueOn: IsoDate,
});
export const UpdateActionItemInput = z.object({ status: z.enum(ACTION_STATUSES), progressTh: z.string().trim().max(2_000).optional() });
export const ListCommitteesInput = z.object({ provinceCode: z.string().regex(/^\d{2}$/).optional() });

const Named = z.object({ th: z.string(), en: z.string() });
export const CadenceView = z.object({
  everyDays: z.number(),
  lastHeldOn: z.string().nullable(),
  nextDueOn: z.string(),
  daysLate: z.number(),
  missed: z.number(),
  status: z.enum(["on_track", "late"]),
});
export const SeatView = z.object({
  id: z.string(),
  kind: z.enum(SEAT_KINDS),
  ministryId: z.string().nullable(),
  ministryName: Named.nullable(),
  holderOrgId: z.string().nullable(),
  partnerId: z.string().nullable(),
  partnerName: Named.nullable(),
  holderNameTh: z.string(),
  holderNameEn: z.string(),
  voting: z.boolean(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});
export const MeetingSummary = z.object({
  id: z.string(),
  label: Named,
  fiscalYear: z.number(),
  number: z.number(),
  scheduledOn: z.string(),
  heldOn: z.string().nullable(),
  status: z.enum(["scheduled", "held", "cancelled"]),
  place: z.string().nullable(),
});
export const ActionItemView = z.object({
  id: z.string(),
  committeeId: z.string(),
  meetingId: z.string(),
  meetingLabel: Named,
  agendaItemId: z.string().nullable(),
  titleTh: z.string(),
  titleEn: z.string(),
  ownerOrgId: z.string(),
  ownerName: Named,
  dueOn: z.string(),
  overdue: z.boolean(),
  status: z.enum(ACTION_STATUSES),
  progressTh: z.string().nullable(),
  closedOn: z.string().nullable(),
});
export const CommitteeSummary = z.object({
  id: z.string(),
  kind: z.enum(COMMITTEE_KINDS),
  provinceCode: z.string(),
  nameTh: z.string(),
  nameEn: z.string(),
  isDemo: z.boolean(),
  cadence: CadenceView,
  openActionItems: z.number(),
  overdueActionItems: z.number(),
  nextMeeting: MeetingSummary.nullable(),
});
export const CommitteeView = CommitteeSummary.extend({
  registryOrgId: z.string().nullable(),
  seats: z.array(SeatView),
  votingSeats: z.number(),
  meetings: z.array(MeetingSummary),
  actionItems: z.array(ActionItemView),
  mayManage: z.boolean(),
  mayRunMeetings: z.boolean(),
});
/** What an agenda item is about: its label (Thai; `labelEn` English, "" when the record has none), its status where it has one (an alert: open | resolved; a case: its status), and for an alert the page of its record. */
export const LinkView = z.object({
  type: z.enum(LINK_TYPES),
  id: z.string(),
  label: z.string(),
  labelEn: z.string(),
  status: z.string().nullable(),
  href: z.string().nullable(),
  provinceCode: z.string().nullable(),
});
export const ResolutionView = z.object({
  id: z.string(),
  textTh: z.string(),
  textEn: z.string(),
  outcome: z.enum(["noted", "adopted", "rejected"]),
  votesFor: z.number(),
  votesAgainst: z.number(),
  abstentions: z.number(),
  votes: z.array(z.object({ seatId: z.string(), holderNameTh: z.string(), holderNameEn: z.string(), vote: z.enum(VOTES) })),
});
export const AgendaItemView = z.object({
  id: z.string(),
  position: z.number(),
  kind: z.enum(AGENDA_KINDS),
  titleTh: z.string(),
  titleEn: z.string(),
  link: LinkView.nullable(),
  followsUp: ActionItemView.nullable(),
  resolutions: z.array(ResolutionView),
});
export const MeetingView = MeetingSummary.extend({
  committeeId: z.string(),
  committeeNameTh: z.string(),
  committeeNameEn: z.string(),
  provinceCode: z.string(),
  minutesTh: z.string().nullable(),
  minutesEn: z.string().nullable(),
  agenda: z.array(AgendaItemView),
  actionItems: z.array(ActionItemView),
  seats: z.array(SeatView),
  mayRunMeeting: z.boolean(),
  /** held, or scheduled for today or earlier: resolutions, action items and minutes may be recorded */
  underway: z.boolean(),
});

/** A committee seat a partner holds (or held), for the partner's page. */
export const PartnerSeatView = z.object({
  seatId: z.string(),
  committeeId: z.string(),
  committeeNameTh: z.string(),
  committeeNameEn: z.string(),
  kind: z.enum(SEAT_KINDS),
  holderNameTh: z.string(),
  holderNameEn: z.string(),
  voting: z.boolean(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});

export type CommitteeSummary = z.infer<typeof CommitteeSummary>;
export type CommitteeView = z.infer<typeof CommitteeView>;
export type MeetingView = z.infer<typeof MeetingView>;
export type MeetingSummary = z.infer<typeof MeetingSummary>;
export type ActionItemView = z.infer<typeof ActionItemView>;
export type SeatView = z.infer<typeof SeatView>;
export type PartnerSeatView = z.infer<typeof PartnerSeatView>;
