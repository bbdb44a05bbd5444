import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (where package.json is), found from this file whether running from src/ or dist/. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "seed"))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export function readSeedJson<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(projectRoot(), "seed", ...parts), "utf8")) as T;
}
