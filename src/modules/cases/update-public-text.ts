import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { searchText } from "../../platform/thai/segment.js";
import { parseInput } from "../../platform/validation.js";
import { UpdatePublicTextInput } from "./contracts.js";
import { assertVersion, mustGetCase, recordEvent, requireHandler } from "./case-rules.js";
import { cases } from "./tables.js";

/** A handler corrects what the public reads of a case (e.g. a name the automatic redaction missed); the original stays. */
export async function updatePublicText({ ctx, input }: { ctx: Ctx; input: { id: string } & Record<string, unknown> }): Promise<{ id: string; publicText: string; version: number }> {
  const { id, ...rest } = input;
  const i = parseInput(UpdatePublicTextInput, rest);
  return withTransaction(ctx, async (tx) => {
    const c = await mustGetCase(tx, id, { lock: true });
    await requireHandler(tx, c);
    assertVersion(c, i.version);
    await tx.db.update(cases).set({ publicText: i.publicText, publicSearchText: searchText(i.publicText), version: c.version + 1, updatedAt: tx.now() }).where(eq(cases.id, c.id));
    await recordEvent(tx, c, { kind: "public-text", visibility: "internal", textTh: "แก้ไขข้อความที่เผยแพร่" });
    // the audit keeps lengths, not the texts: the old text may be the very personal data being removed
    await writeAudit(tx, { action: "cases.case.public-text", entityType: "case", entityId: c.id, provinceCode: c.provinceCode, before: { length: c.publicText.length }, after: { length: i.publicText.length } });
    return { id: c.id, publicText: i.publicText, version: c.version + 1 };
  });
}
