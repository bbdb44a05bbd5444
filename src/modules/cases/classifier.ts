// Routing suggestions from a case's Thai text (issue 6 item 2): a small, dependency-free text classifier trained on
// the deployment's own routed cases (text → category, text → assigned organisation). Words come from Intl.Segmenter
// (platform/thai/segment.ts). The model is a plain JSON object, so it can be stored in one JSON column and reloaded.
// Default: softmax logistic regression, plain SGD, label-balanced — it beat multinomial naive Bayes on a validation
// split of real Traffy complaints (macro-F1 0.52 against 0.40) and its probabilities are less over-confident
// (docs/PERFORMANCE.md). Naive Bayes stays as an option. Deterministic: same examples and options → same model.
import { mulberry32 } from "../../platform/demo-random.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { searchTerms } from "../../platform/thai/segment.js";

/** Options of trainClassifier; every field has a measured default. */
export type ClassifierOptions = {
  /** "logistic" (default: softmax regression trained with SGD) or "naive-bayes" (multinomial, faster and smaller, less accurate). */
  algorithm?: "naive-bayes" | "logistic";
  /** A term must occur in at least this many training texts to enter the vocabulary (default 2). */
  minTermCount?: number;
  /** At most this many terms, the most frequent first (default 30,000). */
  maxVocabulary?: number;
  /** Labels with fewer training examples are folded into `otherLabel` (default 3). */
  minLabelCount?: number;
  /** The label rare labels fold into (default OTHER_LABEL); null drops their examples instead. */
  otherLabel?: string | null;
  /** Add adjacent-word pairs as features (default false). */
  wordBigrams?: boolean;
  /** Add character bigrams of Thai words as features (default false). */
  thaiCharBigrams?: boolean;
  /** Drop terms made only of digits: house numbers and dates say nothing about the category (default true). */
  dropNumbers?: boolean;
  /** Naive Bayes: additive smoothing of term counts (default 0.1). */
  alpha?: number;
  /** Logistic: passes over the data (default: enough for 100,000 updates, 3 to 10 passes). */
  epochs?: number;
  /** Logistic: initial SGD step (default 1), decayed as step / (1 + t / n). */
  learningRate?: number;
  /** Logistic: L2 penalty per update (default 1e-3). */
  l2?: number;
  /** Logistic: weights smaller than this in absolute value are not stored (default 0.03): the JSON shrinks by 40 % at no measured loss. */
  minWeight?: number;
  /** Logistic: weight each example by 1 / its label's frequency (capped at 10×), so small labels count as much as large ones (default true: +0.15 macro-F1). */
  balanceLabels?: boolean;
  /** Fit a temperature on the newest 20 % (examples are expected oldest first) so confidences match accuracy (default true). */
  calibrate?: boolean;
  /** Seed of the shuffling PRNG (default 1). */
  seed?: number;
};

/** A trained model: plain JSON (numbers, strings, arrays), stored as is and reloaded with JSON.parse. */
export type ClassifierModel = {
  format: "changwat.text-classifier/1";
  algorithm: "naive-bayes" | "logistic";
  features: { wordBigrams: boolean; thaiCharBigrams: boolean; dropNumbers: boolean };
  vocabulary: string[];
  labels: string[];
  /** Training examples per label (same order as labels), after folding. */
  labelCounts: number[];
  /** Labels folded into otherLabel for having too few examples (or dropped when otherLabel is null). */
  foldedLabels: string[];
  otherLabel: string | null;
  /** Per label: naive Bayes log prior, or the logistic intercept. */
  bias: number[];
  /** Per label, sparse: term indexes and their values (naive Bayes: term counts; logistic: weights). */
  weights: { terms: number[]; values: number[] }[];
  /** Naive Bayes smoothing (0 for logistic). */
  alpha: number;
  /** Multiplies the scores before the softmax (1 / temperature), fitted on held-out examples; 1 = uncalibrated. */
  scale: number;
};

/** One suggestion: a label and its probability. */
export type Suggestion = { label: string; confidence: number };

/** What evaluate returns: macro-F1 on the primary label; top-k accuracy counts any acceptable label (multi-label data). */
export type Evaluation = {
  macroF1: number;
  top1Accuracy: number;
  top3Accuracy: number;
  perLabel: { label: string; precision: number; recall: number; f1: number; support: number }[];
};

/** The label rare labels fold into by default. */
export const OTHER_LABEL = "(other)";

const DEFAULTS = {
  algorithm: "logistic",
  minTermCount: 2,
  maxVocabulary: 30_000,
  minLabelCount: 3,
  otherLabel: OTHER_LABEL,
  wordBigrams: false,
  thaiCharBigrams: false,
  dropNumbers: true,
  alpha: 0.1,
  epochs: 0, // 0 = automatic
  learningRate: 1,
  l2: 1e-3,
  minWeight: 0.03,
  balanceLabels: true,
  calibrate: true,
  seed: 1,
} satisfies Required<ClassifierOptions>;

const MAX_LABEL_WEIGHT = 10;
const CALIBRATION_SHARE = 0.2;
const MIN_CALIBRATION_EXAMPLES = 20;
const THAI = /[\u0E01-\u0E4E]/;
const DIGITS_ONLY = /^\d+$/;

/** The features of a text: its words (Intl.Segmenter, lower-cased, punctuation dropped), optionally word pairs and Thai character bigrams; distinct, in order of first appearance. */
export function textFeatures(text: string, features: ClassifierModel["features"]): string[] {
  const words = searchTerms(text).filter((w) => !(features.dropNumbers && DIGITS_ONLY.test(w)));
  const out = new Set(words);
  if (features.wordBigrams) for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  if (features.thaiCharBigrams) {
    for (const w of words) {
      if (!THAI.test(w)) continue;
      const chars = Array.from(w);
      // "#" never occurs in a word (searchTerms splits on it), so bigrams cannot collide with words.
      for (let i = 1; i < chars.length; i++) out.add(`#${chars[i - 1]}${chars[i]}`);
    }
  }
  return [...out];
}

/** Trains a model on labelled texts, oldest first (deterministic; rare labels folded per options.minLabelCount). */
export function trainClassifier(examples: { text: string; label: string }[], opts: ClassifierOptions = {}): ClassifierModel {
  const o = { ...DEFAULTS, ...opts };
  const features = { wordBigrams: o.wordBigrams, thaiCharBigrams: o.thaiCharBigrams, dropNumbers: o.dropNumbers };

  // Labels: count, fold the rare ones, order by count (then name) so the stored order does not depend on input order.
  const rawCounts = new Map<string, number>();
  for (const e of examples) {
    const label = e.label?.trim();
    if (label) rawCounts.set(label, (rawCounts.get(label) ?? 0) + 1);
  }
  const folded = [...rawCounts].filter(([l, n]) => n < o.minLabelCount && l !== o.otherLabel).map(([l]) => l).sort(cmp);
  const foldedSet = new Set(folded);
  const mapLabel = (label: string) => (foldedSet.has(label) ? o.otherLabel : label);
  const counts = new Map<string, number>();
  for (const [l, n] of rawCounts) {
    const m = mapLabel(l);
    if (m !== null) counts.set(m, (counts.get(m) ?? 0) + n);
  }
  const labels = [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([l]) => l);
  if (labels.length === 0) {
    throw new ValidationError([
      fieldError("examples", "classifier.no-examples", "ไม่มีตัวอย่างที่มีหมวดหมู่สำหรับฝึกตัวจำแนก", "There are no labelled examples to train the classifier on"),
    ]);
  }
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  // Documents: distinct features per text; vocabulary by document frequency.
  const docs: { f: string[]; y: number }[] = [];
  const df = new Map<string, number>();
  for (const e of examples) {
    const label = e.label?.trim();
    const m = label ? mapLabel(label) : null;
    if (m === null) continue;
    const f = textFeatures(e.text ?? "", features);
    for (const t of f) df.set(t, (df.get(t) ?? 0) + 1);
    docs.push({ f, y: labelIndex.get(m)! });
  }
  const vocabulary = [...df]
    .filter(([, n]) => n >= o.minTermCount)
    .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
    .slice(0, o.maxVocabulary)
    .map(([t]) => t);
  const termIndex = new Map(vocabulary.map((t, i) => [t, i]));
  const data: Data = {
    X: docs.map((d) => Int32Array.from(d.f.map((t) => termIndex.get(t) ?? -1).filter((i) => i >= 0))),
    Y: docs.map((d) => d.y),
    L: labels.length,
    V: vocabulary.length,
  };
  const labelCounts = labels.map((l) => counts.get(l)!);
  const N = docs.length;
  const all = Array.from({ length: N }, (_, i) => i);

  // Temperature: fit a model on the older 80 %, choose the score scale that best predicts the newest 20 %, then
  // train on everything with that scale (slightly under-confident, as the final model has seen more).
  let scale = 1;
  const held = Math.floor(N * CALIBRATION_SHARE);
  if (o.calibrate && labels.length > 1 && held >= MIN_CALIBRATION_EXAMPLES) {
    const older = all.slice(0, N - held);
    const newer = all.slice(N - held);
    const sub = fit(data, older, o);
    const table = scoringTable(sub.algorithm, sub.w, sub.alpha, data.V, data.L);
    scale = fitScale(newer.map((n) => rawScores(sub.algorithm, data.X[n], table, sub.bias, data.L)), newer.map((n) => data.Y[n]));
  }
  const final = fit(data, all, o);
  return {
    format: "changwat.text-classifier/1",
    algorithm: final.algorithm,
    features,
    vocabulary,
    labels,
    labelCounts,
    foldedLabels: folded,
    otherLabel: o.otherLabel,
    bias: Array.from(final.bias),
    weights: sparse(final.w, data.V, data.L),
    alpha: final.alpha,
    scale: round4(scale),
  };
}

type Data = { X: Int32Array[]; Y: number[]; L: number; V: number };
type Fitted = { algorithm: ClassifierModel["algorithm"]; bias: Float64Array; w: Float64Array; alpha: number };

/** Fits the chosen algorithm on the documents `rows`; w is [term][label] in stored form (NB: counts, LR: rounded weights). */
function fit(d: Data, rows: number[], o: Required<ClassifierOptions>): Fitted {
  const { X, Y, L, V } = d;
  const N = rows.length;
  const counts = new Float64Array(L);
  for (const n of rows) counts[Y[n]]++;
  // A label absent from these rows (calibration split) still needs a finite prior.
  const prior = Float64Array.from(counts, (c) => Math.log((c + 0.5) / (N + 0.5 * L)));

  if (o.algorithm === "naive-bayes") {
    const tc = new Float64Array(V * L);
    for (const n of rows) for (const t of X[n]) tc[t * L + Y[n]] += 1;
    return { algorithm: "naive-bayes", bias: prior.map(round4), w: tc, alpha: o.alpha };
  }

  // Softmax regression, plain SGD over a seeded shuffle; inputs are binary, scaled to unit length.
  const w = new Float64Array(V * L);
  const b = Float64Array.from(prior);
  // Capped: with 50k cases a label of 3 would otherwise take steps 500× larger than the rest and never settle.
  const exampleWeight = Float64Array.from(counts, (c) => (o.balanceLabels && c > 0 ? Math.min(MAX_LABEL_WEIGHT, Math.max(1 / MAX_LABEL_WEIGHT, N / (L * c))) : 1));
  const epochs = o.epochs > 0 ? o.epochs : Math.min(10, Math.max(3, Math.ceil(100_000 / Math.max(1, N))));
  const rnd = mulberry32(o.seed);
  const order = rows.slice();
  const p = new Float64Array(L);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = N - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (const n of order) {
      const x = X[n];
      const v = x.length ? 1 / Math.sqrt(x.length) : 0;
      softmaxInPlace(linearScores(x, v, w, b, L, p));
      const lr = o.learningRate / (1 + step++ / N);
      const cw = exampleWeight[Y[n]];
      for (let l = 0; l < L; l++) {
        const g = cw * (p[l] - (l === Y[n] ? 1 : 0));
        b[l] -= lr * g;
        const gv = g * v;
        for (let i = 0; i < x.length; i++) {
          const k = x[i] * L + l;
          w[k] -= lr * (gv + o.l2 * w[k]);
        }
      }
    }
  }
  return { algorithm: "logistic", bias: b.map(round4), w: w.map((v) => (Math.abs(v) < o.minWeight ? 0 : round4(v))), alpha: 0 };
}

/** The scale s minimising the held-out negative log-likelihood of softmax(s · scores): golden-section search on log s. */
function fitScale(scores: Float64Array[], truth: number[]): number {
  const nll = (logS: number) => {
    const s = Math.exp(logS);
    let total = 0;
    scores.forEach((z, i) => {
      let max = -Infinity;
      for (const v of z) if (s * v > max) max = s * v;
      let sum = 0;
      for (const v of z) sum += Math.exp(s * v - max);
      total -= s * z[truth[i]] - max - Math.log(sum);
    });
    return total;
  };
  let lo = Math.log(0.02);
  let hi = Math.log(50);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 60; i++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (nll(a) < nll(b)) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}

/** The k most probable labels for a text, sorted by confidence (probabilities summing to ≤ 1); a text with no known term gets the training prior. */
export function suggest(model: ClassifierModel, text: string, k = 3): Suggestion[] {
  const p = probabilities(model, text);
  const order = model.labels.map((_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
  return order.slice(0, Math.max(0, k)).map((i) => ({ label: model.labels[i], confidence: p[i] }));
}

/** Macro-F1 (over every label that is true or predicted), top-1 and top-3 accuracy and per-label scores of a model on labelled texts (`labels`: further acceptable answers). */
export function evaluate(model: ClassifierModel, examples: { text: string; label: string; labels?: string[] }[]): Evaluation {
  const folded = new Set(model.foldedLabels);
  const map = (raw: string) => {
    const l = raw.trim();
    return folded.has(l) && model.otherLabel !== null ? model.otherLabel : l;
  };
  return rankingMetrics(
    examples.map((e) => ({
      label: map(e.label),
      accepted: [e.label, ...(e.labels ?? [])].map(map),
      ranked: suggest(model, e.text, 3).map((s) => s.label),
    })),
  );
}

/** The metrics of evaluate from ranked predictions: `label` is the true (primary) label, `accepted` every label counted as a hit in the top k. */
export function rankingMetrics(items: { label: string; accepted?: string[]; ranked: string[] }[]): Evaluation {
  const tp = new Map<string, number>();
  const predicted = new Map<string, number>();
  const support = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let top1 = 0;
  let top3 = 0;
  for (const it of items) {
    const accepted = new Set([it.label, ...(it.accepted ?? [])]);
    const first = it.ranked[0];
    inc(support, it.label);
    if (first !== undefined) inc(predicted, first);
    if (first === it.label) inc(tp, it.label);
    if (first !== undefined && accepted.has(first)) top1++;
    if (it.ranked.slice(0, 3).some((l) => accepted.has(l))) top3++;
  }
  const labels = [...new Set([...support.keys(), ...predicted.keys()])];
  const perLabel = labels
    .map((label) => {
      const t = tp.get(label) ?? 0;
      const s = support.get(label) ?? 0;
      const pr = predicted.get(label) ?? 0;
      const precision = pr ? t / pr : 0;
      const recall = s ? t / s : 0;
      const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
      return { label, precision, recall, f1, support: s };
    })
    .sort((a, b) => b.support - a.support || cmp(a.label, b.label));
  const n = items.length;
  return {
    macroF1: perLabel.length ? perLabel.reduce((s, r) => s + r.f1, 0) / perLabel.length : 0,
    top1Accuracy: n ? top1 / n : 0,
    top3Accuracy: n ? top3 / n : 0,
    perLabel,
  };
}

// ---- scoring -------------------------------------------------------------------------------------------------

type Compiled = { termIndex: Map<string, number>; table: Float64Array; bias: Float64Array };
const compiledCache = new WeakMap<ClassifierModel, Compiled>();

/** Dense scoring tables, built once per model object (term → row; naive Bayes counts turned into log-likelihoods). */
function compile(model: ClassifierModel): Compiled {
  const hit = compiledCache.get(model);
  if (hit) return hit;
  const L = model.labels.length;
  const V = model.vocabulary.length;
  const w = new Float64Array(V * L);
  model.weights.forEach((row, l) => row.terms.forEach((t, i) => (w[t * L + l] = row.values[i])));
  const compiled = { termIndex: new Map(model.vocabulary.map((t, i) => [t, i])), table: scoringTable(model.algorithm, w, model.alpha, V, L), bias: Float64Array.from(model.bias) };
  compiledCache.set(model, compiled);
  return compiled;
}

/** The per-term score table: logistic weights as they are; naive Bayes counts → smoothed log P(term | label). */
function scoringTable(algorithm: ClassifierModel["algorithm"], w: Float64Array, alpha: number, V: number, L: number): Float64Array {
  if (algorithm !== "naive-bayes") return w;
  const out = new Float64Array(V * L);
  for (let l = 0; l < L; l++) {
    let total = 0;
    for (let t = 0; t < V; t++) total += w[t * L + l];
    const denom = Math.log(total + alpha * V);
    for (let t = 0; t < V; t++) out[t * L + l] = Math.log(w[t * L + l] + alpha) - denom;
  }
  return out;
}

/** Unnormalised label scores of one document (before scaling and softmax). */
function rawScores(algorithm: ClassifierModel["algorithm"], x: Int32Array, table: Float64Array, bias: Float64Array, L: number): Float64Array {
  const v = algorithm === "naive-bayes" ? 1 : 1 / Math.sqrt(x.length || 1);
  return linearScores(x, v, table, bias, L, new Float64Array(L));
}

function probabilities(model: ClassifierModel, text: string): Float64Array {
  const { termIndex, table, bias } = compile(model);
  const L = model.labels.length;
  const x = Int32Array.from(
    textFeatures(text ?? "", model.features)
      .map((t) => termIndex.get(t) ?? -1)
      .filter((i) => i >= 0),
  );
  if (x.length === 0) {
    const n = model.labelCounts.reduce((a, c) => a + c, 0);
    return Float64Array.from(model.labelCounts, (c) => c / n);
  }
  const z = rawScores(model.algorithm, x, table, bias, L);
  for (let l = 0; l < L; l++) z[l] *= model.scale;
  return softmaxInPlace(z);
}

function linearScores(x: Int32Array, v: number, w: Float64Array, b: Float64Array, L: number, out: Float64Array): Float64Array {
  for (let l = 0; l < L; l++) out[l] = b[l];
  for (let i = 0; i < x.length; i++) {
    const row = x[i] * L;
    for (let l = 0; l < L; l++) out[l] += v * w[row + l];
  }
  return out;
}

function softmaxInPlace(s: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of s) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i] = Math.exp(s[i] - max);
  for (let i = 0; i < s.length; i++) s[i] /= sum;
  return s;
}

/** Per-label nonzero entries of a [term][label] table: the stored model stays small (most terms touch few labels). */
function sparse(dense: Float64Array, V: number, L: number): ClassifierModel["weights"] {
  const rows = Array.from({ length: L }, () => ({ terms: [] as number[], values: [] as number[] }));
  for (let t = 0; t < V; t++) {
    for (let l = 0; l < L; l++) {
      const v = dense[t * L + l];
      if (v !== 0) {
        rows[l].terms.push(t);
        rows[l].values.push(v);
      }
    }
  }
  return rows;
}

// Four significant digits are far below the noise of SGD (seeds move macro-F1 by ±0.02) and keep the JSON short.
const round4 = (v: number) => Number(v.toPrecision(4));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
