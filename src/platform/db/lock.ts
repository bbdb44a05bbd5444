import { randomBytes } from "node:crypto";
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

type Holder = { pid?: number; startedAt?: string };

function readHolder(text: string): Holder {
  try {
    return JSON.parse(text) as Holder;
  } catch {
    return {}; // not a lock this code wrote (it writes the whole file before the name exists): treat as stale
  }
}

function inUse(dir: string, holder: Holder): DataDirLockedError {
  return new DataDirLockedError(
    `The data folder ${path.resolve(dir)} is in use by another Changwat process (pid ${holder.pid}, since ${holder.startedAt}). ` +
      `Stop that process first, or set DATA_DIR to another folder.\n` +
      `โฟลเดอร์ข้อมูล ${path.resolve(dir)} กำลังถูกใช้งานโดยโปรเซส Changwat อื่น (pid ${holder.pid}) กรุณาหยุดโปรเซสนั้นก่อน หรือกำหนด DATA_DIR เป็นโฟลเดอร์อื่น`,
  );
}

/**
 * Takes `dir/changwat.lock` for this process, or throws DataDirLockedError when a live process holds it; a lock
 * left by a dead process is taken over. Safe when several processes start at once: the lock file is written in
 * full under a private name and then hard-linked into place (it never exists half-written), and a stale one is
 * moved aside with an atomic rename and checked, so two processes never both take it over.
 */
export function lockDataDir(dir: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "changwat.lock");
  const unique = () => `${process.pid}.${randomBytes(4).toString("hex")}`;
  const mine = path.join(dir, `changwat.lock.${unique()}`);
  fs.writeFileSync(mine, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        fs.linkSync(mine, file);
        return held(file);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EPERM" || code === "ENOTSUP" || code === "ENOSYS") return createExclusive(dir, file); // no hard links here
        if (code !== "EEXIST") throw e;
      }
      let seen: string;
      try {
        seen = fs.readFileSync(file, "utf8");
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // released meanwhile
        throw e;
      }
      const holder = readHolder(seen);
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) throw inUse(dir, holder);
      // stale (or this process's own): move it aside — of several processes only one rename finds it — and make sure
      // what was moved is what was judged stale, not a lock another process took in between
      const aside = path.join(dir, `changwat.lock.stale.${unique()}`);
      try {
        fs.renameSync(file, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw e;
      }
      const moved = fs.readFileSync(aside, "utf8");
      if (moved !== seen) {
        try {
          fs.linkSync(aside, file); // put the other process's lock back
        } finally {
          fs.rmSync(aside, { force: true });
        }
        throw inUse(dir, readHolder(moved));
      }
      fs.rmSync(aside, { force: true });
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dir}`);
}

/** Where hard links are not supported: create the file exclusively and write it (the old way; a short window in which it is empty). */
function createExclusive(dir: string, file: string): DataDirLock {
  try {
    const fd = fs.openSync(file, "wx");
    fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
    fs.closeSync(fd);
    return held(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    throw inUse(dir, readHolder(fs.readFileSync(file, "utf8")));
  }
}

/** The lock this process now holds: released on release() or when the process exits. */
function held(file: string): DataDirLock {
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
}
