import type { ModuleManifest } from "../../platform/module.js";
import { committeesRoutes } from "./routes.js";
import { seedCommitteesDemo } from "./seed-demo.js";

export const committeesModule: ModuleManifest = {
  name: "committees",
  routes: committeesRoutes,
  operations: ["committees:read", "committees:manage", "committees:meeting.run", "committees:action.report"],
  auditActions: [
    "committees.committee.create",
    "committees.seat.add",
    "committees.seat.end",
    "committees.seat.update",
    "committees.meeting.schedule",
    "committees.meeting.cancel",
    "committees.meeting.hold",
    "committees.meeting.minutes-correct",
    "committees.agenda-item.add",
    "committees.resolution.record",
    "committees.action-item.add",
    "committees.action-item.update",
    "committees.seed.demo",
  ],
  seed: async (ctx, opts) => {
    if (opts.demo) await seedCommitteesDemo(ctx);
  },
};
