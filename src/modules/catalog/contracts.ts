import { z } from "zod";

const Text = z.object({ th: z.string(), en: z.string() });

export const CatalogDistribution = z.object({
  "@type": z.literal("dcat:Distribution"),
  title: z.string(),
  description: Text.optional(),
  accessURL: z.string(),
  /** present when the URL answers the whole dataset as one file */
  downloadURL: z.string().optional(),
  mediaType: z.string(),
  conformsTo: z.string().optional(),
});

export const CatalogDataset = z.object({
  "@type": z.literal("dcat:Dataset"),
  identifier: z.string(),
  title: Text,
  description: Text,
  keyword: z.array(z.string()),
  theme: z.array(z.string()),
  spatial: z.string(),
  temporal: z.object({ startDate: z.string().optional(), endDate: z.string().optional() }).optional(),
  /** ISO date-time of the last change, where the app can tell cheaply */
  modified: z.string().optional(),
  license: z.string(),
  accessRights: z.literal("public"),
  publisher: z.object({ name: Text }),
  distribution: z.array(CatalogDistribution),
});
export type CatalogDataset = z.infer<typeof CatalogDataset>;

/** The open-data catalogue: DCAT's Catalog as plain JSON (JSON-LD `@context` maps the keys to DCAT and Dublin Core). */
export const Catalog = z.object({
  "@context": z.record(z.string(), z.string()),
  "@type": z.literal("dcat:Catalog"),
  title: Text,
  description: Text,
  publisher: z.object({ name: Text, homepage: z.string().optional() }),
  homepage: z.string(),
  language: z.array(z.string()),
  license: z.string(),
  issued: z.string(),
  modified: z.string().optional(),
  dataset: z.array(CatalogDataset),
});
export type Catalog = z.infer<typeof Catalog>;
