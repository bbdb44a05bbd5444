import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { AuthorityAnswer, DelegationDetail, DelegationView, PowerView, ProvincePowers } from "../../../modules/delegation/contracts.js";
import type { AreaSummary, OrganizationSummary } from "../../../modules/registry/contracts.js";
import { api, seg, type Query } from "../../app/api.js";

export type PowersPage = { items: PowerView[]; total: number };
export type InstrumentsPage = { items: DelegationView[]; total: number; on: string };

/** The powers catalogue, filtered on the server (area, ministry, permits, words). */
export const powersQuery = (filters: Query = {}) =>
  queryOptions({
    queryKey: ["delegation", "powers", filters],
    queryFn: () => api.get<PowersPage>("/delegation/powers", filters),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export const instrumentsQuery = (filters: Query) =>
  queryOptions({
    queryKey: ["delegation", "instruments", filters],
    queryFn: () => api.get<InstrumentsPage>("/delegation/instruments", filters),
    placeholderData: keepPreviousData,
  });

export const instrumentQuery = (id: string) =>
  queryOptions({
    queryKey: ["delegation", "instrument", id],
    queryFn: () => api.get<DelegationDetail>(`/delegation/instruments/${seg(id)}`),
  });

export const provincePowersQuery = (code: string, q: { date?: string; role?: string }) =>
  queryOptions({
    queryKey: ["delegation", "province", code, q],
    queryFn: () => api.get<ProvincePowers>(`/delegation/provinces/${seg(code)}/powers`, q),
    placeholderData: keepPreviousData,
  });

export const authorityQuery = (q: { powerCode: string; provinceCode: string; districtCode?: string; amount?: number; date?: string }) =>
  queryOptions({
    queryKey: ["delegation", "authority", q],
    queryFn: () => api.get<AuthorityAnswer>("/delegation/authority", q),
  });

/** The twenty ministries (the powers' central authorities belong to one of them). */
export const ministriesQuery = queryOptions({
  queryKey: ["organizations", "ministries"],
  queryFn: () => api.get<{ items: OrganizationSummary[]; total: number }>("/organizations", { classification: "ministry", limit: 100 }),
  staleTime: 10 * 60_000,
});

/** A province's districts (for the district of an authority check or an onward delegation). */
export const districtsQuery = (provinceCode: string) =>
  queryOptions({
    queryKey: ["areas", "districts", provinceCode],
    queryFn: () => api.get<{ items: AreaSummary[]; total: number }>("/areas", { classification: "district", provinceCode, limit: 500 }),
    staleTime: 10 * 60_000,
  });

/** A province's offices (the provincial agency whose head may receive an onward delegation). */
export const provinceOfficesQuery = (provinceCode: string) =>
  queryOptions({
    queryKey: ["organizations", "province", provinceCode],
    queryFn: () => api.get<{ items: OrganizationSummary[]; total: number }>("/organizations", { provinceCode, limit: 500 }),
    staleTime: 10 * 60_000,
  });

/** "moi.dol" → "moi": a department's powers count under its ministry. */
export const ministryOf = (orgId: string): string => orgId.split(".")[0]!;
