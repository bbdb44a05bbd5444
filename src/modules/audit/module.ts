import type { ModuleManifest } from "../../platform/module.js";
import { auditRoutes } from "./routes.js";

/** Read side of the platform's audit trail (writes happen inside every use case). */
export const auditModule: ModuleManifest = { name: "audit", routes: auditRoutes, operations: ["audit:read"], auditActions: [] };
