/**
 * Builds the project's reference seed data (seed/reference/*.json) from the shared reference CSVs.
 *
 *   npx tsx scripts/build-seed.ts            # write seed/reference/*.json
 *   npx tsx scripts/build-seed.ts --check    # exit 1 if any generated file is missing or out of date
 *
 * Environment:
 *   REFERENCE_DIR  folder holding provinces.csv, clusters.csv, … (default: ../shared/reference relative to
 *                  the repository root). The reference files are read, never copied: only facts (names,
 *                  codes, memberships, dates) are written, in this project's own format.
 *   SEED_OUT_DIR   where to write (default: seed/reference in the repository root).
 *
 * seed/reference/departments.json is hand-authored; this script only validates it and links provincial
 * office types to it. Output is deterministic: rows are sorted, keys are in a fixed order, one record per
 * line, no timestamps. Any count or consistency check that fails aborts the run with a non-zero exit.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REFERENCE_DIR = resolve(ROOT, process.env.REFERENCE_DIR ?? "../shared/reference");
const OUT_DIR = resolve(ROOT, process.env.SEED_OUT_DIR ?? "seed/reference");
const DEPARTMENTS_FILE = join(ROOT, "seed/reference/departments.json");
const CHECK_ONLY = process.argv.includes("--check");

/** Where the reference data came from (see ../shared/reference/SOURCES.md). */
const KONGVUT = "kongvut/thai-province-data @ 9711e723dfe9c0c48630f05090ed70a1aa3c66f1";
const PRASERTCBS = "prasertcbs/basic-dataset province_demographics2562.tsv @ a53613f61acc18b9ff46a5c018336d2f9ba0187b";

// ---------------------------------------------------------------------------------------------------------
// Fixed id tables (the ascii ids are this project's own; documented in seed/reference/README.md)

/** region6_en in provinces.csv → region id, in the canonical display order. */
const REGION_IDS: ReadonlyArray<readonly [string, string]> = [
  ["North", "north"],
  ["Northeast", "northeast"],
  ["Central", "central"],
  ["East", "east"],
  ["West", "west"],
  ["South", "south"],
];

/** ministries.csv abbr_th → ministry id, in the official order (Office of the PM first, then Thai alphabetical). */
const MINISTRY_IDS: ReadonlyArray<readonly [string, string]> = [
  ["นร", "opm"],
  ["กห", "mod"],
  ["กค", "mof"],
  ["กต", "mfa"],
  ["กก", "mots"],
  ["พม", "msdhs"],
  ["อว", "mhesi"],
  ["กษ", "moac"],
  ["คค", "mot"],
  ["ดศ", "mdes"],
  ["ทส", "mnre"],
  ["พน", "moen"],
  ["พณ", "moc"],
  ["มท", "moi"],
  ["ยธ", "moj"],
  ["รง", "mol"],
  ["วธ", "mculture"],
  ["ศธ", "moe"],
  ["สธ", "moph"],
  ["อก", "mind"],
];

/** provincial_offices.csv office_th → office type id, in the reference's order. */
const OFFICE_TYPE_IDS: ReadonlyArray<readonly [string, string]> = [
  ["ที่ทำการปกครองจังหวัด", "provincial-administration"],
  ["สำนักงานจังหวัด", "provincial-office"],
  ["สำนักงานที่ดินจังหวัด", "land"],
  ["สำนักงานพัฒนาชุมชนจังหวัด", "community-development"],
  ["สำนักงานโยธาธิการและผังเมืองจังหวัด", "public-works-town-planning"],
  ["สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด", "disaster-prevention-mitigation"],
  ["สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด", "local-administration"],
  ["สำนักงานสาธารณสุขจังหวัด", "public-health"],
  ["เรือนจำจังหวัด", "prison"],
  ["สำนักงานบังคับคดีจังหวัด", "legal-execution"],
  ["สำนักงานคุมประพฤติจังหวัด", "probation"],
  ["สำนักงานยุติธรรมจังหวัด", "justice"],
  ["สำนักงานคลังจังหวัด", "comptroller"],
  ["สำนักงานอุตสาหกรรมจังหวัด", "industry"],
  ["สำนักงานพาณิชย์จังหวัด", "commerce"],
  ["สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด", "social-development-human-security"],
  ["สำนักงานแรงงานจังหวัด", "labour"],
  ["สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด", "labour-protection-welfare"],
  ["สำนักงานจัดหางานจังหวัด", "employment"],
  ["สำนักงานประกันสังคมจังหวัด", "social-security"],
  ["สำนักงานเกษตรและสหกรณ์จังหวัด", "agriculture-cooperatives"],
  ["สำนักงานเกษตรจังหวัด", "agricultural-extension"],
  ["สำนักงานปศุสัตว์จังหวัด", "livestock"],
  ["สำนักงานสหกรณ์จังหวัด", "cooperative-promotion"],
  ["สำนักงานการปฏิรูปที่ดินจังหวัด", "land-reform"],
  ["สำนักงานประมงจังหวัด", "fisheries"],
  ["สำนักงานขนส่งจังหวัด", "land-transport"],
  ["สำนักงานประชาสัมพันธ์จังหวัด", "public-relations"],
  ["สำนักงานพระพุทธศาสนาจังหวัด", "buddhism"],
  ["สำนักงานสถิติจังหวัด", "statistics"],
  ["สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด", "natural-resources-environment"],
  ["สำนักงานวัฒนธรรมจังหวัด", "culture"],
  ["สำนักงานการท่องเที่ยวและกีฬาจังหวัด", "tourism-sports"],
  ["สำนักงานพลังงานจังหวัด", "energy"],
  ["สำนักงานสัสดีจังหวัด", "military-recruitment"],
  ["สำนักงานศึกษาธิการจังหวัด", "education"],
  ["สำนักงานตรวจบัญชีสหกรณ์จังหวัด", "cooperative-auditing"],
  ["สำนักงานทางหลวงชนบทจังหวัด", "rural-roads"],
];

/** DOPA district codes that are not districts ("ท้องถิ่นเทศบาล…" entries in the DOPA list). */
const PSEUDO_DISTRICTS = new Set(["7074", "9077"]);

/**
 * Districts missing from admin/districts.csv are taken from the district boundaries file in the same
 * reference folder (geo/th_districts_adm2_simplified.geojson, HDX COD-AB 2019, ADM2_PCODE "TH5025" → 5025).
 * At commit 9711e723 kongvut lacks อำเภอกัลยาณิวัฒนา (5025, Chiang Mai, split from แม่แจ่ม in 2009) and still
 * lists its three tambons under แม่แจ่ม with their old codes; SUBDISTRICT_RECODES moves them to the DOPA codes
 * they have had since (general knowledge, corroborated by public datasets). Each correction applies only
 * while the upstream row still has the old code, so a fixed upstream makes it a no-op.
 */
const GEO_DISTRICTS_FILE = "geo/th_districts_adm2_simplified.geojson";
const SUBDISTRICT_RECODES: ReadonlyArray<{ from: string; to: string; districtCode: string; nameTh: string }> = [
  { from: "500306", to: "502501", districtCode: "5025", nameTh: "บ้านจันทร์" },
  { from: "500309", to: "502502", districtCode: "5025", nameTh: "แม่แดด" },
  { from: "500310", to: "502503", districtCode: "5025", nameTh: "แจ่มหลวง" },
];

const EXPECT = {
  regions: 6,
  provinces: 77,
  clusters: 18,
  clusters2009: 18,
  districts: 928,
  ministries: 20,
  officeTypes: 38,
};

const CURRENT_SCHEME = {
  validFrom: "2017-11-17",
  validTo: null,
  announcement:
    "ประกาศคณะกรรมการนโยบายการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ (ก.น.จ.) เรื่อง การจัดตั้งกลุ่มจังหวัดและกำหนดจังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด, published in the Royal Gazette 17 Nov 2017 (พ.ศ. 2560); 18 clusters in 6 ภาค",
};
const SCHEME_2009 = {
  // SOURCES.md gives the year only (cabinet resolution 15 Jan 2008; ก.น.จ. announcement, Royal Gazette 2552
  // vol. 126 special issue 28 ง p. 33). tambon.blogspot.com/2010/06/province-clusters.html (cited in SOURCES.md)
  // dates the clusters to the cabinet meeting of 17 Feb 2009; the Gazette issue date itself is not in the sources.
  validFrom: "2009-02-17",
  validTo: "2017-11-16",
  validFromNote:
    "cabinet meeting of 17 Feb 2009 after which the 18 clusters were created (tambon.blogspot.com 2010-06-02); the ก.น.จ. announcement is in the Royal Gazette 2552 (vol. 126, special issue 28 ง, p. 33) whose exact date is not in the sources; legal basis: Royal Decree on integrated provincial and cluster administration 2008 (พ.ร.ฎ. ว่าด้วยการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ พ.ศ. 2551), following the cabinet resolution of 15 Jan 2008; amended 2011 to add Bueng Kan to Upper Northeast 1",
  announcement:
    "ประกาศ ก.น.จ. เรื่อง การจัดตั้งกลุ่มจังหวัดและกำหนดจังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด (Royal Gazette 2552/E/028/33), superseded by the announcement of 17 Nov 2017",
  /** Bueng Kan (created 2011) joined Upper Northeast 1 by an amendment published in the Royal Gazette on 3 May 2011 (tambon.blogspot.com/2011/05/bueng-kan-news.html). */
  lateMembers: { "38": "2011-05-03" } as Record<string, string>,
  doubts:
    "the Thai Wikipedia text quoting the 2009 Gazette puts Samut Prakan in ภาคกลางตอนบน 1 (5 provinces); the Budget Bureau list and tambon.blogspot.com (2010) put it in ภาคกลางตอนกลาง (used here) — possibly changed by an amendment; unverified",
};

// ---------------------------------------------------------------------------------------------------------
// Helpers

type Row = Record<string, string>;

const errors: string[] = [];
const notes: string[] = [];

function check(cond: unknown, message: string): void {
  if (!cond) errors.push(message);
}

function abortIfErrors(stage: string): void {
  if (errors.length === 0) return;
  console.error(`build-seed: FAILED (${stage}), ${errors.length} problem(s):`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}

function readCsv(relPath: string): Row[] {
  const file = join(REFERENCE_DIR, relPath);
  if (!existsSync(file)) {
    console.error(`build-seed: missing reference file ${file} (set REFERENCE_DIR)`);
    process.exit(1);
  }
  const text = readFileSync(file, "utf8");
  check(!text.includes("\uFFFD"), `${relPath}: contains U+FFFD (broken UTF-8)`);
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Row[];
}

function col(row: Row, name: string, where: string): string {
  const v = row[name];
  if (v === undefined) {
    errors.push(`${where}: missing column ${name}`);
    return "";
  }
  return v;
}

/** Trim, collapse runs of whitespace, NFC-normalise. */
function clean(s: string): string {
  return s.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Thai text must be Thai script (plus spaces, digits and a little punctuation). */
function thaiName(s: string, where: string): string {
  const v = clean(s);
  if (v !== s) notes.push(`${where}: whitespace normalised ${JSON.stringify(s)} → ${JSON.stringify(v)}`);
  check(v.length > 0, `${where}: empty Thai name`);
  check(/^[\u0E00-\u0E7F0-9 ().,\-&]+$/.test(v), `${where}: unexpected characters in Thai name ${JSON.stringify(v)}`);
  return v;
}

/** English names: strip stray non-Latin residue and upstream markers such as a leading "*". */
function englishName(s: string, where: string): string {
  let v = clean(s)
    .replace(/[^\x20-\x7E]/g, "")
    .replace(/^\*+/, "");
  v = clean(v);
  if (v !== s) notes.push(`${where}: English name cleaned ${JSON.stringify(s)} → ${JSON.stringify(v)}`);
  check(v.length > 0, `${where}: empty English name`);
  return v;
}

function code(s: string, digits: number, where: string): string {
  const v = s.trim();
  check(new RegExp(`^\\d{${digits}}$`).test(v), `${where}: expected a ${digits}-digit code, got ${JSON.stringify(s)}`);
  return v;
}

function int(s: string, where: string): number {
  const v = s.trim();
  check(/^\d+$/.test(v), `${where}: expected an integer, got ${JSON.stringify(s)}`);
  return Number(v);
}

function byKey<T>(key: (t: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

function unique(values: string[], what: string): void {
  const seen = new Set<string>();
  for (const v of values) {
    check(!seen.has(v), `duplicate ${what}: ${v}`);
    seen.add(v);
  }
}

/**
 * Serialise as a 2-space-indented object whose list (`listKey`) has one compact record per line, so a
 * change to one record is a one-line diff. Header values are written compactly on their own line.
 */
function render(header: Record<string, unknown>, listKey: string, rows: unknown[]): string {
  const lines: string[] = ["{"];
  for (const [k, v] of Object.entries(header)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  lines.push(`  ${JSON.stringify(listKey)}: [`);
  rows.forEach((r, i) => lines.push(`    ${JSON.stringify(r)}${i < rows.length - 1 ? "," : ""}`));
  lines.push("  ]", "}");
  return `${lines.join("\n")}\n`;
}

const outputs: Array<{ name: string; text: string; count: number }> = [];

function emit(name: string, header: Record<string, unknown>, listKey: string, rows: unknown[]): void {
  const text = render({ ...header, count: rows.length }, listKey, rows);
  JSON.parse(text); // must round-trip
  outputs.push({ name, text, count: rows.length });
}

// ---------------------------------------------------------------------------------------------------------
// Read

const provincesCsv = readCsv("provinces.csv");
const clustersCsv = readCsv("clusters.csv");
const clusters2009Csv = readCsv("clusters_2009.csv");
const districtsCsv = readCsv("admin/districts.csv");
const subdistrictsCsv = readCsv("admin/subdistricts.csv");
const populationCsv = readCsv("stats/province_population_2562.csv");
const ministriesCsv = readCsv("ministries.csv");
const officesCsv = readCsv("provincial_offices.csv");
const geoDistricts = readGeoDistricts();
abortIfErrors("reading reference files");

function readGeoDistricts(): Map<string, { nameTh: string; nameEn: string; provinceCode: string }> {
  const file = join(REFERENCE_DIR, GEO_DISTRICTS_FILE);
  const out = new Map<string, { nameTh: string; nameEn: string; provinceCode: string }>();
  if (!existsSync(file)) {
    errors.push(`missing reference file ${file}`);
    return out;
  }
  const geo = JSON.parse(readFileSync(file, "utf8")) as { features?: Array<{ properties?: Record<string, unknown> }> };
  for (const f of geo.features ?? []) {
    const p = f.properties ?? {};
    const pcode = String(p.ADM2_PCODE ?? "");
    const c = pcode.replace(/^TH/, "");
    check(/^\d{4}$/.test(c), `${GEO_DISTRICTS_FILE}: bad ADM2_PCODE ${pcode}`);
    out.set(c, { nameTh: String(p.ADM2_TH ?? ""), nameEn: String(p.ADM2_EN ?? ""), provinceCode: String(p.ADM1_PCODE ?? "").replace(/^TH/, "") });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Regions

const regionIdByEn = new Map(REGION_IDS);
const regionTh = new Map<string, string>();
for (const p of provincesCsv) {
  const en = col(p, "region6_en", "provinces.csv");
  const th = thaiName(col(p, "region6_th", "provinces.csv"), `provinces.csv region of ${p.dopa_code}`);
  const id = regionIdByEn.get(en);
  check(id, `provinces.csv ${p.dopa_code}: unknown region6_en ${JSON.stringify(en)}`);
  if (!id) continue;
  const prev = regionTh.get(id);
  check(prev === undefined || prev === th, `region ${id}: inconsistent Thai names ${prev} / ${th}`);
  regionTh.set(id, th);
}
const regions = REGION_IDS.filter(([, id]) => regionTh.has(id)).map(([en, id]) => ({
  id,
  nameTh: regionTh.get(id) as string,
  nameEn: en,
}));
check(regions.length === EXPECT.regions, `expected ${EXPECT.regions} regions, got ${regions.length}`);

// ---------------------------------------------------------------------------------------------------------
// Provinces (with population) and clusters

const population = new Map<string, { population: number; households: number; nameTh: string }>();
for (const r of populationCsv) {
  const c = code(col(r, "dopa_code", "population"), 2, "population");
  check(!population.has(c), `population: duplicate province ${c}`);
  population.set(c, {
    population: int(col(r, "population", `population ${c}`), `population ${c}`),
    households: int(col(r, "household", `population ${c}`), `population ${c} household`),
    nameTh: clean(col(r, "name_th", `population ${c}`)),
  });
}

interface Province {
  code: string;
  iso: string;
  nameTh: string;
  nameEn: string;
  regionId: string;
  clusterCode: string | null;
  cluster2009Code: string | null;
  nsoRegion7: string;
  ceo: boolean;
  population2019: number;
  households2019: number;
}

const provinces: Province[] = provincesCsv
  .map((p): Province => {
    const c = code(col(p, "dopa_code", "provinces.csv"), 2, "provinces.csv");
    const where = `province ${c}`;
    const iso = col(p, "iso_3166_2", where).trim();
    check(iso === `TH-${c}`, `${where}: ISO 3166-2 ${iso} does not match TH-${c}`);
    const pop = population.get(c);
    check(pop, `${where}: no population row`);
    const nameTh = thaiName(col(p, "name_th", where), where);
    check(!pop || pop.nameTh === nameTh, `${where}: population file names it ${pop?.nameTh}`);
    const cluster = col(p, "cluster_code", where).trim();
    const cluster2009 = col(p, "cluster_2009_budget_code", where).trim();
    return {
      code: c,
      iso,
      nameTh,
      nameEn: englishName(col(p, "name_en", where), where),
      regionId: regionIdByEn.get(col(p, "region6_en", where)) ?? "",
      clusterCode: cluster === "" ? null : cluster,
      cluster2009Code: cluster2009 === "" ? null : code(cluster2009, 5, `${where} 2009 cluster`),
      nsoRegion7: clean(col(p, "nso_region7_en", where)),
      ceo: c !== "10",
      population2019: pop?.population ?? 0,
      households2019: pop?.households ?? 0,
    };
  })
  .sort(byKey((p) => p.code));

check(provinces.length === EXPECT.provinces, `expected ${EXPECT.provinces} provinces, got ${provinces.length}`);
unique(
  provinces.map((p) => p.code),
  "province code",
);
unique(
  provinces.map((p) => p.nameTh),
  "province Thai name",
);
check(population.size === provinces.length, `population rows ${population.size} ≠ provinces ${provinces.length}`);
const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
const provinceByTh = new Map(provinces.map((p) => [p.nameTh, p]));
const regionIds = new Set(regions.map((r) => r.id));
for (const p of provinces) check(regionIds.has(p.regionId), `province ${p.code}: region ${p.regionId} unresolved`);
const bangkok = provinceByCode.get("10");
check(bangkok && bangkok.nameEn === "Bangkok", "province 10 is not Bangkok");
check(provinces.filter((p) => p.ceo).length === 76, "expected 76 CEO provinces");

function members(raw: string, where: string): string[] {
  const list = raw
    .split(";")
    .map((s) => code(s, 2, where))
    .sort();
  unique(list, `${where} member`);
  for (const m of list) check(provinceByCode.has(m), `${where}: member ${m} is not a province`);
  return list;
}

/** Member names in the CSV must name the same provinces as the codes (guards against a shifted list). */
function checkMemberNames(codes: string[], rawNames: string, where: string): void {
  const names = rawNames.split(";").map((s) => clean(s));
  check(names.length === codes.length, `${where}: ${names.length} member names for ${codes.length} codes`);
  for (const n of names) {
    const p = provinceByTh.get(n);
    check(p && codes.includes(p.code), `${where}: member name ${n} does not match its codes`);
  }
}

const clusters = clustersCsv
  .map((r) => {
    const c = clean(col(r, "cluster_code", "clusters.csv"));
    const where = `cluster ${c}`;
    check(/^(N|C|E|NE|S)\d$/.test(c), `${where}: unexpected code`);
    const m = members(col(r, "member_dopa_codes", where), where);
    check(m.length === int(col(r, "n_provinces", where), where), `${where}: n_provinces ≠ member count`);
    checkMemberNames(m, col(r, "member_names_th", where), where);
    const centreTh = clean(col(r, "operations_centre_th", where));
    const centre = centreTh === "" ? null : (provinceByTh.get(centreTh)?.code ?? null);
    check(centreTh === "" || centre, `${where}: operations centre ${centreTh} is not a province`);
    check(centre === null || m.includes(centre), `${where}: operations centre ${centre} is not a member`);
    return {
      code: c,
      nameTh: thaiName(col(r, "name_th", where), where),
      nameEn: englishName(col(r, "name_en_unofficial", where), where),
      members: m,
      operationsCentre: centre,
      validFrom: CURRENT_SCHEME.validFrom,
      validTo: CURRENT_SCHEME.validTo,
      verification: clean(col(r, "verification", where)),
    };
  })
  .sort(byKey((c) => c.code));

const clusters2009 = clusters2009Csv
  .map((r) => {
    const c = code(col(r, "budget_bureau_code", "clusters_2009.csv"), 5, "clusters_2009.csv");
    const where = `2009 cluster ${c}`;
    const m = members(col(r, "member_dopa_codes", where), where);
    check(m.length === int(col(r, "n_provinces", where), where), `${where}: n_provinces ≠ member count`);
    checkMemberNames(m, col(r, "member_names_th", where), where);
    return {
      code: c,
      nameTh: thaiName(col(r, "name_th", where), where),
      nameEn: englishName(col(r, "name_en_unofficial", where), where),
      members: m,
      memberValidFrom: Object.fromEntries(m.filter((x) => x in SCHEME_2009.lateMembers).map((x) => [x, SCHEME_2009.lateMembers[x]])),
      validFrom: SCHEME_2009.validFrom,
      validTo: SCHEME_2009.validTo,
    };
  })
  .sort(byKey((c) => c.code));

function checkScheme(
  label: string,
  list: Array<{ code: string; nameTh: string; members: string[] }>,
  expected: number,
  provinceKey: (p: Province) => string | null,
): void {
  check(list.length === expected, `${label}: expected ${expected} clusters, got ${list.length}`);
  unique(
    list.map((c) => c.code),
    `${label} cluster code`,
  );
  unique(
    list.map((c) => c.nameTh),
    `${label} cluster Thai name`,
  );
  const clusterOf = new Map<string, string[]>();
  for (const c of list) for (const m of c.members) clusterOf.set(m, [...(clusterOf.get(m) ?? []), c.code]);
  for (const p of provinces) {
    const found = clusterOf.get(p.code) ?? [];
    if (p.code === "10") {
      check(found.length === 0, `${label}: Bangkok must not be in a cluster (found ${found.join(",")})`);
      check(provinceKey(p) === null, `${label}: provinces.csv gives Bangkok a cluster`);
    } else {
      check(found.length === 1, `${label}: province ${p.code} ${p.nameEn} is in ${found.length} clusters (${found.join(",")})`);
      check(
        found.length !== 1 || provinceKey(p) === found[0],
        `${label}: provinces.csv puts ${p.code} in ${provinceKey(p)}, cluster list in ${found[0]}`,
      );
    }
  }
}
checkScheme("current scheme", clusters, EXPECT.clusters, (p) => p.clusterCode);
checkScheme("2009 scheme", clusters2009, EXPECT.clusters2009, (p) => p.cluster2009Code);
// provinces.csv also carries the current cluster's names: they must agree with clusters.csv
for (const r of provincesCsv) {
  const cc = r.cluster_code?.trim();
  if (!cc) continue;
  const c = clusters.find((x) => x.code === cc);
  check(c && c.nameTh === clean(r.cluster_th ?? ""), `province ${r.dopa_code}: cluster_th differs from clusters.csv`);
  const c9 = clusters2009.find((x) => x.code === r.cluster_2009_budget_code?.trim());
  check(c9 && c9.nameTh === clean(r.cluster_2009_th ?? ""), `province ${r.dopa_code}: cluster_2009_th differs from clusters_2009.csv`);
}

// ---------------------------------------------------------------------------------------------------------
// Districts and subdistricts

const pseudoSeen: string[] = [];
const districts: Array<[string, string, string, string]> = [];
for (const r of districtsCsv) {
  const c = code(col(r, "dopa_code", "districts.csv"), 4, "districts.csv");
  const where = `district ${c}`;
  if (PSEUDO_DISTRICTS.has(c)) {
    check(r.name_th?.startsWith("ท้องถิ่นเทศบาล"), `${where}: expected a "ท้องถิ่นเทศบาล…" pseudo-entry, got ${r.name_th}`);
    pseudoSeen.push(c);
    continue;
  }
  check(!clean(r.name_th ?? "").startsWith("ท้องถิ่น"), `${where}: looks like an unlisted pseudo-entry (${r.name_th})`);
  const prov = code(col(r, "province_dopa_code", where), 2, where);
  check(provinceByCode.has(prov), `${where}: province ${prov} unknown`);
  check(c.startsWith(prov), `${where}: code does not start with its province code ${prov}`);
  districts.push([c, thaiName(col(r, "name_th", where), where), englishName(col(r, "name_en", where), where), prov]);
}
const supplemented: string[] = [];
for (const [c, g] of [...geoDistricts].sort(byKey(([k]) => k))) {
  if (districts.some((d) => d[0] === c)) continue;
  const where = `district ${c} (from ${GEO_DISTRICTS_FILE})`;
  check(provinceByCode.has(g.provinceCode) && c.startsWith(g.provinceCode), `${where}: bad province ${g.provinceCode}`);
  districts.push([c, thaiName(g.nameTh, where), englishName(g.nameEn, where), g.provinceCode]);
  supplemented.push(`${c} ${g.nameTh}`);
}
districts.sort(byKey((d) => d[0]));
check(
  districts.length === geoDistricts.size && districts.every((d) => geoDistricts.has(d[0])),
  `district codes differ from ${GEO_DISTRICTS_FILE} (${districts.length} vs ${geoDistricts.size})`,
);
check(pseudoSeen.length === PSEUDO_DISTRICTS.size, `expected pseudo-entries ${[...PSEUDO_DISTRICTS]}, found ${pseudoSeen}`);
check(districts.length === EXPECT.districts, `expected ${EXPECT.districts} districts, got ${districts.length}`);
unique(
  districts.map((d) => d[0]),
  "district code",
);
const districtCodes = new Set(districts.map((d) => d[0]));
for (const p of provinces) check(districts.some((d) => d[3] === p.code), `province ${p.code} has no districts`);
check(districts.filter((d) => d[3] === "10").length === 50, "Bangkok should have 50 khet");

const subdistricts: Array<[string, string, string, string, string]> = [];
let droppedSubdistricts = 0;
const recoded: string[] = [];
const upstreamSubCodes = new Set(subdistrictsCsv.map((r) => r.dopa_code?.trim()));
for (const fix of SUBDISTRICT_RECODES) {
  check(
    upstreamSubCodes.has(fix.from) !== upstreamSubCodes.has(fix.to),
    `subdistrict recode ${fix.from} → ${fix.to}: expected exactly one of the two codes upstream`,
  );
}
for (const r of subdistrictsCsv) {
  let c = code(col(r, "dopa_code", "subdistricts.csv"), 6, "subdistricts.csv");
  let d = code(col(r, "district_dopa_code", `subdistrict ${c}`), 4, `subdistrict ${c}`);
  const fix = SUBDISTRICT_RECODES.find((f) => f.from === c);
  if (fix) {
    check(clean(r.name_th ?? "") === fix.nameTh, `subdistrict ${c}: expected ${fix.nameTh} for recode, got ${r.name_th}`);
    recoded.push(`${c} → ${fix.to} ${fix.nameTh}`);
    r.province_dopa_code = fix.districtCode.slice(0, 2);
    c = fix.to;
    d = fix.districtCode;
  }
  const where = `subdistrict ${c}`;
  if (PSEUDO_DISTRICTS.has(d)) {
    droppedSubdistricts++;
    continue;
  }
  check(districtCodes.has(d), `${where}: district ${d} unknown`);
  check(c.startsWith(d), `${where}: code does not start with its district code ${d}`);
  check(col(r, "province_dopa_code", where).trim() === d.slice(0, 2), `${where}: province code disagrees with district`);
  subdistricts.push([
    c,
    thaiName(col(r, "name_th", where), where),
    englishName(col(r, "name_en", where), where),
    d,
    code(col(r, "postal_code", where), 5, `${where} postal code`),
  ]);
}
subdistricts.sort(byKey((s) => s[0]));
unique(
  subdistricts.map((s) => s[0]),
  "subdistrict code",
);
check(subdistricts.length > 7000 && subdistricts.length < 8000, `implausible subdistrict count ${subdistricts.length}`);
const districtsWithSubs = new Set(subdistricts.map((s) => s[3]));
for (const d of districts) check(districtsWithSubs.has(d[0]), `district ${d[0]} has no subdistricts`);

// ---------------------------------------------------------------------------------------------------------
// Ministries, departments (hand-authored), provincial office types

const ministryIdByAbbr = new Map(MINISTRY_IDS);
const ministryRows = new Map<string, Row>();
for (const r of ministriesCsv) {
  const abbr = clean(col(r, "abbr_th", "ministries.csv"));
  check(ministryIdByAbbr.has(abbr), `ministries.csv: no id for abbreviation ${abbr}`);
  check(!ministryRows.has(abbr), `ministries.csv: duplicate ${abbr}`);
  ministryRows.set(abbr, r);
}
const ministries = MINISTRY_IDS.filter(([abbr]) => ministryRows.has(abbr)).map(([abbr, id]) => {
  const r = ministryRows.get(abbr) as Row;
  const where = `ministry ${id}`;
  const kind = clean(col(r, "kind", where));
  return {
    id,
    abbrTh: abbr,
    nameTh: thaiName(col(r, "name_th", where), where),
    nameEn: englishName(col(r, "name_en", where), where),
    kind: kind === "ministry" ? "ministry" : "office-of-the-prime-minister",
  };
});
check(ministries.length === EXPECT.ministries, `expected ${EXPECT.ministries} ministries, got ${ministries.length}`);
check(ministries.filter((m) => m.kind === "ministry").length === 19, "expected 19 กระทรวง");
check(ministries.find((m) => m.id === "opm")?.nameTh === "สำนักนายกรัฐมนตรี", "opm must be สำนักนายกรัฐมนตรี");
unique(
  ministries.map((m) => m.id),
  "ministry id",
);
const ministryIds = new Set(ministries.map((m) => m.id));

interface Department {
  id: string;
  ministryId: string;
  parentId: string | null;
  kind: string;
  nameTh: string;
  nameEn: string;
  abbrTh: string | null;
  abbrEn: string | null;
  note: string | null;
}
const DEPARTMENT_KEYS = ["id", "ministryId", "parentId", "kind", "nameTh", "nameEn", "abbrTh", "abbrEn", "note"];

let departments: Department[] = [];
if (!existsSync(DEPARTMENTS_FILE)) {
  errors.push(`missing hand-authored ${DEPARTMENTS_FILE}`);
} else {
  const raw = readFileSync(DEPARTMENTS_FILE, "utf8");
  const parsed = JSON.parse(raw) as { source?: unknown; count?: unknown; departments?: Department[] };
  check(typeof parsed.source === "string" && parsed.source.length > 0, "departments.json: missing source");
  departments = parsed.departments ?? [];
  check(parsed.count === departments.length, `departments.json: count ${parsed.count} ≠ ${departments.length} rows`);
  unique(
    departments.map((d) => d.id),
    "department id",
  );
  unique(
    departments.map((d) => d.nameTh),
    "department Thai name",
  );
  const depIds = new Set(departments.map((d) => d.id));
  for (const d of departments) {
    const where = `departments.json ${d.id}`;
    check(JSON.stringify(Object.keys(d)) === JSON.stringify(DEPARTMENT_KEYS), `${where}: keys must be ${DEPARTMENT_KEYS.join(",")}`);
    check(/^[a-z]+(\.[a-z0-9]+)+$/.test(d.id), `${where}: id must be <ministry>.<code>`);
    check(ministryIds.has(d.ministryId), `${where}: unknown ministry ${d.ministryId}`);
    check(d.id.startsWith(`${d.ministryId}.`), `${where}: id must start with its ministry id`);
    check(["ops", "department", "unit"].includes(d.kind), `${where}: unknown kind ${d.kind}`);
    check(d.kind !== "ops" || d.id === `${d.ministryId}.ops`, `${where}: an ops office must have id <ministry>.ops`);
    check(d.parentId === null || depIds.has(d.parentId), `${where}: parent ${d.parentId} unknown`);
    check(thaiName(d.nameTh, where) === d.nameTh, `${where}: Thai name not normalised`);
    check(typeof d.nameEn === "string" && /^[\x20-\x7E]+$/.test(d.nameEn), `${where}: English name must be printable ASCII`);
  }
  for (const m of ministries) {
    check(
      departments.some((d) => d.id === `${m.id}.ops` && d.kind === "ops"),
      `departments.json: no permanent secretary's office (${m.id}.ops) for ${m.id}`,
    );
  }
}
const departmentById = new Map(departments.map((d) => [d.id, d]));
/** A department is matched by its Thai name, or by "<unit> <parent>" for a unit inside a department. */
const departmentByTh = new Map<string, Department>();
for (const d of departments) {
  departmentByTh.set(d.nameTh, d);
  const parent = d.parentId ? departmentById.get(d.parentId) : undefined;
  if (parent) departmentByTh.set(`${d.nameTh} ${parent.nameTh}`, d);
}

const officeIdByTh = new Map(OFFICE_TYPE_IDS);
const officeRows = new Map<string, Row>();
for (const r of officesCsv) {
  const th = clean(col(r, "office_th", "provincial_offices.csv"));
  check(officeIdByTh.has(th), `provincial_offices.csv: no id for ${th}`);
  check(!officeRows.has(th), `provincial_offices.csv: duplicate ${th}`);
  officeRows.set(th, r);
}
const officeTypes = OFFICE_TYPE_IDS.filter(([th]) => officeRows.has(th)).map(([th, id]) => {
  const r = officeRows.get(th) as Row;
  const where = `office type ${id}`;
  const parentTh = clean(col(r, "parent_department_th", where));
  const dep = departmentByTh.get(parentTh);
  check(dep, `${where}: parent department ${parentTh} is not in departments.json`);
  const ministryId = ministryIdByAbbr.get(clean(col(r, "ministry_abbr_th", where)));
  check(ministryId, `${where}: unknown ministry ${r.ministry_abbr_th}`);
  check(!dep || dep.ministryId === ministryId, `${where}: department ${dep?.id} is not in ministry ${ministryId}`);
  const inList = clean(col(r, "in_source_list", where));
  check(inList === "yes" || inList === "no", `${where}: in_source_list must be yes/no`);
  return {
    id,
    nameTh: thaiName(th, where),
    nameEn: englishName(col(r, "office_en_unofficial", where), where),
    departmentId: dep?.id ?? "",
    ministryId: ministryId ?? "",
    attested: inList === "yes",
  };
});
check(officeTypes.length === EXPECT.officeTypes, `expected ${EXPECT.officeTypes} office types, got ${officeTypes.length}`);
unique(
  officeTypes.map((o) => o.id),
  "office type id",
);

abortIfErrors("validation");

// ---------------------------------------------------------------------------------------------------------
// Emit

const REF = "../shared/reference";
emit(
  "regions.json",
  {
    source: `${REF}/provinces.csv region6_* columns (${KONGVUT}, formats/csv/geographies.csv)`,
    licence: "MIT (kongvut/thai-province-data); facts",
    scheme:
      "geographic 6-region scheme (ภาค) as in kongvut geographies; not the 6 ภาค of the 2017 ก.น.จ. cluster announcement, which group clusters differently",
  },
  "regions",
  regions,
);
emit(
  "provinces.json",
  {
    source: `${REF}/provinces.csv (names, DOPA codes, regions: ${KONGVUT}; nsoRegion7: NSO Statistical Yearbook 2552; clusters: see clusters.json) and ${REF}/stats/province_population_2562.csv (DOPA registered population 2019 via ${PRASERTCBS})`,
    licence: "names/codes MIT (kongvut/thai-province-data); population: facts from DOPA registration statistics 2019 (the redistributed file states no licence)",
    fields:
      "code = DOPA 2-digit code; iso = ISO 3166-2; regionId → regions.json; clusterCode → clusters.json (null for Bangkok); cluster2009Code → clusters-2009.json (Budget Bureau code); nsoRegion7 = NSO 7-region name; ceo = run as a CEO-governor province (false for Bangkok); population2019/households2019 = DOPA registered population and households 2019 (พ.ศ. 2562)",
  },
  "provinces",
  provinces,
);
emit(
  "clusters.json",
  {
    source: `${REF}/clusters.csv (memberships verified per cluster against the web sources listed in SOURCES.md; see each row's verification); ${CURRENT_SCHEME.announcement}`,
    licence: "facts; English names are this project's translations",
    fields: "members = DOPA province codes; operationsCentre = DOPA code of the province named as the cluster's operations centre where a source showed it, else null",
  },
  "clusters",
  clusters,
);
emit(
  "clusters-2009.json",
  {
    source: `${REF}/clusters_2009.csv (members and Budget Bureau codes 70010–70180 from a Budget Bureau organisation seed list, cross-checked with tambon.blogspot.com/2010/06/province-clusters.html); ${SCHEME_2009.announcement}`,
    licence: "facts; English names are this project's translations",
    validFromNote: SCHEME_2009.validFromNote,
    doubts: SCHEME_2009.doubts,
    fields:
      "code = Budget Bureau code; members = DOPA province codes; memberValidFrom = start date of a membership that began later than the scheme (Bueng Kan, created 2011, added to Upper Northeast 1 on 2011-05-03)",
  },
  "clusters",
  clusters2009,
);
emit(
  "districts.json",
  {
    source: `${REF}/admin/districts.csv (${KONGVUT}, formats/csv/districts.csv); DOPA pseudo-entries ${[...PSEUDO_DISTRICTS].join(", ")} (ท้องถิ่นเทศบาล…) left out; codes cross-checked with ${REF}/${GEO_DISTRICTS_FILE} (HDX COD-AB 2019), which supplies the districts kongvut lacks: ${supplemented.join("; ") || "none"}`,
    licence: "MIT (kongvut/thai-province-data); supplemented districts: HDX COD-AB Thailand, CC BY-IGO (OCHA / Royal Thai Survey Department)",
    columns: ["code", "nameTh", "nameEn", "provinceCode"],
  },
  "rows",
  districts,
);
emit(
  "subdistricts.json",
  {
    source: `${REF}/admin/subdistricts.csv (${KONGVUT}, formats/csv/sub_districts.csv); re-coded to their current DOPA codes under อำเภอกัลยาณิวัฒนา (general knowledge): ${SUBDISTRICT_RECODES.map((f) => `${f.from} → ${f.to} ${f.nameTh}`).join("; ")}`,
    licence: "MIT (kongvut/thai-province-data)",
    columns: ["code", "nameTh", "nameEn", "districtCode", "postalCode"],
  },
  "rows",
  subdistricts,
);
emit(
  "ministries.json",
  {
    source: `${REF}/ministries.csv (names cross-checked with public seed lists; abbrTh = standard document-number prefixes, general knowledge)`,
    licence: "facts",
    fields: "id = this project's ascii id; kind = ministry (กระทรวง) or office-of-the-prime-minister (ministry-level, not a กระทรวง)",
  },
  "ministries",
  ministries,
);
emit(
  "provincial-office-types.json",
  {
    source: `${REF}/provincial_offices.csv (35 types from a public provincial staff registration form, 3 added from general knowledge: attested = false); department links → departments.json`,
    licence: "facts; English names are this project's unofficial translations",
    fields: "departmentId → departments.json; ministryId → ministries.json; attested = listed in the source form",
  },
  "officeTypes",
  officeTypes,
);

// ---------------------------------------------------------------------------------------------------------
// Write or check

let stale = 0;
if (!CHECK_ONLY) mkdirSync(OUT_DIR, { recursive: true });
for (const o of outputs) {
  const file = join(OUT_DIR, o.name);
  const current = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (CHECK_ONLY) {
    if (current !== o.text) {
      stale++;
      console.error(`out of date: ${file}`);
    }
    continue;
  }
  if (current !== o.text) writeFileSync(file, o.text, "utf8");
  console.log(`${o.name.padEnd(30)} ${String(o.count).padStart(5)} rows ${String(Buffer.byteLength(o.text)).padStart(8)} bytes${current === o.text ? " (unchanged)" : ""}`);
}
if (supplemented.length > 0) console.log(`districts added from ${GEO_DISTRICTS_FILE}: ${supplemented.join("; ")}`);
if (recoded.length > 0) console.log(`subdistricts re-coded: ${recoded.join("; ")}`);
console.log(
  `departments.json (hand-authored)  ${departments.length} rows; districts: ${districts.length} (skipped pseudo-entries ${pseudoSeen.join(", ")}); subdistricts: ${subdistricts.length} (${droppedSubdistricts} dropped under pseudo-entries)`,
);
if (notes.length > 0) {
  console.log(`${notes.length} normalisation(s):`);
  for (const n of notes) console.log(`  - ${n}`);
}
if (CHECK_ONLY) {
  if (stale > 0) {
    console.error(`build-seed --check: ${stale} file(s) out of date; run npm run seed:build`);
    process.exit(1);
  }
  console.log("build-seed --check: seed/reference is up to date");
}
