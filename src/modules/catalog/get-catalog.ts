import { cached } from "../../platform/cache.js";
import type { Ctx } from "../../platform/ctx.js";
import type { OpenDataset } from "../../platform/module.js";
import type { Catalog, CatalogDataset } from "./contracts.js";

/** Open Government Licence – Thailand is not standardised yet; the catalogue states CC BY 4.0 for what it publishes. */
export const CATALOG_LICENSE = "https://creativecommons.org/licenses/by/4.0/";
const PUBLISHER = { name: { th: "ระบบบริหารงานจังหวัดแบบบูรณาการ (Changwat)", en: "Changwat integrated provincial administration" } };

const CONTEXT = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  title: "dct:title",
  description: "dct:description",
  publisher: "dct:publisher",
  identifier: "dct:identifier",
  keyword: "dcat:keyword",
  theme: "dcat:theme",
  spatial: "dct:spatial",
  temporal: "dct:temporal",
  modified: "dct:modified",
  issued: "dct:issued",
  license: "dct:license",
  language: "dct:language",
  accessRights: "dct:accessRights",
  dataset: "dcat:dataset",
  distribution: "dcat:distribution",
  accessURL: "dcat:accessURL",
  downloadURL: "dcat:downloadURL",
  mediaType: "dcat:mediaType",
  conformsTo: "dct:conformsTo",
  homepage: "dcat:landingPage",
};

/**
 * The open-data catalogue (DCAT-like JSON): every public dataset the modules declare (`openData` in their
 * manifests), each distribution an absolute URL under `baseUrl`, `modified` computed by the owning module.
 */
export async function getCatalog({ ctx, input }: { ctx: Ctx; input: { baseUrl: string; datasets: readonly OpenDataset[] } }): Promise<Catalog> {
  const base = input.baseUrl.replace(/\/$/, "");
  const modified = await cached(ctx, "catalog:modified", async () =>
    Promise.all(input.datasets.map(async (d) => (d.modified ? ((await d.modified(ctx).catch(() => null))?.toISOString() ?? null) : null))),
  );
  const dataset: CatalogDataset[] = input.datasets.map((d, i) => ({
    "@type": "dcat:Dataset",
    identifier: d.identifier,
    title: d.title,
    description: d.description,
    keyword: [...d.keyword],
    theme: [...d.theme],
    spatial: d.spatial ?? "TH",
    ...(d.temporal ? { temporal: d.temporal } : {}),
    ...(modified[i] ? { modified: modified[i]! } : {}),
    license: CATALOG_LICENSE,
    accessRights: "public",
    publisher: PUBLISHER,
    distribution: d.distribution.map((x) => ({
      "@type": "dcat:Distribution",
      title: x.title,
      ...(x.description ? { description: x.description } : {}),
      accessURL: `${base}${x.path}`,
      ...(x.download ? { downloadURL: `${base}${x.path}` } : {}),
      mediaType: x.mediaType,
      ...(x.conformsTo ? { conformsTo: x.conformsTo } : {}),
    })),
  }));
  const latest = modified.filter((m): m is string => !!m).sort().at(-1);
  return {
    "@context": CONTEXT,
    "@type": "dcat:Catalog",
    title: { th: "แคตตาล็อกข้อมูลเปิดของจังหวัด", en: "Provincial open-data catalogue" },
    description: {
      th: "ชุดข้อมูลสาธารณะที่เปิดให้อ่านได้โดยไม่ต้องเข้าสู่ระบบ ไม่มีข้อมูลส่วนบุคคลของประชาชน",
      en: "The public datasets this system serves without login; none carries citizens' personal data.",
    },
    publisher: { ...PUBLISHER, homepage: `${base}/` },
    homepage: `${base}/`,
    language: ["th", "en"],
    license: CATALOG_LICENSE,
    issued: "2026-11-23",
    ...(latest ? { modified: latest } : {}),
    dataset,
  };
}
