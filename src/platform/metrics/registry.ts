/**
 * A small Prometheus registry: counters, gauges and histograms with fixed label names, rendered in the text
 * exposition format 0.0.4. Written here rather than taken from prom-client (not installed; the format is a page
 * of rules). Label values must come from closed sets (route patterns, status classes, job names): never a raw
 * URL, an id or anything a person typed.
 */

export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

type Labels<L extends string> = Partial<Record<L, string>>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Escapes a label value: backslash, double quote and line feed (the format's three). */
function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
/** Escapes HELP text: backslash and line feed. */
function escapeHelp(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}
/** A sample value: integers as such, +Inf/-Inf/NaN as the format spells them. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}
function labelText(names: readonly string[], values: readonly string[], extra?: [string, string]): string {
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i]!)}"`);
  if (extra) parts.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

abstract class Metric<L extends string> {
  protected readonly series = new Map<string, { values: string[] }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly L[],
  ) {
    if (!NAME.test(name)) throw new Error(`metric name ${name} is not valid`);
    for (const l of labelNames) if (!LABEL.test(l) || l === "le" || l.startsWith("__")) throw new Error(`label name ${l} is not valid`);
  }
  protected key(labels: Labels<L>): { key: string; values: string[] } {
    const values = this.labelNames.map((n) => String(labels[n] ?? ""));
    return { key: values.join("\u0000"), values };
  }
  abstract readonly type: "counter" | "gauge" | "histogram";
  abstract samples(): string[];
  render(): string {
    const lines = this.samples();
    return [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`, ...lines].join("\n");
  }
}

export class Counter<L extends string = never> extends Metric<L> {
  readonly type = "counter";
  private readonly counts = new Map<string, number>();
  inc(labels: Labels<L> = {}, by = 1): void {
    if (!(by >= 0)) throw new Error(`counter ${this.name} can only go up`);
    const { key, values } = this.key(labels);
    if (!this.series.has(key)) this.series.set(key, { values });
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }
  /** The current count of one series (tests, and other collectors). */
  get(labels: Labels<L> = {}): number {
    return this.counts.get(this.key(labels).key) ?? 0;
  }
  samples(): string[] {
    return [...this.series].map(([key, s]) => `${this.name}${labelText(this.labelNames, s.values)} ${formatValue(this.counts.get(key)!)}`);
  }
}

export class Gauge<L extends string = never> extends Metric<L> {
  readonly type = "gauge";
  private readonly current = new Map<string, number>();
  set(labels: Labels<L>, v: number): void {
    const { key, values } = this.key(labels);
    if (!this.series.has(key)) this.series.set(key, { values });
    this.current.set(key, v);
  }
  /** Forgets every series (a collector that rebuilds its set each scrape, e.g. per queue). */
  reset(): void {
    this.series.clear();
    this.current.clear();
  }
  samples(): string[] {
    return [...this.series].map(([key, s]) => `${this.name}${labelText(this.labelNames, s.values)} ${formatValue(this.current.get(key)!)}`);
  }
}

export class Histogram<L extends string = never> extends Metric<L> {
  readonly type = "histogram";
  private readonly data = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(name: string, help: string, labelNames: readonly L[], readonly buckets: readonly number[]) {
    super(name, help, labelNames);
    for (let i = 1; i < buckets.length; i++) if (!(buckets[i]! > buckets[i - 1]!)) throw new Error(`histogram ${name}: buckets must increase`);
  }
  observe(labels: Labels<L>, v: number): void {
    const { key, values } = this.key(labels);
    let d = this.data.get(key);
    if (!d) {
      this.series.set(key, { values });
      d = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.data.set(key, d);
    }
    for (let i = 0; i < this.buckets.length; i++) if (v <= this.buckets[i]!) d.counts[i]!++;
    d.sum += v;
    d.count++;
  }
  samples(): string[] {
    const out: string[] = [];
    for (const [key, s] of this.series) {
      const d = this.data.get(key)!;
      this.buckets.forEach((b, i) => out.push(`${this.name}_bucket${labelText(this.labelNames, s.values, ["le", formatValue(b)])} ${d.counts[i]}`));
      out.push(`${this.name}_bucket${labelText(this.labelNames, s.values, ["le", "+Inf"])} ${d.count}`);
      out.push(`${this.name}_sum${labelText(this.labelNames, s.values)} ${formatValue(d.sum)}`);
      out.push(`${this.name}_count${labelText(this.labelNames, s.values)} ${d.count}`);
    }
    return out;
  }
}

/** Holds the metrics of one app; collectors refresh gauges right before each rendering. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric<string>>();
  private readonly collectors: (() => void | Promise<void>)[] = [];

  private add<M extends Metric<string>>(m: M): M {
    if (this.metrics.has(m.name)) throw new Error(`metric ${m.name} registered twice`);
    this.metrics.set(m.name, m);
    return m;
  }
  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.add(new Counter<L>(name, help, labelNames) as unknown as Metric<string>) as unknown as Counter<L>;
  }
  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.add(new Gauge<L>(name, help, labelNames) as unknown as Metric<string>) as unknown as Gauge<L>;
  }
  histogram<L extends string = never>(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]): Histogram<L> {
    return this.add(new Histogram<L>(name, help, labelNames, buckets) as unknown as Metric<string>) as unknown as Histogram<L>;
  }
  /** Runs before every rendering (in order); a collector that throws is skipped for that scrape. */
  onCollect(fn: () => void | Promise<void>): void {
    this.collectors.push(fn);
  }
  /** Every metric in the exposition format; metrics without a sample yet still declare HELP and TYPE. */
  async render(): Promise<string> {
    for (const c of this.collectors) {
      try {
        await c();
      } catch {
        /* a collector's failure shows as its own gauge (e.g. changwat_metrics_database_up 0), never as a failed scrape */
      }
    }
    return [...this.metrics.values()].map((m) => m.render()).join("\n") + "\n";
  }
}
