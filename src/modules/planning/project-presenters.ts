import { bangkokDateOf } from "../../platform/thai/dates.js";
import type { AmendmentAuthority, AmendmentView, MilestoneView, ProjectFileView } from "./contracts-projects.js";
import type { projectAmendments, projectFiles, projectMilestones } from "./tables.js";

export const milestoneView = (m: typeof projectMilestones.$inferSelect, now: Date): MilestoneView => ({
  id: m.id,
  titleTh: m.titleTh,
  titleEn: m.titleEn,
  dueOn: m.dueOn,
  doneOn: m.doneOn,
  late: m.doneOn ? m.doneOn > m.dueOn : bangkokDateOf(now) > m.dueOn,
});

export const fileView = (f: Omit<typeof projectFiles.$inferSelect, "content">): ProjectFileView => ({
  id: f.id,
  kind: f.kind as ProjectFileView["kind"],
  fileName: f.fileName,
  mediaType: f.mediaType,
  size: f.size,
  captionTh: f.captionTh,
  uploadedBy: f.uploadedBy,
  uploadedAt: f.createdAt.toISOString(),
});

export function amendmentView(a: typeof projectAmendments.$inferSelect): AmendmentView {
  const authority = a.authority as AmendmentAuthority;
  const decider = authority.deciders.find((d) => d.delegationId === a.delegationId);
  return {
    id: a.id,
    projectId: a.projectId,
    changes: a.changes as AmendmentView["changes"],
    reasonTh: a.reasonTh,
    amount: a.amount,
    route: a.route as AmendmentView["route"],
    status: a.status as AmendmentView["status"],
    delegationId: a.delegationId,
    instrumentNo: decider?.chain.at(-1)?.instrumentNo ?? null,
    authority,
    centralOrgId: a.centralOrgId,
    requestedBy: a.requestedBy,
    requestedOn: a.requestedOn,
    decidedBy: a.decidedBy,
    decidedOn: a.decidedOn,
    decisionNoteTh: a.decisionNoteTh,
  };
}
