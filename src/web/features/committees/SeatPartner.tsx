import { Select } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { SeatView } from "../../../modules/committees/contracts.js";
import type { PartnerSummary } from "../../../modules/networks/contracts.js";
import { api, seg } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { ErrorAlert } from "../../ui/errors.js";

/** Private, civil and academic seats may name the partner of the province's network holding them (those who manage the committee choose it). */
export const PARTNER_SEAT_KINDS: readonly string[] = ["private", "civil", "academic"];

export function SeatPartner({ committeeId, provinceCode, seat }: { committeeId: string; provinceCode: string; seat: SeatView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const partners = useQuery({ queryKey: ["networks", "partners", "seat-options", provinceCode], queryFn: () => api.get<{ items: PartnerSummary[] }>("/partners", { provinceCode, limit: 500 }) });
  const m = useMutation({
    mutationFn: (partnerId: string | null) => api.patch(`/committee-seats/${seg(seat.id)}`, { partnerId }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["committee", committeeId] });
      void qc.invalidateQueries({ queryKey: ["history"] });
    },
  });
  return (
    <>
      <Select
        size="xs"
        mt={4}
        label={t("committees.seatPartner")}
        placeholder={t("committees.seatPartnerNone")}
        data={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: f.pick(p.nameTh, p.nameEn) }))}
        value={seat.partnerId}
        onChange={(v) => m.mutate(v)}
        searchable
        clearable
        disabled={m.isPending || partners.isPending}
        data-testid="seat-partner-select"
      />
      <ErrorAlert error={m.error ?? partners.error} />
    </>
  );
}
