import { ProposalContent, type AgendaAssignmentSummary, type AgendaStatus, type ProposalReviewView, type ProposalVersionView, type StrategyNodeSummary } from "./contracts.js";
import type { agendaAssignments, agendaProposalReviews, agendaProposalVersions, strategyNodes } from "./tables.js";

export function nodeSummary(r: typeof strategyNodes.$inferSelect): StrategyNodeSummary {
  return {
    id: r.id,
    kind: r.kind as StrategyNodeSummary["kind"],
    code: r.code,
    nameTh: r.nameTh,
    nameEn: r.nameEn,
    areaId: r.areaId,
    provinceCode: r.provinceCode,
    mission: (r.mission ?? null) as StrategyNodeSummary["mission"],
    fromYear: r.fromYear,
    toYear: r.toYear,
    status: r.status as StrategyNodeSummary["status"],
    isDemo: r.isDemo,
  };
}

export function assignmentSummary(r: typeof agendaAssignments.$inferSelect, agenda: Pick<typeof strategyNodes.$inferSelect, "kind" | "nameTh" | "nameEn">): AgendaAssignmentSummary {
  return {
    id: r.id,
    agendaNodeId: r.agendaNodeId,
    agendaKind: agenda.kind as AgendaAssignmentSummary["agendaKind"],
    agendaNameTh: agenda.nameTh,
    agendaNameEn: agenda.nameEn,
    provinceCode: r.provinceCode,
    titleTh: r.titleTh,
    titleEn: r.titleEn,
    assignedOn: r.assignedOn,
    assignedBy: r.assignedBy,
    status: r.status as AgendaStatus,
    currentVersion: r.currentVersion,
    updatedAt: r.updatedAt.toISOString(),
    isDemo: r.isDemo,
  };
}

/** A stored version's content read through its contract (defaults filled in), so the response shape is the contract's. */
export function proposalContent(raw: unknown): ProposalContent {
  return ProposalContent.parse(raw ?? {});
}

export function versionView(r: typeof agendaProposalVersions.$inferSelect, state: AgendaStatus): ProposalVersionView {
  return { version: r.version, state, content: proposalContent(r.content), editedByName: r.editedByName, editedAt: r.editedAt.toISOString(), submittedAt: r.submittedAt?.toISOString() ?? null };
}

export function reviewView(r: typeof agendaProposalReviews.$inferSelect): ProposalReviewView {
  return {
    id: r.id,
    version: r.version,
    stage: r.stage as ProposalReviewView["stage"],
    decision: r.decision as ProposalReviewView["decision"],
    comment: r.commentTh,
    reviewedByName: r.reviewedByName,
    reviewedAt: r.reviewedAt.toISOString(),
  };
}
