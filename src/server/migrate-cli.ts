import { openDatabase } from "../platform/db/client.js";
import { runMigrations, migrationStatus, withPrepareLock } from "../platform/db/migrate.js";
import { loadEnv } from "./env.js";

/** npm run db:migrate: applies committed migrations to DATABASE_URL (under the app's start-up lock) or the PGlite folder. */
const env = loadEnv();
const db = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
try {
  await withPrepareLock(db, () => runMigrations(db));
  console.log("migrations applied", await migrationStatus(db));
} finally {
  await db.close();
}
