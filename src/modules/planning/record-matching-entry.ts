import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { MatchingEntryInput, type MatchingFundDetail } from "./contracts-funds.js";
import { checkVersion } from "./emergency-rules.js";
import { actorId, bahtText, bahtWords, todayOf, toSatang } from "./funds-rules.js";
import { getMatchingFund } from "./get-matching-fund.js";
import { entriesOf, mustGetMatching, totals } from "./matching-rules.js";
import { matchingFundEntries, matchingFunds } from "./tables.js";

const PARTY_TH = { province: "จังหวัด", local: "องค์กรปกครองส่วนท้องถิ่น" } as const;
const PARTY_EN = { province: "the province", local: "the local government" } as const;

/**
 * Records a party's commitment or transfer on an agreed matching fund: commitments never exceed the party's
 * share, transfers never exceed its commitments. When both shares are fully transferred the fund is funded.
 */
export async function recordMatchingEntry({ ctx, input }: { ctx: Ctx; input: MatchingEntryInput }): Promise<MatchingFundDetail> {
  const i = parseInput(MatchingEntryInput, input);
  await withTransaction(ctx, async (tx) => {
    const m = await mustGetMatching(tx, i.id, true);
    await requirePermission(tx, "planning:matching.write", provinceScope(m.provinceCode));
    checkVersion(m, i.version);
    if (m.status !== "agreed") {
      throw new RuleViolation("planning.matching.not-agreed", "บันทึกการผูกพันและการโอนเงินได้เมื่อทั้งสองฝ่ายตกลงแล้วและยังโอนไม่ครบเท่านั้น", "Commitments and transfers are recorded only while the fund is agreed and not yet fully funded");
    }
    const today = todayOf(tx);
    const entryOn = i.entryOn ?? today;
    if (entryOn > today) throw new ValidationError([{ path: "entryOn", code: "planning.date-in-future", messageTh: "วันที่ต้องไม่เกินวันนี้", messageEn: "The date is in the future" }]);
    const t = totals(await entriesOf(tx, [m.id]));
    const amount = toSatang(i.amount);
    const share = toSatang(i.party === "province" ? m.provinceShare : m.localShare);
    const mine = t[i.party];
    if (i.kind === "commitment" && mine.committed + amount > share) {
      const left = share - mine.committed;
      throw new RuleViolation("planning.matching.over-share", `ยอดผูกพันของ${PARTY_TH[i.party]}จะเกินส่วนแบ่ง (ผูกพันเพิ่มได้อีก ${bahtWords(left, "th")})`, `The commitments of ${PARTY_EN[i.party]} would exceed its share (${bahtWords(left, "en")} may still be committed)`, { left: bahtText(left) });
    }
    if (i.kind === "transfer" && mine.transferred + amount > mine.committed) {
      const left = mine.committed - mine.transferred;
      throw new RuleViolation("planning.matching.over-commitment", `ยอดโอนของ${PARTY_TH[i.party]}จะเกินยอดที่ผูกพันไว้ (โอนเพิ่มได้อีก ${bahtWords(left, "th")})`, `The transfers of ${PARTY_EN[i.party]} would exceed its commitments (${bahtWords(left, "en")} may still be transferred)`, { left: bahtText(left) });
    }
    const entry = { id: newId(tx.now().getTime()), matchingFundId: m.id, provinceCode: m.provinceCode, party: i.party, kind: i.kind, amount: bahtText(amount), entryOn, referenceTh: i.referenceTh ?? "", recordedBy: actorId(tx) };
    await tx.db.insert(matchingFundEntries).values(entry);
    if (i.kind === "transfer") mine.transferred += amount;
    const funded = t.province.transferred === toSatang(m.provinceShare) && t.local.transferred === toSatang(m.localShare);
    await tx.db.update(matchingFunds).set({ status: funded ? "funded" : m.status, version: sql`${matchingFunds.version} + 1`, updatedAt: tx.now() }).where(eq(matchingFunds.id, m.id));
    await writeAudit(tx, { action: `planning.matching.${i.kind}`, entityType: "matching-fund", entityId: m.id, provinceCode: m.provinceCode, before: { status: m.status }, after: { ...entry, status: funded ? "funded" : m.status } });
  });
  return getMatchingFund({ ctx, input: { id: i.id } });
}
