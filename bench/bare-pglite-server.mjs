// The start-up and memory baseline of bench/run.ts: Node, PGlite opened on DATA_DIR as the app opens it (pg_trgm,
// the default start parameters plus shared_buffers=32MB, the folder's pg/ subfolder) and a bare node:http server on
// PORT whose GET /ready runs `select 1` — what any app on the embedded database costs before its own code. On an
// empty folder PGlite creates the cluster (initdb), as the app's first start does; nothing is migrated or seeded.
// Plain JavaScript, run by `node` itself (no tsx), so that the baseline carries no loader.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

const dir = path.resolve(process.env.DATA_DIR ?? "");
if (!process.env.DATA_DIR || !process.env.PORT) {
  console.error("set DATA_DIR and PORT");
  process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });
const db = await PGlite.create({ dataDir: path.join(dir, "pg"), extensions: { pg_trgm }, startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"] });
const server = http.createServer((req, res) => {
  if (req.url !== "/ready") {
    res.writeHead(404).end();
    return;
  }
  db.query("select 1").then(
    () => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ready"}'),
    () => res.writeHead(503).end(),
  );
});
server.listen(Number(process.env.PORT), "127.0.0.1");
const stop = async () => {
  server.close();
  await db.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
