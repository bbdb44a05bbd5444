import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * A committee of a province: the provincial executive committee (คณะกรมการจังหวัด, one seat per ministry with an
 * equal vote, plus private-sector seats), advisory committees and trouble-shooting teams. `registryOrgId` links the
 * registry's organisation for it when there is one (committee:<province>:executive).
 */
export const committees = pgTable(
  "committees",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(), // executive | advisory | troubleshooting
    provinceCode: text("province_code").notNull(),
    registryOrgId: text("registry_org_id"),
    nameTh: text("name_th").notNull(),
    nameEn: text("name_en").notNull().default(""),
    /** the longest gap between meetings the committee has set itself (days); missed meetings are counted against it */
    cadenceDays: integer("cadence_days").notNull(),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("committees_province_idx").on(t.provinceCode)],
);

/**
 * A seat: a ministry's (held by the head of one of its provincial agencies), a private-sector, civil-society or
 * academic body's, or the chair's and secretary's. Every voting seat has one equal vote; a ministry has at most one
 * seat that has not ended in a committee (the partial unique index makes it so whatever the caller does).
 */
export const committeeSeats = pgTable(
  "committee_seats",
  {
    id: text("id").primaryKey(),
    committeeId: text("committee_id").notNull(),
    kind: text("kind").notNull(), // chair | ministry | private | civil | academic | secretary
    ministryId: text("ministry_id"),
    holderOrgId: text("holder_org_id"),
    /** a private, civil or academic seat may name the partner organisation (networks module) that holds it */
    partnerId: text("partner_id"),
    holderNameTh: text("holder_name_th").notNull(),
    holderNameEn: text("holder_name_en").notNull().default(""),
    voting: boolean("voting").notNull(),
    startedOn: date("started_on").notNull(),
    endedOn: date("ended_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("committee_seats_committee_idx").on(t.committeeId),
    index("committee_seats_partner_idx").on(t.partnerId).where(sql`${t.partnerId} is not null`),
    uniqueIndex("committee_seats_one_per_ministry").on(t.committeeId, t.ministryId).where(sql`${t.kind} = 'ministry' and ${t.endedOn} is null`),
  ],
);

/** A meeting, numbered within the Thai fiscal year ("ครั้งที่ 3/2570"). */
export const committeeMeetings = pgTable(
  "committee_meetings",
  {
    id: text("id").primaryKey(),
    committeeId: text("committee_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    number: integer("number").notNull(),
    scheduledOn: date("scheduled_on").notNull(),
    place: text("place"),
    status: text("status").notNull(), // scheduled | held | cancelled
    heldOn: date("held_on"),
    minutesTh: text("minutes_th"),
    minutesEn: text("minutes_en"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("committee_meetings_number").on(t.committeeId, t.fiscalYear, t.number), index("committee_meetings_committee_idx").on(t.committeeId, t.scheduledOn)],
);

/**
 * An item on a meeting's agenda, optionally about a record of another module (a KPI, a project, a case, an alert)
 * or following up an action item of an earlier meeting (`actionItemId`: added by the system, see carry-over).
 */
export const committeeAgendaItems = pgTable(
  "committee_agenda_items",
  {
    id: text("id").primaryKey(),
    meetingId: text("meeting_id").notNull(),
    position: integer("position").notNull(),
    kind: text("kind").notNull(), // inform | follow_up | decide | other
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull().default(""),
    linkType: text("link_type"), // kpi | project | case | alert
    linkId: text("link_id"),
    actionItemId: text("action_item_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("committee_agenda_items_meeting_idx").on(t.meetingId, t.position),
    uniqueIndex("committee_agenda_items_follow_up").on(t.meetingId, t.actionItemId).where(sql`${t.actionItemId} is not null`),
  ],
);

/** What the meeting resolved on an agenda item: noted, or decided by the recorded votes of the seats. */
export const committeeResolutions = pgTable(
  "committee_resolutions",
  {
    id: text("id").primaryKey(),
    agendaItemId: text("agenda_item_id").notNull(),
    meetingId: text("meeting_id").notNull(),
    textTh: text("text_th").notNull(),
    textEn: text("text_en").notNull().default(""),
    outcome: text("outcome").notNull(), // noted | adopted | rejected
    votesFor: integer("votes_for").notNull().default(0),
    votesAgainst: integer("votes_against").notNull().default(0),
    abstentions: integer("abstentions").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("committee_resolutions_meeting_idx").on(t.meetingId)],
);

/** One vote per seat per resolution (the primary key): every seat's vote counts the same. */
export const committeeVotes = pgTable(
  "committee_votes",
  {
    resolutionId: text("resolution_id").notNull(),
    seatId: text("seat_id").notNull(),
    vote: text("vote").notNull(), // for | against | abstain
  },
  (t) => [primaryKey({ columns: [t.resolutionId, t.seatId] })],
);

/** Something a meeting asked an organisation to do by a date; it comes back on every next meeting until done. */
export const committeeActionItems = pgTable(
  "committee_action_items",
  {
    id: text("id").primaryKey(),
    committeeId: text("committee_id").notNull(),
    meetingId: text("meeting_id").notNull(),
    agendaItemId: text("agenda_item_id"),
    titleTh: text("title_th").notNull(),
    titleEn: text("title_en").notNull().default(""),
    ownerOrgId: text("owner_org_id").notNull(),
    dueOn: date("due_on").notNull(),
    status: text("status").notNull(), // open | done | dropped
    progressTh: text("progress_th"),
    closedOn: date("closed_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("committee_action_items_committee_idx").on(t.committeeId, t.status), index("committee_action_items_owner_idx").on(t.ownerOrgId, t.status)],
);
