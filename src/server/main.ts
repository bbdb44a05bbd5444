import { openDatabase } from "../platform/db/client.js";
import { buildApp } from "./app.js";
import { prepareDatabase } from "./bootstrap.js";
import { loadEnv } from "./env.js";

/** env → database (lock, migrate, seed) → app → listen. */
async function main() {
  const t0 = Date.now();
  const env = loadEnv();
  const database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  await prepareDatabase(database, { demo: env.demo });
  const app = await buildApp({ database, env });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  await app.listen({ port: env.port, host: env.host });
  app.log.info({ ms: Date.now() - t0, database: database.kind, demo: env.demo }, `Changwat ready on http://${env.host}:${env.port}`);
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
