import { inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ComparePilotInput, type PilotComparison, type PilotDid, type PilotOutcomeView, type PilotVerdict } from "./contracts.js";
import { differenceInDifferences, type DidObservation, type DidResult, type PeriodGroupStat } from "./did.js";
import { programmeOutcomes } from "./get-programme.js";
import { mustGetProgramme, programmeRoles, requireStaffRead } from "./pilot-rules.js";
import { pilotObservations } from "./tables.js";

/** Improved or worsened only when the whole interval lies on one side of zero; which side is good depends on the outcome's direction. */
export function verdictOf(direction: string, ci: { low: number; high: number } | null): PilotVerdict {
  if (!ci) return "not-estimable";
  if (ci.low > 0) return direction === "higher" ? "improved" : "worsened";
  if (ci.high < 0) return direction === "lower" ? "improved" : "worsened";
  return "no-clear-effect";
}

/** The plain statement every estimate carries: how many provinces it rests on and what that means. */
export function smallSampleNote(nP: number, nC: number): PilotDid["smallSample"] {
  if (nP === 0 || nC === 0) {
    return { pilot: nP, comparison: nC, messageTh: "ยังไม่มีจังหวัดที่มีข้อมูลครบทั้งก่อนและหลังเริ่มโครงการในทั้งสองกลุ่ม จึงยังประเมินผลไม่ได้", messageEn: "No group yet has a province with data both before and after the start, so nothing can be estimated yet" };
  }
  return {
    pilot: nP,
    comparison: nC,
    messageTh: `ค่าประมาณนี้มาจากจังหวัดนำร่องเพียง ${nP} จังหวัดและจังหวัดเปรียบเทียบ ${nC} จังหวัด จึงมีความไม่แน่นอนสูง ช่วงความเชื่อมั่นกว้าง จังหวัดเดียวที่ผิดปกติอาจเปลี่ยนผลได้มาก และผลทั้งหมดตั้งอยู่บนสมมติฐานแนวโน้มขนาน ควรอ่านร่วมกับกราฟและบริบทของแต่ละจังหวัด`,
    messageEn: `This estimate rests on only ${nP} pilot and ${nC} comparison province(s): it is uncertain, its interval is wide, one unusual province can move it a lot, and all of it rests on the parallel-trends assumption. Read it with the chart and each province's context.`,
  };
}

const group = (g: PeriodGroupStat | null) => (g ? { n: g.n, mean: g.mean, sd: g.sd, ci: g.ci } : null);

function present(outcome: PilotOutcomeView, r: DidResult, roleOf: Map<string, "pilot" | "comparison">): { series: PilotComparison["outcomes"][number]["series"]; did: PilotDid } {
  return {
    series: r.overTime.map((p) => ({ period: p.period, phase: p.phase, pilot: group(p.pilot), comparison: group(p.comparison), gap: p.gap?.estimate ?? null })),
    did: {
      method: r.method,
      treatmentStart: r.treatmentStart,
      estimate: r.estimate,
      se: r.se,
      df: r.df,
      tCritical: r.tCritical,
      ci: r.ci,
      pValue: r.pValue,
      units: r.units,
      observations: r.observations,
      cells: { pilot: { pre: r.cells.pilot.pre.mean, post: r.cells.pilot.post.mean }, comparison: { pre: r.cells.comparison.pre.mean, post: r.cells.comparison.post.mean } },
      unitDifferences: r.unitDifferences.map((u) => ({ provinceCode: u.unit, role: roleOf.get(u.unit) ?? u.group, preMean: u.preMean, postMean: u.postMean, difference: u.difference })),
      droppedUnits: r.droppedUnits.map((d) => ({ provinceCode: d.unit, role: d.group, reason: d.reason })),
      warnings: r.warnings.map((w) => ({ code: w.code, messageTh: w.messageTh, messageEn: w.messageEn })),
      verdict: r.estimate === null ? "not-estimable" : verdictOf(outcome.direction, r.ci),
      smallSample: smallSampleNote(r.units.pilot, r.units.comparison),
    },
  };
}

/**
 * The comparison view of a programme: for every outcome, the pilot-group and comparison-group means per period
 * (the chart) and the difference-in-differences estimate with its confidence interval (did.ts: Welch on each
 * province's before/after change), with the warnings and a plain note of how few provinces it rests on.
 */
export async function compareProgramme({ ctx, input }: { ctx: Ctx; input: { programmeId: string } & z.input<typeof ComparePilotInput> }): Promise<PilotComparison> {
  requireStaffRead(ctx);
  const i = parseInput(ComparePilotInput, input);
  const p = await mustGetProgramme(ctx, input.programmeId);
  const roleOf = await programmeRoles(ctx, p.id);
  const outcomes = await programmeOutcomes(ctx, p.id);
  const rows = outcomes.length ? await ctx.db.select().from(pilotObservations).where(inArray(pilotObservations.outcomeId, outcomes.map((o) => o.id))) : [];
  return {
    programmeId: p.id,
    treatmentStart: p.treatmentStart,
    level: i.level,
    outcomes: outcomes.map((outcome) => {
      const obs: DidObservation[] = rows
        .filter((r) => r.outcomeId === outcome.id && roleOf.has(r.provinceCode))
        .map((r) => ({ unit: r.provinceCode, group: roleOf.get(r.provinceCode)!, period: r.periodEnd, value: r.value }));
      return { outcome, ...present(outcome, differenceInDifferences(obs, { treatmentStart: p.treatmentStart, level: i.level }), roleOf) };
    }),
    assumptionTh:
      "ผลต่างของผลต่างถือว่า หากไม่มีโครงการนำร่อง จังหวัดนำร่องและจังหวัดเปรียบเทียบจะเปลี่ยนแปลงไปในทิศทางและขนาดเดียวกันโดยเฉลี่ย (แนวโน้มขนาน) ตรวจดูได้จากกราฟช่วงก่อนเริ่มโครงการ: เส้นทั้งสองควรขนานกัน",
    assumptionEn:
      "The difference-in-differences assumes that without the pilot, pilot and comparison provinces would have changed by the same amount on average (parallel trends). Check the chart before the start: the two lines should run parallel.",
  };
}
