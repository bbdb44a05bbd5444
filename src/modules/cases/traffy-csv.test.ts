import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { referenceDir } from "../../../test/reference.js";
import { TRAFFY_COLUMNS, TRAFFY_STATUS, parsePgArray, parseTraffyCsv, parseTraffyTimestamp } from "./traffy-csv.js";

const HEADER = TRAFFY_COLUMNS.join(",");
/** One valid export line with some cells replaced. */
function line(over: Partial<Record<(typeof TRAFFY_COLUMNS)[number], string>> = {}): string {
  const base: Record<string, string> = {
    ticket_id: "2023-TEST01",
    type: "{ถนน}",
    organization: "เขตพญาไท",
    comment: "ถนนเป็นหลุม",
    coords: '"100.53,13.77"',
    photo: "https://example.org/a.jpg",
    photo_after: "",
    address: "ถนนพหลโยธิน",
    subdistrict: "สามเสนใน",
    district: "พญาไท",
    province: "กรุงเทพมหานคร",
    timestamp: "2023-05-11 04:41:36.046347+00",
    state: "รอรับเรื่อง",
    star: "",
    count_reopen: "0",
    last_activity: "2023-05-11 05:00:00+00",
    source: "test",
  };
  return TRAFFY_COLUMNS.map((c) => over[c] ?? base[c]).join(",");
}

describe("parseTraffyCsv on the real export (../shared/reference/complaints, 1,749 complaints)", () => {
  const file = path.join(referenceDir(), "complaints", "traffy_fondue_2023-05-11_15.csv");
  const { rows, errors } = parseTraffyCsv(fs.readFileSync(file, "utf8"));

  it("parses every complaint: rows + refused = 1,749, and this clean file refuses none", () => {
    expect(rows.length + errors.length).toBe(1749);
    expect(errors).toEqual([]);
    expect(new Set(rows.map((r) => r.ticketId)).size).toBe(1749);
  });

  it("reads 2023-KYD67T as it stands in the file (line checked by eye)", () => {
    const r = rows.find((x) => x.ticketId === "2023-KYD67T")!;
    expect(r).toMatchObject({
      types: ["ทางเท้า", "ความปลอดภัย"],
      organizations: ["กรุงเทพมหานคร"],
      comment: "จอดฟุตบาทรถอันตรายมาก",
      lon: 100.64757,
      lat: 13.87165,
      photoUrl: "https://storage.googleapis.com/traffy_public_bucket/attachment/2023-05/416e80087aa2333dd38ed2d4fb8a6d8ed3c82d84.jpg",
      photoAfterUrl: "https://storage.googleapis.com/traffy_public_bucket/attachment/2023-05/1684212924340.jpeg",
      subdistrict: "ท่าแร้ง",
      district: "บางเขน",
      province: "กรุงเทพมหานคร",
      state: "กำลังดำเนินการ",
      status: "in_progress",
      star: 4,
      reopenCount: 2,
    });
    expect(r.reportedAt.toISOString()).toBe("2023-05-15T10:33:10.617Z");
    expect(r.lastActivityAt?.toISOString()).toBe("2023-05-16T07:59:00.567Z");
  });

  it("keeps multi-line comments in one row and gives the line where the record starts", () => {
    const r = rows.find((x) => x.ticketId === "UWY6ZP")!;
    expect(r.line).toBe(4);
    expect(r.comment.split("\n")).toHaveLength(4);
    expect(r.organizations).toEqual(["เขตบางขุนเทียน"]);
    expect(r.province).toBe("กรุงเทพมหานคร"); // the file says จังหวัดกรุงเทพมหานคร
    expect(rows.at(-1)!.line).toBe(5344);
  });

  it("splits the organisation list and the type set; {} gives no type", () => {
    const r = rows.find((x) => x.ticketId === "2023-HUNNGW")!;
    expect(r.types).toEqual([]);
    expect(r.organizations).toEqual(["เขตคลองเตย", "ฝ่ายโยธา เขตคลองเตย"]);
    expect(rows.filter((x) => x.types.length === 0).length).toBe(168);
  });

  it("maps every Traffy state found in the file to our lifecycle", () => {
    const states = new Set(rows.map((r) => r.state));
    for (const s of states) expect(TRAFFY_STATUS[s], s).toBeDefined();
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    expect(count("received")).toBe(480 + 286);
    expect(count("in_progress")).toBe(777 + 3 + 2 + 1 + 1);
    expect(count("resolved")).toBe(199);
  });
});

describe("parseTraffyCsv on bad input (never throws)", () => {
  it("refuses rows without a ticket id or timestamp, or with an unreadable one, with their lines", () => {
    const text = [
      HEADER,
      line(),
      line({ ticket_id: "" }),
      line({ ticket_id: "B", timestamp: "" }),
      line({ ticket_id: "C", timestamp: "yesterday" }),
      line({ ticket_id: "D", timestamp: "2023-04-31 10:00:00+00" }),
      line({ ticket_id: "2023-TEST01" }),
      "E,{ถนน},เขตพญาไท",
    ].join("\n");
    const { rows, errors } = parseTraffyCsv(text);
    expect(rows.map((r) => r.ticketId)).toEqual(["2023-TEST01"]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [3, "traffy.ticket-id-missing"],
      [4, "traffy.timestamp-missing"],
      [5, "traffy.timestamp-invalid"],
      [6, "traffy.timestamp-invalid"],
      [7, "traffy.ticket-duplicate"],
      [8, "traffy.column-count"],
    ]);
    for (const e of errors) {
      expect(e.messageTh).toMatch(/[ก-๙]/);
      expect(e.messageEn).toContain(`Line ${e.line}`);
    }
  });

  it("refuses a file whose header is not Traffy's, and an empty file, at line 1", () => {
    expect(parseTraffyCsv("id,text\n1,hello\n").errors).toMatchObject([{ line: 1, code: "traffy.header-invalid" }]);
    expect(parseTraffyCsv("").errors).toMatchObject([{ line: 1, code: "traffy.header-invalid" }]);
    expect(parseTraffyCsv("id,text\n").rows).toEqual([]);
  });

  it("reports an unclosed quote at the line where its record starts, keeping the rows before it", () => {
    const text = [HEADER, line({ comment: '"สองบรรทัด\nต่อกัน"' }), line({ ticket_id: "Y" }), 'X,{ถนน},เขตพญาไท,"ไม่ปิด', "ต่อ"].join("\r\n");
    const { rows, errors } = parseTraffyCsv(text);
    expect(rows.map((r) => [r.ticketId, r.line, r.comment])).toEqual([
      ["2023-TEST01", 2, "สองบรรทัด\nต่อกัน"],
      ["Y", 4, "ถนนเป็นหลุม"],
    ]);
    expect(errors).toMatchObject([{ line: 5, code: "traffy.csv-malformed" }]);
  });

  it("nulls bad optional cells instead of refusing the row", () => {
    const text = [
      HEADER,
      line({ ticket_id: "A", coords: '"13.77,100.53"', star: "7", count_reopen: "-1", photo: "not a link", last_activity: "?" }),
      line({ ticket_id: "B", coords: "", star: "3", state: "สถานะใหม่" }),
      line({ ticket_id: "C", coords: '"abc,13"', state: "เสร็จสิ้น" }),
    ].join("\n");
    const { rows, errors } = parseTraffyCsv(text);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.ticketId, r.lon, r.lat, r.star, r.reopenCount, r.photoUrl, r.lastActivityAt, r.status])).toEqual([
      ["A", null, null, null, 0, null, null, "received"], // lat/lon swapped: outside Thailand
      ["B", null, null, 3, 0, "https://example.org/a.jpg", new Date("2023-05-11T05:00:00Z"), "received"], // unknown state → received
      ["C", null, null, null, 0, "https://example.org/a.jpg", new Date("2023-05-11T05:00:00Z"), "resolved"],
    ]);
  });
});

describe("cell readers", () => {
  it("reads PostgreSQL array literals, quoted elements included", () => {
    expect(parsePgArray("{}")).toEqual([]);
    expect(parsePgArray("")).toEqual([]);
    expect(parsePgArray("{ถนน,ทางเท้า}")).toEqual(["ถนน", "ทางเท้า"]);
    expect(parsePgArray('{"ป้าย, จราจร","a\\"b",PM2.5}')).toEqual(["ป้าย, จราจร", 'a"b', "PM2.5"]);
  });

  it("reads timestamps with and without a zone (no zone = Bangkok time)", () => {
    expect(parseTraffyTimestamp("2023-05-11 04:41:36.046347+00")?.toISOString()).toBe("2023-05-11T04:41:36.046Z");
    expect(parseTraffyTimestamp("2023-05-11T11:41:36+07:00")?.toISOString()).toBe("2023-05-11T04:41:36.000Z");
    expect(parseTraffyTimestamp("2023-05-11 11:41")?.toISOString()).toBe("2023-05-11T04:41:00.000Z");
    expect(parseTraffyTimestamp("2023-02-29 10:00:00+00")).toBeNull();
    expect(parseTraffyTimestamp("2023-05-11 24:00:00+00")).toBeNull();
  });
});
