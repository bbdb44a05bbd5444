import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import { evaluate, OTHER_LABEL, rankingMetrics, suggest, textFeatures, trainClassifier, type ClassifierModel } from "./classifier.js";

// Three categories with their own words; the shared filler words carry no signal.
const ROAD = ["ถนนเป็นหลุมใหญ่", "ผิวถนนแตกร้าว", "หลุมบนถนนลึกมาก", "ถนนทรุดตัว", "ยางมะตอยถนนหลุด", "ถนนชำรุดเป็นหลุม"];
const LIGHT = ["ไฟฟ้าดับทั้งซอย", "เสาไฟฟ้าเอียง", "หลอดไฟฟ้าไม่ติด", "ไฟฟ้าส่องสว่างเสีย", "สายไฟฟ้าห้อย", "ไฟฟ้ากะพริบตลอดคืน"];
const WASTE = ["ขยะล้นถัง", "ไม่มีคนเก็บขยะ", "ขยะส่งกลิ่นเหม็น", "กองขยะริมทาง", "ทิ้งขยะไม่เป็นที่", "ขยะเต็มซอย"];
const FILLER = ["ช่วยด้วยครับ", "ขอให้แก้ไขด่วน", "แจ้งมาหลายครั้งแล้ว"];
const toy = [
  ...ROAD.map((t, i) => ({ text: `${t} ${FILLER[i % 3]}`, label: "ถนน" })),
  ...LIGHT.map((t, i) => ({ text: `${t} ${FILLER[i % 3]}`, label: "ไฟฟ้า" })),
  ...WASTE.map((t, i) => ({ text: `${t} ${FILLER[i % 3]}`, label: "ขยะ" })),
  { text: "ถนนหน้าบ้านเป็นหลุม ขอให้แก้ไขด่วน", label: "ถนน" }, // one more road case: the prior is not uniform
];
const unseen = [
  { text: "แถวนี้ถนนเป็นหลุมเยอะ", label: "ถนน" },
  { text: "ไฟฟ้าดับมาสองวันแล้ว", label: "ไฟฟ้า" },
  { text: "มีขยะกองอยู่หน้าตลาด", label: "ขยะ" },
];

describe("textFeatures", () => {
  it("splits Thai into words, lower-cases Latin, drops punctuation and bare numbers", () => {
    const f = textFeatures("ถนนเป็นหลุม!! ที่ซอย 12 PM2.5 สูง", { wordBigrams: false, thaiCharBigrams: false, dropNumbers: true });
    expect(f).toEqual(expect.arrayContaining(["ถนน", "หลุม", "ซอย", "pm2", "สูง"]));
    expect(f).not.toContain("12");
    expect(f.some((t) => /[!\s.]/.test(t))).toBe(false);
  });

  it("adds word pairs and Thai character bigrams only when asked", () => {
    const f = textFeatures("ไฟดับ", { wordBigrams: true, thaiCharBigrams: true, dropNumbers: true });
    expect(f).toEqual(expect.arrayContaining(["ไฟ", "ดับ", "ไฟ ดับ", "#ไฟ", "#ดั"]));
  });
});

describe.each(["logistic", "naive-bayes"] as const)("trainClassifier (%s)", (algorithm) => {
  const model = trainClassifier(toy, { algorithm, minTermCount: 1 });

  it("learns a separable Thai set: every unseen text gets its category first", () => {
    for (const e of unseen) expect(suggest(model, e.text, 1)[0].label, e.text).toBe(e.label);
    const ev = evaluate(model, [...toy, ...unseen]);
    expect(ev.macroF1).toBe(1);
    expect(ev.top1Accuracy).toBe(1);
  });

  it("returns at most k suggestions, sorted, with confidences in [0, 1] summing to ≤ 1", () => {
    for (const k of [0, 1, 2, 3, 10]) {
      const s = suggest(model, "ถนนเป็นหลุม ไฟฟ้าดับ", k);
      expect(s.length).toBe(Math.min(k, 3));
      for (let i = 1; i < s.length; i++) expect(s[i - 1].confidence).toBeGreaterThanOrEqual(s[i].confidence);
      for (const x of s) expect(x.confidence).toBeGreaterThanOrEqual(0);
      expect(s.reduce((a, x) => a + x.confidence, 0)).toBeLessThanOrEqual(1 + 1e-12);
    }
    expect(suggest(model, "ขยะล้นถัง").map((s) => s.label)).toHaveLength(3); // k defaults to 3
  });

  it("gives the training prior for an empty text or a text with no known word", () => {
    const prior = [
      { label: "ถนน", confidence: 7 / 19 },
      { label: "ขยะ", confidence: 6 / 19 },
      { label: "ไฟฟ้า", confidence: 6 / 19 },
    ];
    expect(suggest(model, "")).toEqual(prior);
    expect(suggest(model, "  !!  ")).toEqual(prior);
    expect(suggest(model, "hello world")).toEqual(prior);
  });

  it("survives a JSON round trip with identical suggestions", () => {
    const copy = JSON.parse(JSON.stringify(model)) as ClassifierModel;
    for (const text of [...unseen.map((e) => e.text), "ถนน ไฟฟ้า ขยะ", ""]) expect(suggest(copy, text)).toEqual(suggest(model, text));
  });

  it("is deterministic: the same examples give the same model", () => {
    expect(trainClassifier(toy, { algorithm, minTermCount: 1 })).toEqual(model);
  });
});

describe("calibration", () => {
  it("fits a score scale on the newest 20 %: same ranking as uncalibrated, different confidences", () => {
    const many = Array.from({ length: 6 }, () => toy).flat(); // 114 examples → 22 held out
    const calibrated = trainClassifier(many);
    const raw = trainClassifier(many, { calibrate: false });
    expect(raw.scale).toBe(1);
    expect(calibrated.scale).not.toBe(1);
    expect({ ...calibrated, scale: 1 }).toEqual(raw); // the final fit uses every example either way
    const text = "ถนนเป็นหลุม ไฟฟ้าดับ";
    expect(suggest(calibrated, text).map((s) => s.label)).toEqual(suggest(raw, text).map((s) => s.label));
    expect(suggest(calibrated, text)[0].confidence).not.toBeCloseTo(suggest(raw, text)[0].confidence, 3);
  });
});

describe("rare labels and bad input", () => {
  const withRare = [...toy, { text: "สุนัขจรจัดกัดคน", label: "สัตว์" }, { text: "แมวจรจัด", label: "สัตว์" }, { text: "น้ำท่วมขัง", label: "น้ำท่วม" }];

  it("folds labels with fewer than minLabelCount examples into (other), and evaluate scores them as (other)", () => {
    const m = trainClassifier(withRare, { minLabelCount: 3, minTermCount: 1 });
    expect(m.labels).toContain(OTHER_LABEL);
    expect(m.labels).not.toContain("สัตว์");
    expect(m.foldedLabels).toEqual(["น้ำท่วม", "สัตว์"]);
    expect(m.labelCounts[m.labels.indexOf(OTHER_LABEL)]).toBe(3);
    const ev = evaluate(m, [{ text: "สุนัขจรจัดกัดคน", label: "สัตว์" }]);
    expect(ev.perLabel.map((p) => p.label)).toContain(OTHER_LABEL);
  });

  it("drops the rare labels' examples when otherLabel is null", () => {
    const m = trainClassifier(withRare, { minLabelCount: 3, otherLabel: null });
    expect(m.labels.slice().sort()).toEqual(["ขยะ", "ถนน", "ไฟฟ้า"]);
    expect(m.labelCounts.reduce((a, b) => a + b, 0)).toBe(19);
  });

  it("refuses to train without any labelled example (stable code, Thai and English)", () => {
    for (const examples of [[], [{ text: "ถนน", label: " " }]]) {
      let caught: unknown;
      try {
        trainClassifier(examples);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).fields?.[0]).toMatchObject({ code: "classifier.no-examples", messageTh: expect.stringMatching(/[ก-๙]/) });
    }
  });
});

describe("evaluate: macro-F1 by hand", () => {
  // A hand-written logistic model: each word points at one label; no calibration.
  const model: ClassifierModel = {
    format: "changwat.text-classifier/1",
    algorithm: "logistic",
    features: { wordBigrams: false, thaiCharBigrams: false, dropNumbers: true },
    vocabulary: ["road", "light", "waste"],
    labels: ["A", "B", "C"],
    labelCounts: [2, 1, 1],
    foldedLabels: [],
    otherLabel: OTHER_LABEL,
    bias: [0, 0, 0],
    weights: [
      { terms: [0], values: [5] },
      { terms: [1], values: [5] },
      { terms: [2], values: [5] },
    ],
    alpha: 0,
    scale: 1,
  };

  it("truth A A B C, predicted A B B A: F1 A = 1/2, B = 2/3, C = 0, macro = 7/18", () => {
    const ev = evaluate(model, [
      { text: "road", label: "A" },
      { text: "light", label: "A" },
      { text: "light", label: "B" },
      { text: "road", label: "C" },
    ]);
    expect(ev.macroF1).toBeCloseTo(7 / 18, 12);
    expect(ev.top1Accuracy).toBe(0.5);
    expect(ev.top3Accuracy).toBe(1); // three labels: the true one is always in the top 3
    expect(ev.perLabel).toEqual([
      { label: "A", precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      { label: "B", precision: 0.5, recall: 1, f1: 2 / 3, support: 1 },
      { label: "C", precision: 0, recall: 0, f1: 0, support: 1 },
    ]);
  });

  it("counts a top-k hit on any acceptable label (multi-label) but F1 on the primary one", () => {
    const ev = evaluate(model, [{ text: "light", label: "A", labels: ["B"] }]);
    expect(ev.top1Accuracy).toBe(1);
    expect(ev.macroF1).toBe(0); // A: recall 0; B: predicted once, no support
  });

  it("rankingMetrics: a label only ever predicted enters the average with F1 0; top-3 looks at three ranks", () => {
    const ev = rankingMetrics([
      { label: "x", ranked: ["x", "y", "z"] },
      { label: "x", ranked: ["y", "z", "w", "x"] },
    ]);
    expect(ev.perLabel.map((p) => [p.label, p.f1])).toEqual([
      ["x", 2 / 3],
      ["y", 0],
    ]);
    expect(ev.macroF1).toBeCloseTo(1 / 3, 12);
    expect(ev.top3Accuracy).toBe(0.5);
    expect(rankingMetrics([])).toMatchObject({ macroF1: 0, top1Accuracy: 0, top3Accuracy: 0, perLabel: [] });
  });
});
