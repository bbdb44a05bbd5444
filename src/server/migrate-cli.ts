import { openDatabase } from "../platform/db/client.js";
import { runMigrations, migrationStatus } from "../platform/db/migrate.js";
import { loadEnv } from "./env.js";

/** npm run db:migrate: applies committed migrations to DATABASE_URL or the PGlite folder. */
const env = loadEnv();
const db = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
try {
  await runMigrations(db);
  console.log("migrations applied", await migrationStatus(db));
} finally {
  await db.close();
}
