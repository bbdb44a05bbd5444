import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Me, GrantView } from "../../modules/accounts/contracts.js";
import { POLICY } from "../../platform/auth/policy.js";
import { api, setCsrfLoader, setCsrfToken } from "./api.js";
import { queryClient } from "./query-client.js";

/** GET /api/v1/meta: only `demo` is relied upon; the rest is shown when present. */
export interface Meta {
  demo: boolean;
  /** an operator-supplied province boundary file is configured (GET /map/geojson) */
  boundaries?: boolean;
  version?: string;
  name?: string;
}

async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>("/auth/me");
  setCsrfToken(me.csrfToken);
  return me;
}

export const meQuery = queryOptions({ queryKey: ["auth", "me"], queryFn: fetchMe, staleTime: 60_000 });
export const metaQuery = queryOptions({
  queryKey: ["meta"],
  queryFn: () => api.get<Meta>("/meta"),
  staleTime: Number.POSITIVE_INFINITY,
});

setCsrfLoader(async () => (await queryClient.fetchQuery({ ...meQuery, staleTime: 0 })).csrfToken);

export function useMe() {
  return useQuery(meQuery);
}
export function useMeta() {
  return useQuery(metaQuery);
}

export type Role = GrantView["role"];

export function hasRole(grants: readonly GrantView[] | undefined, role: Role): boolean {
  return !!grants?.some((g) => g.role === role);
}
/** Staff: anyone holding a role other than citizen (the audit:read policy). */
export function isStaff(me: Me | undefined): boolean {
  return !!me?.authenticated && !!me.grants.some((g) => g.role !== "citizen");
}
/** Holds a role that may import registry files (the policy's registry:import roles; the server checks the scope). */
export function canImport(me: Me | undefined): boolean {
  const roles = POLICY["registry:import"] as readonly string[];
  return !!me?.authenticated && !!me.grants.some((g) => roles.includes(g.role));
}
/** Holds a role that may perform `op` somewhere (the server checks the scope): shows or hides an action. */
export function holdsRoleFor(me: Me | undefined, op: keyof typeof POLICY): boolean {
  const roles = POLICY[op];
  return !!me?.authenticated && (roles === "public" || me.grants.some((g) => (roles as readonly string[]).includes(g.role)));
}
export function isAdmin(me: Me | undefined): boolean {
  return !!me?.authenticated && hasRole(me.grants, "administrator");
}

export async function login(username: string, password: string): Promise<Me> {
  const me = await api.post<Me>("/auth/login", { username, password });
  // The session changed: the CSRF token and every permission-dependent query are stale.
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "meta" });
  if (me && typeof me === "object" && "authenticated" in me) {
    setCsrfToken(me.csrfToken);
    queryClient.setQueryData(meQuery.queryKey, me);
    return me;
  }
  setCsrfToken(null);
  return queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
}

export async function logout(): Promise<void> {
  try {
    await api.post("/auth/logout");
  } finally {
    setCsrfToken(null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "meta" });
    await queryClient.fetchQuery({ ...meQuery, staleTime: 0 }).catch(() => undefined);
  }
}
