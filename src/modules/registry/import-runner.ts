import { and, eq, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Actor } from "../../platform/auth/actor.js";
import { newRequestId, withTransaction, type Ctx } from "../../platform/ctx.js";
import type { Db } from "../../platform/db/client.js";
import { createScopeResolver } from "./scope-resolver.js";
import { ImportInterruptedError, ImportSupersededError, processImportJob, type ImportJobRow, type ProgressEvent } from "./process-import-job.js";
import { importJobs } from "./tables.js";

// an all-or-nothing job starts again from its first row (its transaction rolled back); valid-rows keeps its committed count
const restartedRows = sql`case when ${importJobs.mode} = 'valid-rows' then ${importJobs.processedRows} else 0 end`;

/** A job that started this many times without finishing is failed instead of tried again. */
export const MAX_IMPORT_ATTEMPTS = 3;

export type RunnerLog = { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
export type ImportRunnerOptions = {
  /** this process alone uses the database (PGlite holds a folder lock): every `running` job at start-up is orphaned */
  exclusive?: boolean;
  /** a running job whose heartbeat is older than this belongs to a dead worker and is taken over */
  staleAfterMs?: number;
  /** how often to look for orphaned and queued jobs; 0 = only at start-up and when a job is accepted */
  sweepEveryMs?: number;
  log?: RunnerLog;
};

/**
 * Runs import jobs in the background of this process, one at a time, straight from the import_jobs table:
 * claim the oldest queued job (SKIP LOCKED, so several processes can share the queue), process it, repeat.
 * Every claim increments the job's attempt, and a worker may only commit while its attempt is the latest.
 */
export class ImportRunner {
  private loop: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly active = new Set<string>();
  private readonly listeners = new Set<(e: ProgressEvent) => void>();

  constructor(
    private readonly base: Pick<Ctx, "db" | "now">,
    private opts: ImportRunnerOptions = {},
  ) {}

  configure(opts: ImportRunnerOptions): void {
    this.opts = { ...this.opts, ...opts };
  }

  /** Progress of every job this runner processes (0, every chunk of rows, the end). */
  onProgress(listener: (e: ProgressEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something was queued: make sure the loop runs. */
  kick(): void {
    if (this.stopping) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    this.loop = this.run().finally(() => {
      this.loop = null;
    });
  }

  /** Resolves when no job is being processed and the queue was found empty. */
  async whenIdle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  /** Puts jobs left `running` by a dead worker back in the queue (or fails them after too many attempts), then kicks. */
  async recover(): Promise<number> {
    const staleMs = this.opts.staleAfterMs ?? 120_000;
    const stale = this.opts.exclusive ? sql`true` : or(isNull(importJobs.heartbeatAt), lt(importJobs.heartbeatAt, sql`now() - make_interval(secs => ${staleMs / 1000})`));
    const mine = [...this.active];
    const orphans = await this.base.db
      .select()
      .from(importJobs)
      .where(and(eq(importJobs.status, "running"), stale, mine.length ? notInArray(importJobs.id, mine) : undefined));
    const taken = orphans.filter((j) => !this.active.has(j.id)); // claimed by this runner while the query ran
    for (const job of taken) await this.release(job, "orphaned");
    this.kick();
    return taken.length;
  }

  /** Starts the periodic sweep and resumes what a previous process left. */
  async start(): Promise<void> {
    this.stopping = false;
    await this.recover();
    const every = this.opts.sweepEveryMs ?? 30_000;
    if (every > 0 && !this.timer) {
      this.timer = setInterval(() => void this.recover().catch((e: Error) => this.opts.log?.error({ err: e.message }, "import sweep failed")), every);
      this.timer.unref();
    }
  }

  /** Stops taking jobs; a job in progress is rolled back to its last commit and queued again for the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.whenIdle();
  }

  private emit(e: ProgressEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a listener's failure is not the job's
      }
    }
  }

  private async claim(): Promise<ImportJobRow | undefined> {
    const next = sql`(select ${importJobs.id} from ${importJobs} where ${importJobs.status} = 'queued' and ${importJobs.attempts} < ${MAX_IMPORT_ATTEMPTS} order by ${importJobs.createdAt}, ${importJobs.id} limit 1 for update skip locked)`;
    const [job] = await this.base.db
      .update(importJobs)
      .set({ status: "running", attempts: sql`${importJobs.attempts} + 1`, processedRows: restartedRows, startedAt: sql`coalesce(${importJobs.startedAt}, now())`, heartbeatAt: sql`now()` })
      .where(and(eq(importJobs.id, next), eq(importJobs.status, "queued")))
      .returning();
    return job;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        if (this.stopping) return;
        let job: ImportJobRow | undefined;
        try {
          job = await this.claim();
        } catch (e) {
          this.opts.log?.error({ err: (e as Error).message }, "import queue unavailable");
          return;
        }
        if (!job) break;
        await this.process(job);
      }
    } while (this.again && !this.stopping);
  }

  private async process(job: ImportJobRow): Promise<void> {
    this.active.add(job.id);
    try {
      const actor = job.actor as Actor | null;
      if (!actor) {
        await this.giveUp(job, "import.no-actor", "ไม่ทราบผู้นำเข้า กรุณาอัปโหลดใหม่", "The uploader is unknown; upload the file again");
        return;
      }
      // The uploader's identity as checked at acceptance; a fresh scope cache so one job's rollback cannot mislead the next.
      const ctx: Ctx = { db: this.base.db, now: this.base.now, actor: { ...actor, sessionId: undefined }, requestId: job.requestId ?? newRequestId(), scopes: createScopeResolver(this.base.db) };
      const done = await processImportJob({ ctx, input: { job, shouldStop: () => this.stopping, onProgress: (e) => this.emit(e) } });
      this.opts.log?.info({ importId: job.id, status: done.status, rows: done.processedRows, created: done.createdRows, errors: done.errorCount }, "import finished");
    } catch (e) {
      if (e instanceof ImportSupersededError) {
        this.opts.log?.info({ importId: job.id }, "import taken over by another worker");
        return;
      }
      if (!(e instanceof ImportInterruptedError)) this.opts.log?.error({ importId: job.id, err: (e as Error).message }, "import failed unexpectedly");
      await this.release(job, e instanceof ImportInterruptedError ? "stopped" : "error").catch((err: Error) => this.opts.log?.error({ importId: job.id, err: err.message }, "could not release import"));
    } finally {
      this.active.delete(job.id);
    }
  }

  /** Back to the queue for another attempt (a clean stop does not count as one), or failed when attempts ran out. */
  private async release(job: ImportJobRow, why: "orphaned" | "stopped" | "error"): Promise<void> {
    if (why !== "stopped" && job.attempts >= MAX_IMPORT_ATTEMPTS) {
      await this.giveUp(job, "import.gave-up", `การนำเข้าหยุดกลางคัน ${job.attempts} ครั้ง จึงยกเลิก ไม่มีข้อมูลจากแถวที่ยังไม่ได้บันทึกถูกเขียน`, `The import stopped ${job.attempts} times and was abandoned; rows not yet committed were not written`);
      return;
    }
    await this.base.db
      .update(importJobs)
      .set({ status: "queued", heartbeatAt: null, processedRows: restartedRows, ...(why === "stopped" ? { attempts: sql`${importJobs.attempts} - 1` } : {}) })
      .where(and(eq(importJobs.id, job.id), eq(importJobs.attempts, job.attempts), eq(importJobs.status, "running")));
  }

  private async giveUp(job: ImportJobRow, code: string, th: string, en: string): Promise<void> {
    const actor = (job.actor as Actor | null) ?? { kind: "system", id: null, name: "system", grants: [] };
    const ctx: Ctx = { db: this.base.db, now: this.base.now, actor, requestId: job.requestId ?? newRequestId(), scopes: createScopeResolver(this.base.db) };
    await withTransaction(ctx, async (tx) => {
      const [cur] = await tx.db.select().from(importJobs).where(and(eq(importJobs.id, job.id), eq(importJobs.attempts, job.attempts), eq(importJobs.status, "running"))).for("update");
      if (!cur) return;
      const report = [...(cur.report as unknown[]), { row: 0, column: "", code, messageTh: th, messageEn: en }];
      // chunks a valid-rows job committed stay written; the upload is kept so an operator can queue it again
      const status = cur.createdRows ? "partially_succeeded" : "failed";
      await tx.db.update(importJobs).set({ status, errorCount: cur.errorCount + 1, report, finishedAt: tx.now() }).where(eq(importJobs.id, job.id));
      await writeAudit(tx, { action: "registry.import.finish", entityType: "import", entityId: job.id, after: { status, reason: code, attempts: cur.attempts, created: cur.createdRows } });
    });
  }
}

const runners = new WeakMap<Db, ImportRunner>();

/** The runner for this database handle (one per process and database); created on first use. */
export function importRunner(ctx: Pick<Ctx, "db" | "now">): ImportRunner {
  let r = runners.get(ctx.db);
  if (!r) {
    r = new ImportRunner({ db: ctx.db, now: ctx.now });
    runners.set(ctx.db, r);
  }
  return r;
}

/** Start-up hook: resumes jobs a previous process left queued or running, then keeps sweeping. */
export async function startImportRunner(ctx: Ctx, opts: ImportRunnerOptions): Promise<() => Promise<void>> {
  const runner = importRunner(ctx);
  runner.configure(opts);
  await runner.start();
  return () => runner.stop();
}
