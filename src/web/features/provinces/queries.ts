import { queryOptions } from "@tanstack/react-query";
import type { ProvinceDetail, ProvinceSummary } from "../../../modules/registry/contracts.js";
import { api, seg } from "../../app/api.js";

export const provincesQuery = queryOptions({
  queryKey: ["provinces"],
  queryFn: () => api.get<ProvinceSummary[]>("/provinces"),
  staleTime: 5 * 60_000,
});

export const provinceQuery = (code: string) =>
  queryOptions({
    queryKey: ["province", code],
    queryFn: () => api.get<ProvinceDetail>(`/provinces/${seg(code)}`),
  });
