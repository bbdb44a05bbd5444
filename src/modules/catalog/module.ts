import type { ModuleManifest } from "../../platform/module.js";

/**
 * The open-data catalogue. Its one route needs every module's `openData`, so the composition root mounts
 * `catalogRoutes` itself (as it does the accounts routes with every module's personal-data hooks).
 */
export const catalogModule: ModuleManifest = { name: "catalog", operations: [], auditActions: [] };
