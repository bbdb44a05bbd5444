/**
 * OCDS 1.1.5 adapter: one release per contracting process, for its current version (release id `${ocid}-${version}`),
 * tagged by its stage. Only organisations appear (the buyer and juristic-person tenderers): no personal data, no
 * account or official's name. Amounts in THB, dates as RFC 3339 date-times (Bangkok midnight for calendar dates).
 */
import type { ProcurementNames } from "./procurement-presenters.js";
import type { ProcurementGraph } from "./procurement-rules.js";

export const OCDS_VERSION = "1.1";
export const OCDS_PUBLISHER = { name: "Changwat — ระบบบริหารราชการจังหวัด (Provincial administration platform)" };
const BUYER_SCHEME = "TH-CHANGWAT";

type Json = Record<string, unknown>;
const money = (s: string) => ({ amount: Number(s), currency: "THB" });
const dateTime = (d: string | null | undefined) => (d ? `${d}T00:00:00+07:00` : undefined);
const clean = <T extends Json>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const TENDER_STATUS: Record<string, string> = { planning: "planned", tender: "active", award: "complete", contract: "complete", implementation: "complete", complete: "complete", cancelled: "cancelled", unsuccessful: "unsuccessful" };

/** releaseTag by stage (a cancellation names what it cancelled). */
export function releaseTags(g: ProcurementGraph): string[] {
  switch (g.p.stage) {
    case "planning":
      return ["planning"];
    case "tender":
      return ["tender"];
    case "award":
      return ["award"];
    case "contract":
      return ["contract"];
    case "implementation":
      return ["implementation"];
    case "complete":
      return ["contractTermination"];
    case "unsuccessful":
      return ["tenderUpdate"];
    default:
      return g.contracts.length ? ["tenderCancellation", "awardCancellation"] : g.p.tenderStart ? ["tenderCancellation"] : ["planningUpdate"];
  }
}

/** The release of one process. */
export function ocdsRelease(g: ProcurementGraph, n: ProcurementNames): Json {
  const { p } = g;
  const org = n.orgs.get(p.buyerOrgId);
  const project = n.projects.get(p.projectId);
  const buyer = { id: `${BUYER_SCHEME}-${p.buyerOrgId}`, name: org?.nameTh ?? p.buyerOrgId };
  const partyRef = (x: ProcurementGraph["parties"][number]) => ({ id: `TH-TIN-${x.taxId}`, name: x.nameTh });
  const parties: Json[] = [
    clean({ ...buyer, identifier: { scheme: BUYER_SCHEME, id: p.buyerOrgId, legalName: buyer.name }, address: p.provinceCode ? { region: `TH-${p.provinceCode}`, countryName: "ประเทศไทย" } : undefined, roles: ["buyer", "procuringEntity"] }),
    ...g.parties.map((x) => ({ ...partyRef(x), identifier: { scheme: "TH-TIN", id: x.taxId, legalName: x.nameTh }, roles: x.role === "supplier" ? ["tenderer", "supplier"] : ["tenderer"] })),
  ];
  const tender = clean({
    id: `${p.ocid}-tender`,
    title: p.titleTh,
    description: p.descriptionTh || undefined,
    status: TENDER_STATUS[p.stage],
    procuringEntity: buyer,
    value: p.tenderValue ? money(p.tenderValue) : undefined,
    procurementMethod: p.method,
    procurementMethodDetails: p.methodDetailsTh || undefined,
    mainProcurementCategory: p.category,
    tenderPeriod: p.tenderStart ? { startDate: dateTime(p.tenderStart), endDate: dateTime(p.tenderEnd) } : undefined,
    numberOfTenderers: g.parties.length ? g.parties.length : undefined,
    tenderers: g.parties.length ? g.parties.map(partyRef) : undefined,
  });
  const awards = g.contracts.map((c) => {
    const s = g.parties.find((x) => x.id === c.supplierPartyId);
    return clean({
      id: `${p.ocid}-award-${c.id}`,
      title: p.titleTh,
      description: c.awardJustificationTh || undefined,
      status: c.status === "cancelled" ? "cancelled" : "active",
      date: dateTime(c.awardDate),
      value: money(c.awardAmount),
      suppliers: s ? [partyRef(s)] : [],
    });
  });
  const contracts = g.contracts
    .filter((c) => c.signedOn)
    .map((c) => {
      const s = g.parties.find((x) => x.id === c.supplierPartyId);
      const pays = g.payments.filter((x) => x.contractId === c.id);
      return clean({
        id: `${p.ocid}-contract-${c.id}`,
        awardID: `${p.ocid}-award-${c.id}`,
        title: c.contractNo ? `สัญญาเลขที่ ${c.contractNo}` : undefined,
        status: c.status,
        period: { startDate: dateTime(c.periodStart), endDate: dateTime(c.periodEnd) },
        value: c.contractAmount ? money(c.contractAmount) : undefined,
        dateSigned: dateTime(c.signedOn),
        implementation: pays.length
          ? { transactions: pays.map((x) => ({ id: `${p.ocid}-payment-${x.id}`, source: undefined, date: dateTime(x.paidOn), value: money(x.amount), payer: buyer, payee: s ? partyRef(s) : undefined })).map((t) => clean(t)) }
          : undefined,
      });
    });
  return clean({
    ocid: p.ocid,
    id: `${p.ocid}-${p.version}`,
    date: p.updatedAt.toISOString(),
    tag: releaseTags(g),
    initiationType: "tender",
    language: "th",
    parties,
    buyer,
    planning: {
      rationale: project?.titleTh,
      budget: clean({ id: project?.code, description: `ปีงบประมาณ ${p.fiscalYear}`, amount: money(p.plannedValue), project: project?.titleTh, projectID: project?.code }),
    },
    tender,
    awards: awards.length ? awards : undefined,
    contracts: contracts.length ? contracts : undefined,
  });
}

/** The package around releases; `uri` is where this package is published. */
export function ocdsPackageHead(uri: string, publishedDate: Date): Json {
  return { uri, version: OCDS_VERSION, publishedDate: publishedDate.toISOString(), publisher: OCDS_PUBLISHER };
}
