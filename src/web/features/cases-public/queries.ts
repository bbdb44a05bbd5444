import { queryOptions } from "@tanstack/react-query";
import type { AreaSummary } from "../../../modules/registry/contracts.js";
import { api } from "../../app/api.js";

/** The districts of a province, or the subdistricts of a district (the registry's areas by parent), in code order. */
export const childAreasQuery = (parentId: string | null, classification: "district" | "subdistrict") =>
  queryOptions({
    queryKey: ["areas", "children", parentId, classification],
    queryFn: () => api.get<{ items: AreaSummary[]; total: number }>("/areas", { parentId: parentId ?? "", classification, limit: 500 }),
    enabled: !!parentId,
    staleTime: 30 * 60_000,
  });
