// A benchmark's result, for people and for bench/all.ts.
import fs from "node:fs";

/**
 * Prints the result as indented JSON on stdout (as every bench always has) and, when BENCH_JSON names a file, writes
 * the same JSON there: bench/all.ts reads that file, because a bench's stdout may also carry a build's or a server's
 * output.
 */
export function emitResult(result: unknown): void {
  const text = JSON.stringify(result, null, 2);
  console.log(text);
  const file = process.env.BENCH_JSON;
  if (file) fs.writeFileSync(file, `${text}\n`);
}
