import { eq, inArray } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import type { OcdsPackage } from "./contracts-procurement.js";
import { ocdsPackageHead, ocdsRelease } from "./ocds.js";
import { procurementNames } from "./procurement-presenters.js";
import { loadGraphs } from "./procurement-rules.js";
import { procurementContracts, procurements } from "./tables.js";

export type OcdsPackageInput =
  | { kind: "release"; ocid: string; baseUrl: string }
  | { kind: "project"; projectId: string; baseUrl: string }
  | { kind: "contract"; contractId: string; baseUrl: string };

const path = (i: OcdsPackageInput) =>
  i.kind === "release" ? `releases/${encodeURIComponent(i.ocid)}` : i.kind === "project" ? `projects/${encodeURIComponent(i.projectId)}` : `contracts/${encodeURIComponent(i.contractId)}`;

/**
 * A public OCDS 1.1.5 release package: the latest release of one contracting process (by ocid), of every process of a
 * project, or of the process a contract belongs to. 404 when there is nothing to publish.
 */
export async function getOcdsPackage({ ctx, input }: { ctx: Ctx; input: OcdsPackageInput }): Promise<OcdsPackage> {
  await requirePermission(ctx, "planning:public", { kind: "nation" });
  let where;
  if (input.kind === "release") where = eq(procurements.ocid, input.ocid);
  else if (input.kind === "project") where = eq(procurements.projectId, input.projectId);
  else where = inArray(procurements.id, ctx.db.select({ id: procurementContracts.procurementId }).from(procurementContracts).where(eq(procurementContracts.id, input.contractId)));
  const rows = await ctx.db.select().from(procurements).where(where).orderBy(procurements.id);
  if (!rows.length) throw new NotFoundError(input.kind === "release" ? "ocds-release" : input.kind === "project" ? "project" : "contract", input.kind === "release" ? input.ocid : input.kind === "project" ? input.projectId : input.contractId);
  const graphs = await loadGraphs(ctx, rows);
  const names = await procurementNames(ctx, graphs);
  return { ...ocdsPackageHead(`${input.baseUrl}/api/v1/planning/ocds/${path(input)}`, ctx.now()), releases: graphs.map((g) => ocdsRelease(g, names)) } as OcdsPackage;
}
