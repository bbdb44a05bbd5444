import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { addActionItem, updateActionItem } from "./action-items.js";
import { addAgendaItem } from "./agenda.js";
import {
  AddActionItemInput,
  AddAgendaItemInput,
  AddSeatInput,
  CommitteeSummary,
  CommitteeView,
  CreateCommitteeInput,
  EndSeatInput,
  HoldMeetingInput,
  ListCommitteesInput,
  MeetingView,
  PartnerSeatView,
  RecordResolutionInput,
  ScheduleMeetingInput,
  UpdateActionItemInput,
  UpdateSeatInput,
} from "./contracts.js";
import { createCommittee } from "./create-committee.js";
import { getCommittee } from "./get-committee.js";
import { getMeeting } from "./get-meeting.js";
import { holdMeeting } from "./hold-meeting.js";
import { listCommittees } from "./list-committees.js";
import { listPartnerSeats } from "./list-partner-seats.js";
import { recordResolution } from "./record-resolution.js";
import { cancelMeeting, scheduleMeeting } from "./schedule-meeting.js";
import { addSeat, endSeat, updateSeat } from "./seats.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const Created = z.object({ id: z.string() });
const Ok = z.object({ ok: z.literal(true) });

export const committeesRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["committees"];
  r.get("/committees", { schema: { tags, querystring: ListCommitteesInput, response: { 200: z.array(CommitteeSummary), ...errorResponses } } }, (req) => listCommittees({ ctx: req.ctx, input: req.query }));
  r.post("/committees", { schema: { tags, body: CreateCommitteeInput, response: { 201: Created, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createCommittee({ ctx: req.ctx, input: req.body })));
  r.get("/committees/:id", { schema: { tags, params: Id, response: { 200: CommitteeView, ...errorResponses } } }, (req) => getCommittee({ ctx: req.ctx, id: req.params.id }));
  r.post("/committees/:id/seats", { schema: { tags, params: Id, body: AddSeatInput, response: { 201: Created, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await addSeat({ ctx: req.ctx, committeeId: req.params.id, input: req.body })),
  );
  r.get("/partners/:id/committee-seats", { schema: { tags, params: Id, response: { 200: z.array(PartnerSeatView), ...errorResponses } } }, (req) => listPartnerSeats({ ctx: req.ctx, partnerId: req.params.id }));
  r.patch("/committee-seats/:id", { schema: { tags, params: Id, body: UpdateSeatInput, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await updateSeat({ ctx: req.ctx, seatId: req.params.id, input: req.body });
    return { ok: true as const };
  });
  r.post("/committee-seats/:id/end", { schema: { tags, params: Id, body: EndSeatInput, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await endSeat({ ctx: req.ctx, seatId: req.params.id, input: req.body });
    return { ok: true as const };
  });
  r.post("/committees/:id/meetings", { schema: { tags, params: Id, body: ScheduleMeetingInput, response: { 201: z.object({ id: z.string(), label: z.object({ th: z.string(), en: z.string() }), carried: z.number() }), ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await scheduleMeeting({ ctx: req.ctx, committeeId: req.params.id, input: req.body })),
  );
  r.get("/meetings/:id", { schema: { tags, params: Id, response: { 200: MeetingView, ...errorResponses } } }, (req) => getMeeting({ ctx: req.ctx, id: req.params.id }));
  r.post("/meetings/:id/cancel", { schema: { tags, params: Id, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await cancelMeeting({ ctx: req.ctx, meetingId: req.params.id });
    return { ok: true as const };
  });
  r.post("/meetings/:id/agenda", { schema: { tags, params: Id, body: AddAgendaItemInput, response: { 201: Created, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await addAgendaItem({ ctx: req.ctx, meetingId: req.params.id, input: req.body })),
  );
  r.post("/meetings/:id/minutes", { schema: { tags, params: Id, body: HoldMeetingInput, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await holdMeeting({ ctx: req.ctx, meetingId: req.params.id, input: req.body });
    return { ok: true as const };
  });
  r.post("/meetings/:id/resolutions", { schema: { tags, params: Id, body: RecordResolutionInput, response: { 201: z.object({ id: z.string(), outcome: z.enum(["noted", "adopted", "rejected"]) }), ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await recordResolution({ ctx: req.ctx, meetingId: req.params.id, input: req.body })),
  );
  r.post("/meetings/:id/action-items", { schema: { tags, params: Id, body: AddActionItemInput, response: { 201: z.object({ id: z.string(), carriedTo: z.string().nullable() }), ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await addActionItem({ ctx: req.ctx, meetingId: req.params.id, input: req.body })),
  );
  r.post("/action-items/:id", { schema: { tags, params: Id, body: UpdateActionItemInput, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await updateActionItem({ ctx: req.ctx, actionItemId: req.params.id, input: req.body });
    return { ok: true as const };
  });
};
