import { asc, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import { areas, memberships, organizations, persons, posts } from "./tables.js";

export const PopoloExportInput = z.object({
  areas: z.enum(["provinces", "districts", "all"]).default("provinces"),
});

const names = (th: string, en: string) => (en ? [{ name: en, note: "en" }] : []);

/** The public registry as Popolo JSON (organizations, posts, persons, memberships, areas); no contact data. */
export async function exportPopolo({ ctx, input }: { ctx: Ctx; input: z.input<typeof PopoloExportInput> }) {
  await requirePermission(ctx, "registry:export", NATION);
  const i = PopoloExportInput.parse(input);
  const kinds = i.areas === "all" ? ["region", "cluster", "cluster_2009", "province", "district", "subdistrict"] : i.areas === "districts" ? ["region", "cluster", "cluster_2009", "province", "district"] : ["region", "cluster", "cluster_2009", "province"];
  const [a, o, po, pe, m] = await Promise.all([
    ctx.db.select().from(areas).where(inArray(areas.classification, kinds)).orderBy(asc(areas.id)),
    ctx.db.select().from(organizations).orderBy(asc(organizations.id)),
    ctx.db.select().from(posts).orderBy(asc(posts.id)),
    ctx.db.select().from(persons).orderBy(asc(persons.id)),
    ctx.db.select().from(memberships).orderBy(asc(memberships.id)),
  ]);
  return {
    meta: { generator: "Changwat", generatedAt: ctx.now().toISOString(), spec: "http://www.popoloproject.com/specs/ (1.0.1)" },
    areas: a.map((x) => ({
      id: x.id,
      name: x.nameTh,
      // Popolo 1.0.1's Area has one `identifier`: the primary code (DOPA, or the cluster's code); `identifiers` lists them all
      identifier: x.code,
      other_names: names(x.nameTh, x.nameEn),
      classification: x.classification,
      parent_id: x.parentId ?? undefined,
      identifiers: [
        { scheme: x.classification.startsWith("cluster") ? (x.classification === "cluster_2009" ? "budget-bureau" : "onj-cluster") : "dopa", identifier: x.code },
        ...(x.iso ? [{ scheme: "iso-3166-2", identifier: x.iso }] : []),
      ],
    })),
    organizations: o.map((x) => ({
      id: x.id,
      name: x.nameTh,
      other_names: [...names(x.nameTh, x.nameEn), ...(x.abbreviation ? [{ name: x.abbreviation, note: "abbreviation" }] : [])],
      classification: x.classification,
      parent_id: x.parentId ?? undefined,
      area_id: x.areaId ?? undefined,
      founding_date: x.foundingDate ?? undefined,
      dissolution_date: x.dissolutionDate ?? undefined,
      // Popolo's one-line description (persons carry the same marker in `summary`)
      ...(x.isDemo ? { abstract: "demo organization (ข้อมูลตัวอย่าง)" } : {}),
    })),
    posts: po.map((x) => ({
      id: x.id,
      label: x.labelTh,
      other_label: x.labelEn ? [x.labelEn] : [],
      role: x.role,
      organization_id: x.organizationId,
      area_id: x.areaId ?? undefined,
      start_date: x.startDate ?? undefined,
      end_date: x.endDate ?? undefined,
    })),
    persons: pe.map((x) => ({
      id: x.id,
      name: x.nameTh,
      other_names: names(x.nameTh, x.nameEn),
      honorific_prefix: x.honorificTh ?? undefined,
      ...(x.isDemo ? { summary: "demo person (ข้อมูลตัวอย่าง)" } : {}),
    })),
    memberships: m.map((x) => ({
      id: x.id,
      person_id: x.personId,
      post_id: x.postId ?? undefined,
      organization_id: x.organizationId,
      role: x.role,
      label: x.designation ?? undefined,
      start_date: x.startDate,
      end_date: x.endDate ?? undefined,
    })),
  };
}
