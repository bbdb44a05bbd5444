import type { ModuleManifest } from "../../platform/module.js";
import { planningOpenData } from "./open-data.js";
import { budgetJobs } from "./jobs-budget.js";
import { budgetRoutes } from "./routes-budget.js";
import { fundsRoutes } from "./routes-funds.js";
import { plansRoutes } from "./routes-plans.js";
import { procurementRoutes } from "./routes-procurement.js";
import { seedDemoBudget } from "./seed-demo-budget.js";
import { seedDemoFunds } from "./seed-demo-funds.js";
import { seedDemoPlans } from "./seed-demo-plans.js";
import { seedDemoProcurement } from "./seed-demo-procurement.js";

/** Audit actions, one list per part of the module (plans and projects; budget cycle; funds; procurement). */
const PLANS_AUDIT = ["planning.project.create", "planning.plan.create", "planning.plan.prioritise", "planning.plan.consolidate", "planning.plan.approve", "planning.project.consolidate", "planning.project.approve", "planning.project.update", "planning.project.status", "planning.project.duplicate-confirm", "planning.project.duplicate-dismiss", "planning.milestone.add", "planning.milestone.complete", "planning.file.upload", "planning.amendment.request", "planning.amendment.decide", "planning.seed.demo-plans", "planning.seed.demo-budget", "planning.seed.demo-funds"];

const BUDGET_AUDIT = ["planning.budget-act.create", "planning.budget-act.update", "planning.allocation-notice.record", "planning.project.budget-line.add", "planning.operating-plan.record", "planning.frame-shift.record", "planning.progress.record"];

const FUNDS_AUDIT = ["planning.leftover.record", "planning.leftover.reallocate", "planning.matching.create", "planning.matching.commitment", "planning.matching.transfer", "planning.matching.agree", "planning.matching.close", "planning.matching.cancel", "planning.emergency.submit", "planning.emergency.screen", "planning.emergency.approve", "planning.emergency.refer", "planning.emergency.reject", "planning.emergency.pm-decide"];

const PROCUREMENT_AUDIT = ["planning.procurement.create", "planning.procurement.tender", "planning.procurement.award", "planning.procurement.contract", "planning.procurement.payment", "planning.procurement.complete", "planning.procurement.cancel", "planning.procurement.unsuccessful"];

export const planningModule: ModuleManifest = {
  name: "planning",
  openData: planningOpenData,
  routes: async (app) => {
    await plansRoutes(app, {});
    await budgetRoutes(app, {});
    await fundsRoutes(app, {});
    await procurementRoutes(app, {});
  },
  operations: [
    "planning:read", "planning:public", "planning:plan.write", "planning:plan.approve", "planning:cluster-plan.approve", "planning:project.propose", "planning:project.write", "planning:project.progress",
    "planning:project.amend", "planning:amendment.decide-central", "planning:budget-act.write", "planning:allocation.notify", "planning:operating-plan.write",
    "planning:frame-shift.write", "planning:leftover.record", "planning:leftover.reallocate", "planning:matching.write", "planning:emergency.request",
    "planning:emergency.screen", "planning:emergency.approve", "planning:emergency.pm-decide", "planning:procurement.write", "planning:import",
  ],
  auditActions: [...PLANS_AUDIT, ...BUDGET_AUDIT, ...FUNDS_AUDIT, ...PROCUREMENT_AUDIT],
  jobs: [...budgetJobs],
  // order matters: budget, funds and procurement demo data hang on the demo projects
  seed: async (ctx, { demo }) => {
    if (!demo) return;
    await seedDemoPlans({ ctx });

    await seedDemoBudget({ ctx });

    await seedDemoFunds({ ctx });

    await seedDemoProcurement({ ctx });
  },
};
