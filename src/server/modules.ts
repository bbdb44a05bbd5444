import type { ModuleManifest } from "../platform/module.js";
import { accountsModule } from "../modules/accounts/index.js";
import { auditModule } from "../modules/audit/index.js";
import { calendarModule } from "../modules/calendar/index.js";
import { registryModule } from "../modules/registry/index.js";
import { strategyModule } from "../modules/strategy/index.js";
import { performanceModule } from "../modules/performance/index.js";
import { delegationModule } from "../modules/delegation/index.js";
import { planningModule } from "../modules/planning/index.js";
import { casesModule } from "../modules/cases/index.js";
import { participationModule } from "../modules/participation/index.js";
import { mailModule } from "../modules/mail/index.js";
import { webhooksModule } from "../modules/webhooks/index.js";
import { networksModule } from "../modules/networks/index.js";
import { committeesModule } from "../modules/committees/index.js";
import { oversightModule } from "../modules/oversight/index.js";
import { catalogModule } from "../modules/catalog/index.js";

/** The composition root is a list: each module registers its routes, seeds and operations. Order = seed order
 * (networks before committees: the committees demo names the demo partners holding its seats; oversight last: its
 * roll-ups are built from what every other module has seeded). */
export const MODULES: ModuleManifest[] = [registryModule, calendarModule, accountsModule, auditModule, strategyModule, performanceModule, delegationModule, planningModule, casesModule, webhooksModule, participationModule, networksModule, committeesModule, mailModule, oversightModule, catalogModule];
