import "@fastify/rate-limit";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { addComment } from "./add-comment.js";
import { answerSurvey } from "./answer-survey.js";
import { closeCall } from "./close-call.js";
import { closeSurvey } from "./close-survey.js";
import {
  AnswerSurveyInput,
  CallDetail,
  CallSummary,
  CommentInput,
  CommentView,
  HideInput,
  ListCallsInput,
  OpenCallInput,
  OpenSurveyInput,
  ProposalDetail,
  ProposeInput,
  QueueItem,
  RespondInput,
  ResponsesBySubject,
  ResponseView,
  SubjectChoices,
  SupportResult,
  SurveyView,
  UnhideInput,
  UnhideResult,
} from "./contracts.js";
import { getCall } from "./get-call.js";
import { getProposal } from "./get-proposal.js";
import { hideComment } from "./hide-comment.js";
import { hideProposal } from "./hide-proposal.js";
import { listCalls } from "./list-calls.js";
import { listResponseQueue } from "./list-response-queue.js";
import { responsesBySubject } from "./list-responses-by-subject.js";
import { listSubjectChoices } from "./list-subject-choices.js";
import { getSurvey, listSurveys } from "./list-surveys.js";
import { openCall } from "./open-call.js";
import { openSurvey } from "./open-survey.js";
import { respondToProposal } from "./respond-to-proposal.js";
import { submitProposal } from "./submit-proposal.js";
import { supportProposal } from "./support-proposal.js";
import { unhideComment } from "./unhide-comment.js";
import { unhideProposal } from "./unhide-proposal.js";

const tags = ["participation"];
const Id = z.object({ id: z.string().min(1).max(64) });
const Created = z.object({ id: z.string() });
const Province = z.object({ provinceCode: z.string().regex(/^\d{2}$/) });

/** "บอกเราถึงรัฐ": calls for input, proposals, supports, comments, official responses and satisfaction surveys. */
export const participationRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // ─── public ───
  r.get("/participation/calls", { schema: { tags, querystring: ListCallsInput, response: { 200: z.object({ items: z.array(CallSummary) }), ...errorResponses } } }, (req) => listCalls({ ctx: req.ctx, input: req.query }));
  r.get("/participation/calls/:id", { schema: { tags, params: Id, response: { 200: CallDetail, ...errorResponses } } }, (req) => getCall({ ctx: req.ctx, input: req.params }));
  r.get("/participation/proposals/:id", { schema: { tags, params: Id, response: { 200: ProposalDetail, ...errorResponses } } }, (req) => getProposal({ ctx: req.ctx, input: req.params }));
  r.get("/participation/surveys", { schema: { tags, querystring: z.object({ provinceCode: z.string().regex(/^\d{2}$/).optional(), state: z.enum(["open", "closed", "all"]).default("all") }), response: { 200: z.object({ items: z.array(SurveyView) }), ...errorResponses } } }, (req) => listSurveys({ ctx: req.ctx, input: req.query }));
  r.get("/participation/surveys/:id", { schema: { tags, params: Id, response: { 200: SurveyView, ...errorResponses } } }, (req) => getSurvey({ ctx: req.ctx, input: req.params }));
  r.get("/participation/responses", { schema: { tags, description: "Official responses about a KPI or a strategy node (goal, agenda): on calls about it or changing it.", querystring: z.object({ subjectId: z.string().min(1).max(120) }), response: { 200: ResponsesBySubject, ...errorResponses } } }, (req) => responsesBySubject(req.ctx, req.query.subjectId));

  // ─── citizens (logged in; supports and answers from verified accounts) ───
  r.post("/participation/calls/:id/proposals", { config: { rateLimit: { max: 30, timeWindow: "10 minutes" } }, schema: { tags, params: Id, body: ProposeInput, response: { 201: Created, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await submitProposal({ ctx: req.ctx, input: { ...req.body, callId: req.params.id } })));
  r.post("/participation/proposals/:id/support", { config: { rateLimit: { max: 120, timeWindow: "10 minutes" } }, schema: { tags, description: "Support a proposal (verified accounts). Idempotent: a second support answers counted=false and changes nothing.", params: Id, response: { 200: SupportResult, ...errorResponses } } }, (req) => supportProposal({ ctx: req.ctx, input: req.params }));
  r.post("/participation/proposals/:id/comments", { config: { rateLimit: { max: 60, timeWindow: "10 minutes" } }, schema: { tags, params: Id, body: CommentInput, response: { 201: CommentView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await addComment({ ctx: req.ctx, input: { ...req.body, proposalId: req.params.id } })));
  r.post("/participation/surveys/:id/answers", { config: { rateLimit: { max: 60, timeWindow: "10 minutes" } }, schema: { tags, params: Id, body: AnswerSurveyInput, response: { 201: z.object({ id: z.string(), respondents: z.number() }), ...errorResponses } } }, async (req, reply) => reply.code(201).send(await answerSurvey({ ctx: req.ctx, input: { ...req.body, id: req.params.id } })));

  // ─── the governor's office ───
  r.get("/participation/subjects", { schema: { tags, querystring: Province, response: { 200: SubjectChoices, ...errorResponses } } }, (req) => listSubjectChoices({ ctx: req.ctx, input: req.query }));
  r.get("/participation/queue", { schema: { tags, description: "Proposals past their threshold, soonest deadline first.", querystring: z.object({ provinceCode: z.string().regex(/^\d{2}$/).optional(), include: z.enum(["awaiting", "all"]).default("awaiting") }), response: { 200: z.object({ items: z.array(QueueItem) }), ...errorResponses } } }, (req) => listResponseQueue({ ctx: req.ctx, input: req.query }));
  r.post("/participation/calls", { schema: { tags, body: OpenCallInput, response: { 201: Created, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await openCall({ ctx: req.ctx, input: req.body })));
  r.post("/participation/calls/:id/close", { schema: { tags, params: Id, response: { 200: z.object({ id: z.string(), closesAt: z.string() }), ...errorResponses } } }, (req) => closeCall({ ctx: req.ctx, input: req.params }));
  r.post("/participation/proposals/:id/response", { schema: { tags, params: Id, body: RespondInput, response: { 201: ResponseView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await respondToProposal({ ctx: req.ctx, input: { ...req.body, id: req.params.id } })));
  r.post("/participation/proposals/:id/hide", { schema: { tags, description: "Hide a proposal with a reason shown publicly (audited). A proposal with an official response cannot be hidden: 409 participation.responded-not-hideable.", params: Id, body: HideInput, response: { 200: z.object({ id: z.string(), hiddenReasonTh: z.string() }), ...errorResponses } } }, (req) => hideProposal({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/participation/comments/:id/hide", { schema: { tags, params: Id, body: HideInput, response: { 200: z.object({ id: z.string(), hiddenReasonTh: z.string() }), ...errorResponses } } }, (req) => hideComment({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/participation/proposals/:id/unhide", { schema: { tags, description: "Put a hidden proposal back on public view, with the reason (audited).", params: Id, body: UnhideInput, response: { 200: UnhideResult, ...errorResponses } } }, (req) => unhideProposal({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/participation/comments/:id/unhide", { schema: { tags, description: "Put a hidden comment back on public view, with the reason (audited).", params: Id, body: UnhideInput, response: { 200: UnhideResult, ...errorResponses } } }, (req) => unhideComment({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/participation/surveys", { schema: { tags, body: OpenSurveyInput, response: { 201: Created, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await openSurvey({ ctx: req.ctx, input: req.body })));
  r.post("/participation/surveys/:id/close", { schema: { tags, params: Id, response: { 200: SurveyView, ...errorResponses } } }, (req) => closeSurvey({ ctx: req.ctx, input: req.params }));
};
