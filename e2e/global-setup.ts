import type { TestProject } from "vitest/node";
import { prepareTemplate, type E2eTemplate } from "./server.js";

/** Prepares one database (migrated, seeded, demo loaded) that every journey's server starts on a copy of. */
export default async function setup(project: TestProject) {
  const t0 = Date.now();
  const { template, dispose } = await prepareTemplate(process.env.DATABASE_URL || undefined);
  console.log(`browser journeys: template ${template.pgDatabase ? `database ${template.pgDatabase} on PostgreSQL` : "PGlite folder"} prepared in ${Math.round((Date.now() - t0) / 1000)} s`);
  project.provide("e2eTemplate", template);
  return dispose;
}

declare module "vitest" {
  export interface ProvidedContext {
    e2eTemplate: E2eTemplate;
  }
}
