import { useState } from "react";
import { Breadcrumbs, Select, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { RequestView } from "../../../modules/delegation/contracts-requests.js";
import { api } from "../../app/api.js";
import { useFormat } from "../../app/format.js";
import { holdsRoleFor, useMe } from "../../app/session.js";
import { AnchorLink } from "../../ui/links.js";
import { PageLoader } from "../../ui/PageLoader.js";
import { provincesQuery } from "../provinces/queries.js";
import { grantProvinces } from "./queries.js";
import { bodyOf, EMPTY_FIELDS, RequestForm } from "./RequestForm.js";

const route = getRouteApi("/delegation/requests/new");

/** A governor or the provincial strategy office drafts a request: it is saved as a draft, to be completed and submitted. */
export function NewRequestPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const provinces = useQuery(provincesQuery);
  const mine = grantProvinces(me.data, "delegation:request.write");
  const choices = (provinces.data ?? []).filter((p) => p.ceo && (mine === null || mine.includes(p.code)));
  const [provinceCode, setProvince] = useState<string | null>(search.provinceCode && (mine === null || mine.includes(search.provinceCode)) ? search.provinceCode : mine?.length === 1 ? mine[0]! : null);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<RequestView>("/delegation/requests", { ...body, provinceCode }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ["delegation-requests"] });
      void navigate({ to: "/delegation/requests/$id", params: { id: r.id } });
    },
  });
  if (me.isPending || provinces.isPending) return <PageLoader />;
  const allowed = holdsRoleFor(me.data, "delegation:request.write");
  return (
    <Stack gap="md">
      <div>
        <Breadcrumbs separator="›">
          <AnchorLink to="/delegation/requests" size="sm">{t("delegationRequests.title")}</AnchorLink>
        </Breadcrumbs>
        <Title order={1} mt={4} data-testid="request-new-title">{t("delegationRequests.newTitle")}</Title>
        <Text c="dark.4">{t("delegationRequests.newIntro")}</Text>
      </div>
      {!allowed ? (
        <Text data-testid="request-new-forbidden">{t("delegationRequests.newForbidden")}</Text>
      ) : (
        <RequestForm
          initial={{ ...EMPTY_FIELDS, powerCode: search.powerCode ?? null }}
          title={t("delegationRequests.formTitle")}
          submitLabel={t("delegationRequests.saveDraft")}
          onSubmit={(c) => create.mutate(bodyOf(c))}
          onCancel={() => void navigate({ to: "/delegation/requests" })}
          pending={create.isPending}
          error={create.error}
          extra={
            <Select
              label={t("delegationRequests.province")}
              data={choices.map((p) => ({ value: p.code, label: `${p.code} · ${f.name(p)}` }))}
              value={provinceCode}
              onChange={setProvince}
              searchable
              required
              allowDeselect={false}
              maw={360}
              data-testid="request-province"
            />
          }
        />
      )}
    </Stack>
  );
}
