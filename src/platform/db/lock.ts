import fs from "node:fs";
import path from "node:path";

/** PGlite does not lock its folder; two processes would corrupt it, so the app takes this lock first. */
export class DataDirLockedError extends Error {}

export type DataDirLock = { release(): void; file: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockDataDir(dir: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "changwat.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release); // a process that opens many folders (tests, backup tools) keeps no listener per folder
        try {
          const cur = JSON.parse(fs.readFileSync(file, "utf8")) as { pid: number };
          if (cur.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return { release, file };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let holder: { pid?: number; startedAt?: string } = {};
      try {
        holder = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch {
        /* half-written lock: treat as stale */
      }
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
        throw new DataDirLockedError(
          `The data folder ${path.resolve(dir)} is in use by another Changwat process (pid ${holder.pid}, since ${holder.startedAt}). ` +
            `Stop that process first, or set DATA_DIR to another folder.\n` +
            `โฟลเดอร์ข้อมูล ${path.resolve(dir)} กำลังถูกใช้งานโดยโปรเซส Changwat อื่น (pid ${holder.pid}) กรุณาหยุดโปรเซสนั้นก่อน หรือกำหนด DATA_DIR เป็นโฟลเดอร์อื่น`,
        );
      }
      fs.rmSync(file, { force: true }); // stale lock from a crashed process
    }
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dir}`);
}
