import type { ModuleManifest } from "../../platform/module.js";
import { participationJobs } from "./jobs.js";
import { eraseParticipationPersonalData, participationPersonalData } from "./personal-data.js";
import { participationRoutes } from "./routes.js";
import { seedParticipationDemo } from "./seed-demo.js";

export const participationModule: ModuleManifest = {
  name: "participation",
  routes: participationRoutes,
  operations: ["participation:public", "participation:take-part", "participation:manage"],
  auditActions: [
    "participation.call.open",
    "participation.call.close",
    "participation.proposal.submit",
    "participation.proposal.support",
    "participation.proposal.respond",
    "participation.proposal.hide",
    "participation.proposal.unhide",
    "participation.proposal.overdue",
    "participation.comment.add",
    "participation.comment.hide",
    "participation.comment.unhide",
    "participation.survey.open",
    "participation.survey.answer",
    "participation.survey.close",
    "participation.seed.demo",
    "participation.proposal.erase-author-name",
  ],
  jobs: participationJobs,
  personalData: participationPersonalData,
  erasePersonalData: eraseParticipationPersonalData,
  seed: async (ctx, { demo }) => {
    if (demo) await seedParticipationDemo({ ctx });
  },
};
