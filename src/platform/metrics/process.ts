import { monitorEventLoopDelay } from "node:perf_hooks";
import type { MetricsRegistry } from "./registry.js";

/**
 * The process's own figures, read at each scrape: memory (resident, V8 heap, external), CPU time, start time and
 * uptime, and the event loop's delay since the previous scrape (a histogram sampled every 10 ms, reset after
 * each read) plus the delay measured right now. Names follow prom-client's defaults so existing dashboards fit.
 * Returns a function that stops the sampling.
 */
export function registerProcessMetrics(registry: MetricsRegistry): () => void {
  const startSeconds = Math.round((Date.now() - process.uptime() * 1000) / 1000);
  const rss = registry.gauge("process_resident_memory_bytes", "Resident memory size in bytes.");
  const heapUsed = registry.gauge("nodejs_heap_size_used_bytes", "V8 heap in use, in bytes.");
  const heapTotal = registry.gauge("nodejs_heap_size_total_bytes", "V8 heap reserved, in bytes.");
  const external = registry.gauge("nodejs_external_memory_bytes", "Memory of C++ objects bound to JavaScript (buffers, PGlite's WASM heap), in bytes.");
  const cpu = registry.counter<"mode">("process_cpu_seconds_total", "CPU time spent by the process, in seconds, by mode (user, system).", ["mode"]);
  const start = registry.gauge("process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds.");
  const uptime = registry.gauge("changwat_process_uptime_seconds", "Seconds since this process started.");
  const lagNow = registry.gauge("nodejs_eventloop_lag_seconds", "Event loop delay measured at this scrape (a setImmediate round), in seconds.");
  const lag = registry.gauge<"stat">("nodejs_eventloop_delay_seconds", "Event loop delay since the previous scrape (sampled every 10 ms), in seconds, by statistic: min, mean, p50, p90, p99, max.", ["stat"]);

  const RESOLUTION_MS = 10;
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let lastCpu = process.cpuUsage();
  cpu.inc({ mode: "user" }, lastCpu.user / 1e6);
  cpu.inc({ mode: "system" }, lastCpu.system / 1e6);

  registry.onCollect(async () => {
    const m = process.memoryUsage();
    rss.set({}, m.rss);
    heapUsed.set({}, m.heapUsed);
    heapTotal.set({}, m.heapTotal);
    external.set({}, m.external);
    const now = process.cpuUsage();
    cpu.inc({ mode: "user" }, Math.max(0, now.user - lastCpu.user) / 1e6);
    cpu.inc({ mode: "system" }, Math.max(0, now.system - lastCpu.system) / 1e6);
    lastCpu = now;
    start.set({}, startSeconds);
    uptime.set({}, Math.round(process.uptime() * 1000) / 1000);
    // each sample is the time between two 10 ms ticks, so the tick itself is taken off; before the first sample, 0
    const ns = (v: number) => (Number.isFinite(v) && delay.count > 0 ? Math.max(0, v / 1e6 - RESOLUTION_MS) / 1e3 : 0);
    lag.set({ stat: "min" }, ns(delay.min));
    lag.set({ stat: "mean" }, ns(delay.mean));
    lag.set({ stat: "p50" }, ns(delay.percentile(50)));
    lag.set({ stat: "p90" }, ns(delay.percentile(90)));
    lag.set({ stat: "p99" }, ns(delay.percentile(99)));
    lag.set({ stat: "max" }, ns(delay.max));
    delay.reset();
    const t0 = process.hrtime.bigint();
    await new Promise<void>((resolve) => setImmediate(resolve));
    lagNow.set({}, Number(process.hrtime.bigint() - t0) / 1e9);
  });
  return () => delay.disable();
}
