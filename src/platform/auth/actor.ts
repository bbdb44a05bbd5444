import type { RoleId } from "./policy.js";

/** A role held at a scope: `nation`, `area:<areaId>` or `org:<organizationId>`. */
export type Grant = { id?: string; role: RoleId; scope: string };

export type Actor = {
  kind: "user" | "api-key" | "anonymous" | "system";
  /** account id or api key id */
  id: string | null;
  name: string;
  personId?: string | null;
  grants: Grant[];
  /** the session id for cookie-authenticated users (CSRF and logout need it) */
  sessionId?: string;
};

export const anonymousActor: Actor = { kind: "anonymous", id: null, name: "anonymous", grants: [] };

/** The platform itself (seeding, scheduled jobs): may do everything, and is audited as "system". */
export const systemActor: Actor = { kind: "system", id: null, name: "system", grants: [{ role: "administrator", scope: "nation" }] };
