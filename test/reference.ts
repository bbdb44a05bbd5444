import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SchemaSet } from "./draft03.js";

/** ../shared/reference, read at run time and never copied into the repository (REFERENCE_DIR overrides it). */
export function referenceDir(): string {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const dir = process.env.REFERENCE_DIR ? path.resolve(process.env.REFERENCE_DIR) : path.resolve(root, "../shared/reference");
  if (!fs.existsSync(dir)) throw new Error(`reference folder not found: ${dir} (set REFERENCE_DIR)`);
  return dir;
}

/** The Popolo 1.0.1 JSON Schemas (draft-03), each known by its popoloproject.com id and its file name. */
export function popoloSchemas(): SchemaSet {
  return SchemaSet.fromDir(path.join(referenceDir(), "schemas", "popolo"));
}
