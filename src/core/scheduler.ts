import type { MaybePromise } from './types.js';

/**
 * A unit of deferred work marketbridge asks the host to run: continue a sync, poll an async
 * job, retry the dead-letter queue, refresh tokens early.
 *
 * @category Context
 */
export interface ScheduledJob {
  /** The job function's name, e.g. `sync.continue`. */
  name: string;
  /** JSON-serialisable arguments for the job function. */
  payload: unknown;
  /** When to run it (epoch ms); omitted means as soon as possible. */
  runAt?: number;
  /** A key that de-duplicates jobs: scheduling the same key again replaces the earlier job. */
  key?: string;
}

/**
 * What the host provides to run marketbridge's job functions later. marketbridge starts no
 * background timers of its own; serverless hosts map this to a queue or cron.
 *
 * @example
 * ```ts
 * const scheduler: Scheduler = {
 *   schedule: (job) => queue.send(job.name, job.payload, { delayUntil: job.runAt }),
 * };
 * ```
 *
 * @category Context
 */
export interface Scheduler {
  /** Registers a job to run at or after `job.runAt`. */
  schedule(job: ScheduledJob): MaybePromise<void>;
}

/**
 * A scheduler that keeps jobs in memory until the host takes them with {@link MemoryScheduler.takeDue}.
 * It never runs anything by itself.
 *
 * @example
 * ```ts
 * const scheduler = new MemoryScheduler();
 * for (const job of scheduler.takeDue(Date.now())) await runJob(job);
 * ```
 *
 * @category Context
 */
export class MemoryScheduler implements Scheduler {
  readonly #jobs: ScheduledJob[] = [];

  /** Records the job, replacing an earlier one with the same key. */
  schedule(job: ScheduledJob): void {
    if (job.key !== undefined) {
      const index = this.#jobs.findIndex((existing) => existing.key === job.key);
      if (index >= 0) this.#jobs.splice(index, 1);
    }
    this.#jobs.push(structuredClone(job));
  }

  /** Jobs waiting to run, earliest first. */
  pending(): ScheduledJob[] {
    return [...this.#jobs].sort((a, b) => (a.runAt ?? 0) - (b.runAt ?? 0));
  }

  /** Removes and returns the jobs due at `now`, earliest first. */
  takeDue(now: number): ScheduledJob[] {
    const due = this.pending().filter((job) => (job.runAt ?? 0) <= now);
    for (const job of due) this.#jobs.splice(this.#jobs.indexOf(job), 1);
    return due;
  }
}
