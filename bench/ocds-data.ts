// Synthetic procurement processes for the OCDS export benchmark (and the streaming test): n processes in the
// implementation stage, each with two juristic-person tenderers (valid check digits), one award/contract and two
// payments, inserted by set-based SQL (generate_series) in batches — 100,000 processes in seconds, not minutes.
import type { Database } from "../src/platform/db/client.js";

/** Inserts processes `from+1 … from+n` (ids `${tag}-00000001` …) of one project and buyer; returns how many rows were written. */
export async function insertSyntheticProcurements(db: Database, opts: { n: number; from?: number; tag?: string; projectId: string; buyerOrgId: string; provinceCode: string; ocidPrefix?: string }): Promise<number> {
  const { n, projectId, buyerOrgId, provinceCode } = opts;
  const from = opts.from ?? 0;
  const tag = opts.tag ?? "bench";
  const prefix = opts.ocidPrefix ?? "ocds-changw";
  const step = 20_000;
  for (let lo = from + 1; lo <= from + n; lo += step) {
    const hi = Math.min(from + n, lo + step - 1);
    const series = `generate_series(${lo}, ${hi}) g`;
    const id = `'${tag}-' || lpad(g::text, 8, '0')`;
    // a tax id: '0' + 11 digits of the serial, then the Revenue Department check digit computed in SQL
    const tin = (k: number) => `(select b || ((11 - (sum(substr(b, i, 1)::int * (14 - i)) % 11)) % 10)::text from (select '0' || lpad((g * 2 + ${k})::text, 11, '0') as b) x, generate_series(1, 12) i group by b)`;
    await db.exec(`
      insert into procurements (id, ocid, project_id, province_code, fiscal_year, buyer_org_id, title_th, description_th, method, method_details_th, category, planned_value, tender_value, tender_start, tender_end, stage, version, is_demo, created_at, updated_at)
      select ${id}, '${prefix}-' || ${id}, '${projectId}', '${provinceCode}', 2570, '${buyerOrgId}', 'จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ' || (g % 20 + 1) || ' ลำดับ ' || g, 'ขนาดกว้าง 6 เมตร ยาว ' || (100 + g % 900) || ' เมตร',
        (array['open','selective','limited','direct'])[1 + g % 4], (array['e-bidding','คัดเลือก','เฉพาะเจาะจง','เฉพาะเจาะจง'])[1 + g % 4], (array['works','goods','services'])[1 + g % 3],
        5000000 + g % 1000, 4950000, '2026-10-05', '2026-10-20', 'implementation', 5, false, now(), now()
      from ${series};
      insert into procurement_parties (id, procurement_id, province_code, name_th, tax_id, role, bid_amount)
      select ${id} || '-p' || k, ${id}, '${provinceCode}', case k when 1 then 'บริษัท ตัวอย่างก่อสร้าง ' || g || ' จำกัด' else 'ห้างหุ้นส่วนจำกัด ตัวอย่างโยธา ' || g end,
        case k when 1 then ${tin(0)} else ${tin(1)} end, case k when 1 then 'supplier' else 'tenderer' end, 4800000 + k * 50000
      from ${series}, generate_series(1, 2) k;
      insert into procurement_contracts (id, procurement_id, province_code, supplier_party_id, award_amount, award_date, contract_no, contract_amount, signed_on, period_start, period_end, status)
      select ${id} || '-c', ${id}, '${provinceCode}', ${id} || '-p1', 4850000, '2026-10-27', 'ส ' || g || '/2570', 4800000, '2026-11-02', '2026-11-03', '2027-05-01', 'active'
      from ${series};
      insert into procurement_payments (id, contract_id, procurement_id, province_code, amount, paid_on)
      select ${id} || '-pay' || k, ${id} || '-c', ${id}, '${provinceCode}', 1000000 * k + 0.5, ('2026-11-1' || k)::date
      from ${series}, generate_series(1, 2) k;
    `);
  }
  return n;
}
