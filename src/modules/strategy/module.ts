import type { ModuleManifest } from "../../platform/module.js";
import { strategyOpenData } from "./open-data.js";
import { strategyRoutes } from "./routes.js";
import { seedAgendaDemo } from "./seed-agenda-demo.js";
import { seedStrategyDemo } from "./seed-demo.js";
import { seedStrategyReference } from "./seed-reference.js";

export const strategyModule: ModuleManifest = {
  name: "strategy",
  openData: strategyOpenData,
  routes: strategyRoutes,
  operations: ["strategy:read", "strategy:national.write", "strategy:area.write", "strategy:cluster.approve", "strategy:province.approve", "strategy:agenda.assign", "strategy:proposal.write", "strategy:proposal.review.moi", "strategy:proposal.review.opdc"],
  auditActions: ["strategy.node.create", "strategy.node.approve", "strategy.link.create", "strategy.link.delete", "strategy.seed.reference", "strategy.seed.demo", "strategy.agenda.assign", "strategy.proposal.save", "strategy.proposal.submit", "strategy.proposal.forward", "strategy.proposal.return", "strategy.proposal.approve", "strategy.seed.agenda-demo"],
  seed: async (ctx, { demo }) => {
    await seedStrategyReference({ ctx });
    if (demo) {
      await seedStrategyDemo({ ctx });
      await seedAgendaDemo({ ctx });
    }
  },
};
