// npm run bench: start-up (fresh and restart) to /ready, idle memory, registry search latency — on PGlite.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const PORT = 4901;
const url = `http://127.0.0.1:${PORT}`;

async function start(dataDir: string) {
  const t0 = performance.now();
  const child = spawn(process.execPath, ["dist/server/main.js"], { env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(PORT), LOG_LEVEL: "warn", DEMO: "true" }, stdio: "inherit" });
  for (;;) {
    try {
      if ((await fetch(`${url}/ready`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, ms: performance.now() - t0 };
}
const stop = (c: ReturnType<typeof spawn>) => new Promise((r) => { c.once("exit", r); c.kill("SIGTERM"); });
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

if (!fs.existsSync("dist/server/main.js")) throw new Error("run `npm run build` first");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-bench-"));
const fresh = await start(dir);
await new Promise((r) => setTimeout(r, 3000));
const idle = rssMb(fresh.child.pid!);
const queries = ["แม่สาย", "เชียงราย", "ที่ดิน", "สำนักงานสาธารณสุขจังหวัด", "Khon Kaen", "ตำบลในเมือง", "กรมการปกครอง", "อุบล", "5709", "ผู้ว่าราชการจังหวัดบุรีรัมย์"];
const lat: number[] = [];
for (let i = 0; i < 500; i++) {
  const q = queries[i % queries.length]!;
  const t = performance.now();
  const r = await fetch(`${url}/api/v1/search?q=${encodeURIComponent(q)}&limit=20`);
  await r.arrayBuffer();
  lat.push(performance.now() - t);
}
const afterLoad = rssMb(fresh.child.pid!);
await stop(fresh.child);
const again = await start(dir);
await stop(again.child);
fs.rmSync(dir, { recursive: true, force: true });
const result = {
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  freshStartToReadyMs: Math.round(fresh.ms),
  restartToReadyMs: Math.round(again.ms),
  idleRssMb: Math.round(idle),
  rssAfterSearchesMb: Math.round(afterLoad),
  searchP50Ms: Math.round(pct(lat, 50) * 10) / 10,
  searchP95Ms: Math.round(pct(lat, 95) * 10) / 10,
  searchRequests: lat.length,
};
console.log(JSON.stringify(result, null, 2));
