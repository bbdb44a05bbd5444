import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "../../web/i18n/en.json";
import th from "../../web/i18n/th.json";
import { networksModule } from "./module.js";

const dir = path.dirname(new URL(import.meta.url).pathname);
/** Every `action: "networks.…"` inside a writeAudit call of the module's source (tests excluded). */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".ts") && !x.endsWith(".test.ts"))) {
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    for (const call of src.split("writeAudit(").slice(1)) {
      const m = /action:\s*["'`]([^"'`]+)["'`]/.exec(call.slice(0, 400));
      expect(m, `${f}: a writeAudit call whose action is not a plain string`).not.toBeNull();
      found.set(m![1]!, f);
    }
  }
  return found;
}
const label = (tree: unknown, action: string) => action.split(".").reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Record<string, unknown>)[k] : undefined), (tree as { history: { actionLabels: unknown } }).history.actionLabels);

describe("networks audit actions read as words in record histories", () => {
  it("every action the module writes is declared in its manifest, and every declared one is written", () => {
    const written = writtenActions();
    expect(written.size).toBeGreaterThanOrEqual(5);
    expect([...written.keys()].sort()).toEqual([...networksModule.auditActions].sort());
  });

  it("every networks audit action has a Thai label (in Thai script) and an English one (history.actionLabels)", () => {
    for (const a of writtenActions().keys()) {
      const [t, e] = [label(th, a), label(en, a)];
      expect(typeof t, `th: ${a}`).toBe("string");
      expect(typeof e, `en: ${a}`).toBe("string");
      expect(t as string, `th: ${a}`).toMatch(/[\u0E00-\u0E7F]/);
      expect(e as string, `en: ${a}`).not.toMatch(/[\u0E00-\u0E7F]/);
    }
  });
});
