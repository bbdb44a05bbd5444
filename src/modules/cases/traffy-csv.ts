// Reads the Traffy Fondue export (the columns of ../shared/reference/complaints) into plain rows for the importer.
// Pure: no database, no throwing on bad rows — every refused row is listed with its line so a province migrating
// can fix its file. Bad optional cells (coordinates, photo links, stars) become null instead of refusing the row.
import { parse as parseCsv } from "csv-parse/sync";

/** The columns of the Traffy Fondue export, in its order. */
export const TRAFFY_COLUMNS = [
  "ticket_id",
  "type",
  "organization",
  "comment",
  "coords",
  "photo",
  "photo_after",
  "address",
  "subdistrict",
  "district",
  "province",
  "timestamp",
  "state",
  "star",
  "count_reopen",
  "last_activity",
  "source",
] as const;

/** Our case lifecycle, as far as a Traffy state tells it. */
export type TraffyStatus = "received" | "accepted" | "in_progress" | "resolved" | "closed";

/** One parsed complaint; `line` is the physical line (1 = header) where its record starts; province without a "จังหวัด" prefix. */
export type TraffyRow = {
  line: number;
  ticketId: string;
  types: string[];
  organizations: string[];
  comment: string;
  lon: number | null;
  lat: number | null;
  photoUrl: string | null;
  photoAfterUrl: string | null;
  address: string;
  subdistrict: string;
  district: string;
  province: string;
  reportedAt: Date;
  state: string;
  status: TraffyStatus;
  star: 1 | 2 | 3 | 4 | 5 | null;
  reopenCount: number;
  lastActivityAt: Date | null;
};

/** A refused row (or the whole file, line 1, when its header is wrong). */
export type TraffyRowError = { line: number; code: string; messageTh: string; messageEn: string };

/**
 * Traffy states → our lifecycle. Traffy has no separate "accepted": an agency that takes a case moves it straight to
 * กำลังดำเนินการ, and its sub-steps (budget, procurement, study, legal) are still work in progress. ส่งต่อ / ส่งต่อ(ใหม่)
 * means forwarded to another agency that has not taken it yet, so it is "received" again. เสร็จสิ้น is the officer's
 * resolution, which the reporter can still reopen (count_reopen), so it is "resolved", never "closed".
 */
export const TRAFFY_STATUS: Readonly<Record<string, TraffyStatus>> = {
  รอรับเรื่อง: "received",
  ส่งต่อ: "received",
  "ส่งต่อ(ใหม่)": "received",
  กำลังดำเนินการ: "in_progress",
  ของบประมาณ: "in_progress",
  จัดซื้อจัดจ้าง: "in_progress",
  ศึกษาปัญหา: "in_progress",
  ขั้นตอนทางกฎหมาย: "in_progress",
  เสร็จสิ้น: "resolved",
};

/** Thailand's bounding box (with a small margin): a pin outside it is a swapped or garbled pair, not a place. */
export const THAILAND_BOUNDS = { minLat: 5.5, maxLat: 20.5, minLon: 97.3, maxLon: 105.7 } as const;

const err = (line: number, code: string, messageTh: string, messageEn: string): TraffyRowError => ({ line, code, messageTh, messageEn });
const newlines = (s: string) => s.match(/\n/g)?.length ?? 0;

/** Parses a Traffy Fondue CSV export; never throws on bad content: refused rows are returned in `errors` with their line. */
export function parseTraffyCsv(text: string): { rows: TraffyRow[]; errors: TraffyRowError[] } {
  const rows: TraffyRow[] = [];
  const errors: TraffyRowError[] = [];
  // One line-ending style, so csv-parse's delimiter detection and our line numbers agree (a \r\n file mis-detects).
  const input = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const records: { record: string[]; line: number }[] = [];
  let consumed = 0; // newlines before the current record: raws are contiguous when quotes are relaxed
  parseCsv(input, {
    raw: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_record: ({ record, raw }: { record: string[]; raw: string }) => {
      records.push({ record, line: consumed + 1 });
      consumed += newlines(raw);
      return null;
    },
    on_skip: (e: { code?: string; message?: string } | undefined, raw: string | undefined) => {
      const line = consumed + 1;
      consumed += newlines(raw ?? "");
      errors.push(
        err(
          line,
          "traffy.csv-malformed",
          `บรรทัด ${line}: รูปแบบ CSV ไม่ถูกต้อง (${e?.code ?? "?"}) เช่น เครื่องหมายคำพูดไม่ปิด`,
          `Line ${line}: malformed CSV (${e?.code ?? "?"}), e.g. an unclosed quote`,
        ),
      );
      return undefined;
    },
  } as never);

  const [head, ...body] = records;
  const header = (head?.record ?? []).map((h) => h.trim().toLowerCase());
  const missing = TRAFFY_COLUMNS.filter((c) => c !== "source" && !header.includes(c));
  if (!head || missing.length > 0) {
    const list = missing.join(", ");
    errors.unshift(
      err(
        1,
        "traffy.header-invalid",
        `แถวหัวตารางไม่ใช่รูปแบบส่งออกของ Traffy Fondue: ไม่มีคอลัมน์ ${list}`,
        `The header is not the Traffy Fondue export's: missing column(s) ${list}`,
      ),
    );
    return { rows, errors };
  }
  const col = Object.fromEntries(TRAFFY_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof TRAFFY_COLUMNS)[number], number>;
  const seen = new Set<string>();

  for (const { record, line } of body) {
    if (record.every((v) => v.trim() === "")) continue;
    const cell = (c: (typeof TRAFFY_COLUMNS)[number]) => (col[c] >= 0 ? (record[col[c]] ?? "").trim() : "");
    if (record.length < header.length) {
      errors.push(
        err(line, "traffy.column-count", `บรรทัด ${line}: มี ${record.length} คอลัมน์ แต่หัวตารางมี ${header.length}`, `Line ${line}: ${record.length} columns where the header has ${header.length}`),
      );
      continue;
    }
    const ticketId = cell("ticket_id");
    if (!ticketId) {
      errors.push(err(line, "traffy.ticket-id-missing", `บรรทัด ${line}: ไม่มีเลขเรื่อง (ticket_id)`, `Line ${line}: the ticket id is missing`));
      continue;
    }
    const stamp = cell("timestamp");
    if (!stamp) {
      errors.push(err(line, "traffy.timestamp-missing", `บรรทัด ${line}: เรื่อง ${ticketId} ไม่มีเวลาแจ้ง (timestamp)`, `Line ${line}: ticket ${ticketId} has no timestamp`));
      continue;
    }
    const reportedAt = parseTraffyTimestamp(stamp);
    if (!reportedAt) {
      errors.push(
        err(line, "traffy.timestamp-invalid", `บรรทัด ${line}: เวลาแจ้ง "${stamp.slice(0, 40)}" อ่านไม่ได้`, `Line ${line}: the timestamp "${stamp.slice(0, 40)}" cannot be read`),
      );
      continue;
    }
    if (seen.has(ticketId)) {
      errors.push(err(line, "traffy.ticket-duplicate", `บรรทัด ${line}: เลขเรื่อง ${ticketId} ซ้ำกับแถวก่อนหน้า`, `Line ${line}: ticket ${ticketId} already appeared above`));
      continue;
    }
    seen.add(ticketId);
    const state = cell("state");
    const { lon, lat } = parseCoords(cell("coords"));
    rows.push({
      line,
      ticketId,
      types: parsePgArray(cell("type")),
      organizations: splitList(cell("organization")),
      comment: cell("comment"),
      lon,
      lat,
      photoUrl: httpUrl(cell("photo")),
      photoAfterUrl: httpUrl(cell("photo_after")),
      address: cell("address"),
      subdistrict: cell("subdistrict"),
      district: cell("district"),
      // The public API writes "จังหวัดกรุงเทพมหานคร" where the official export writes "กรุงเทพมหานคร".
      province: cell("province").replace(/^จังหวัด\s*/, ""),
      reportedAt,
      state,
      // An unknown (newer) state is treated as not yet taken: staff will look at it rather than miss it.
      status: TRAFFY_STATUS[state] ?? "received",
      star: parseStar(cell("star")),
      reopenCount: parseCount(cell("count_reopen")),
      lastActivityAt: parseTraffyTimestamp(cell("last_activity")),
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors };
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Reads a PostgreSQL-style timestamp ("2023-05-11 04:41:36.046347+00"); without a zone it is Bangkok time; null if invalid. */
export function parseTraffyTimestamp(value: string): Date | null {
  const m = STAMP.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = "0", frac = "", zone = "+07"] = m;
  const ms = Number((frac + "000").slice(0, 3));
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms);
  const check = new Date(utc);
  // Date.UTC rolls 31 April into 1 May: refuse instead of importing a different day.
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return null;
  let offsetMin = 0;
  if (zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offsetMin = (zone[0] === "-" ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return new Date(utc - offsetMin * 60_000);
}

/** Parses a PostgreSQL array literal such as `{ถนน,ทางเท้า}` or `{"a b",c}`; `{}` and blanks give []. */
export function parsePgArray(value: string): string[] {
  const v = value.trim();
  if (!v) return [];
  if (!(v.startsWith("{") && v.endsWith("}"))) return splitList(v);
  const out: string[] = [];
  const inner = v.slice(1, -1);
  let cur = "";
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (quoted) {
      if (ch === "\\" && i + 1 < inner.length) cur += inner[++i];
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') {
      quoted = wasQuoted = true;
    } else if (ch === ",") {
      push();
    } else cur += ch;
  }
  push();
  return out;

  function push() {
    const t = wasQuoted ? cur : cur.trim();
    if (t && !(t === "NULL" && !wasQuoted)) out.push(t);
    cur = "";
    wasQuoted = false;
  }
}

/** Splits the comma-separated organisation list ("เขตคลองเตย,ฝ่ายโยธา เขตคลองเตย"), trimmed, empties dropped. */
export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "lon,lat" → numbers, or both null when missing, unreadable or outside Thailand. */
export function parseCoords(value: string): { lon: number | null; lat: number | null } {
  const parts = value.split(",").map((s) => s.trim());
  if (parts.length !== 2 || parts.some((p) => !/^[+-]?\d+(\.\d+)?$/.test(p))) return { lon: null, lat: null };
  const [lon, lat] = parts.map(Number);
  const b = THAILAND_BOUNDS;
  if (lat < b.minLat || lat > b.maxLat || lon < b.minLon || lon > b.maxLon) return { lon: null, lat: null };
  return { lon, lat };
}

function httpUrl(value: string): string | null {
  return /^https?:\/\/\S+$/i.test(value) ? value : null;
}

function parseStar(value: string): TraffyRow["star"] {
  const n = Number(value);
  return value !== "" && Number.isInteger(n) && n >= 1 && n <= 5 ? (n as TraffyRow["star"]) : null;
}

function parseCount(value: string): number {
  const n = Number(value);
  return value !== "" && Number.isInteger(n) && n >= 0 ? n : 0;
}
