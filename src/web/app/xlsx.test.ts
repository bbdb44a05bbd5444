import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { columnName, crc32, toXlsx } from "./xlsx";

const load = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
};

describe("xlsx writer (no dependency)", () => {
  it("CRC-32 and column names are right", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("writes a workbook exceljs reads back: Thai text, numbers as numbers, a bold header, widths, formula-looking text kept as text", async () => {
    const header = ["จังหวัด", "งบประมาณ (บาท)", "ร้อยละ", "หมายเหตุ"];
    const rows = [
      ["เชียงราย", 12500000.5, 87.25, "=HYPERLINK(\"http://evil.example\",\"คลิก\")"],
      ["อุบลราชธานี", 0, -3, "+66 81 234 5678"],
      ["ขอนแก่น & <ภาค> \"อีสาน\"", null, true, "@SUM(A1)"],
      ["บุรีรัมย์", 42, undefined, "ไม่มี\nสองบรรทัด"],
    ];
    const bytes = toXlsx(header, rows, { sheet: "งบประมาณ/จังหวัด" });
    // a ZIP: local file header first, end-of-central-directory at the end
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const wb = await load(bytes);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("งบประมาณ จังหวัด");
    expect(ws.getRow(1).values).toEqual([undefined, ...header]);
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A2").value).toBe("เชียงราย");
    expect(ws.getCell("B2").value).toBe(12500000.5);
    expect(ws.getCell("B2").type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell("C3").value).toBe(-3);
    expect(ws.getCell("B3").value).toBe(0);
    expect(ws.getCell("A4").value).toBe('ขอนแก่น & <ภาค> "อีสาน"');
    expect(ws.getCell("B4").value).toBeNull();
    expect(ws.getCell("C4").value).toBe(true);
    expect(ws.getCell("D5").value).toBe("ไม่มี\nสองบรรทัด");
    // formula-looking text: a string, never a formula, shown as written (quote prefix)
    for (const ref of ["D2", "D3", "D4"]) {
      expect(ws.getCell(ref).type, ref).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(ref).formula, ref).toBeUndefined();
    }
    expect(ws.getCell("D2").value).toBe('=HYPERLINK("http://evil.example","คลิก")');
    // stored uncompressed, so the parts read as text: those cells carry the quote-prefix style (exceljs does not read it)
    const raw = new TextDecoder().decode(bytes);
    for (const ref of ["D2", "D3", "D4"]) expect(raw).toContain(`<c r="${ref}" t="inlineStr" s="2">`);
    expect(raw).toContain('quotePrefix="1"');
    expect(ws.rowCount).toBe(5);
    // widths follow the content, within bounds
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(10);
    expect(ws.getColumn(4).width).toBeLessThanOrEqual(62);
  });

  it("an empty table is still a valid workbook with its header", async () => {
    const wb = await load(toXlsx(["a", "b"], []));
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, "a", "b"]);
  });
});
