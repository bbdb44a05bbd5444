import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { addCandidates } from "./add-candidates.js";
import { AddCandidatesInput, CommitteeDetail, CommitteeSummary, CreateCommitteeInput, DecideSelectionInput, ListCommitteesInput, ListPersonnelActionsInput, PersonnelActionView, RecordAssessmentInput, RecordPersonnelActionInput } from "./contracts-personnel.js";
import { createCommittee } from "./create-committee.js";
import { decideSelection } from "./decide-selection.js";
import { getCommittee } from "./get-committee.js";
import { getPersonnelAction } from "./get-personnel-action.js";
import { listCommittees } from "./list-committees.js";
import { listPersonnelActions } from "./list-personnel-actions.js";
import { recordAssessment } from "./record-assessment.js";
import { recordPersonnelAction } from "./record-personnel-action.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const tags = ["delegation"];

/** Personnel actions under delegated authority, and governor recruitment and selection committees. */
export const personnelRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/delegation/personnel-actions", { schema: { tags, querystring: ListPersonnelActionsInput, response: { 200: z.object({ items: z.array(PersonnelActionView), total: z.number() }), ...errorResponses } } }, (req) => listPersonnelActions({ ctx: req.ctx, input: req.query }));
  r.post("/delegation/personnel-actions", { schema: { tags, body: RecordPersonnelActionInput, response: { 201: PersonnelActionView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await recordPersonnelAction({ ctx: req.ctx, input: req.body })));
  r.get("/delegation/personnel-actions/:id", { schema: { tags, params: Id, response: { 200: PersonnelActionView, ...errorResponses } } }, (req) => getPersonnelAction({ ctx: req.ctx, input: { id: req.params.id } }));

  r.get("/delegation/committees", { schema: { tags, querystring: ListCommitteesInput, response: { 200: z.object({ items: z.array(CommitteeSummary), total: z.number() }), ...errorResponses } } }, (req) => listCommittees({ ctx: req.ctx, input: req.query }));
  r.post("/delegation/committees", { schema: { tags, body: CreateCommitteeInput, response: { 201: CommitteeDetail, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createCommittee({ ctx: req.ctx, input: req.body })));
  r.get("/delegation/committees/:id", { schema: { tags, params: Id, response: { 200: CommitteeDetail, ...errorResponses } } }, (req) => getCommittee({ ctx: req.ctx, input: { id: req.params.id } }));
  r.post("/delegation/committees/:id/candidates", { schema: { tags, params: Id, body: AddCandidatesInput, response: { 200: CommitteeDetail, ...errorResponses } } }, (req) => addCandidates({ ctx: req.ctx, input: { committeeId: req.params.id, ...req.body } }));
  r.post("/delegation/committees/:id/assessment", { schema: { tags, params: Id, body: RecordAssessmentInput, response: { 200: CommitteeDetail, ...errorResponses } } }, (req) => recordAssessment({ ctx: req.ctx, input: { committeeId: req.params.id, ...req.body } }));
  r.post("/delegation/committees/:id/decision", { schema: { tags, params: Id, body: DecideSelectionInput, response: { 200: CommitteeDetail, ...errorResponses } } }, (req) => decideSelection({ ctx: req.ctx, input: { committeeId: req.params.id, ...req.body } }));
};
