import type PgBossType from 'pg-boss';
import { systemClock, type Clock } from '../../core/clock.js';
import type { ScheduledJob, Scheduler } from '../../core/scheduler.js';
import { checkJob } from '../check-job.js';
import { validateRepeatingJob, type RepeatingJob } from '../job-handlers.js';
import { BossHandle, type PgBossConnection } from './boss.js';

/**
 * Options of {@link PgBossScheduler}.
 *
 * @example
 * ```ts
 * const options: PgBossSchedulerOptions = { connectionString: process.env.DATABASE_URL };
 * ```
 *
 * @category Schedulers
 */
export interface PgBossSchedulerOptions extends PgBossConnection {
  /** Turns `runAt` into pg-boss's `startAfter` (default the system clock). */
  clock?: Clock;
}

/**
 * The data of a queued marketbridge job.
 *
 * @category Schedulers
 */
export interface PgBossJobData {
  name: string;
  payload: unknown;
  key?: string;
}

/**
 * The queue a repeating job's schedule fires into (pg-boss keeps one schedule per queue).
 *
 * @example
 * ```ts
 * repeatQueueName('marketbridge', 'refresh:shop-1'); // 'marketbridge__repeat__refresh_3ashop-1'
 * ```
 *
 * @category Schedulers
 */
export function repeatQueueName(queueName: string, key: string): string {
  return `${queueName}__repeat__${key.replace(/[^\w-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

/**
 * A {@link Scheduler} on pg-boss (PostgreSQL): `schedule` sends a job that starts after
 * `runAt`, and scheduling the same `key` again replaces the earlier job (cancelled if still
 * queued, skipped if already delivered). `repeat` creates a cron schedule. Run the jobs with
 * {@link createPgBossWorker} in any number of processes: delivery is at least once, and
 * marketbridge's job functions make the effects exactly once.
 *
 * @example
 * ```ts
 * import { PgBossScheduler } from 'marketbridge/schedulers/pg-boss';
 *
 * const scheduler = new PgBossScheduler({ connectionString: process.env.DATABASE_URL });
 * const processor = createWebhookProcessor({ verifiers, routes, context: { store, scheduler } });
 * ```
 *
 * @category Schedulers
 */
export class PgBossScheduler implements Scheduler {
  readonly #handle: BossHandle;
  readonly #clock: Clock;

  /** @param options - the pg-boss instance or connection string, queue and delivery policy */
  constructor(options: PgBossSchedulerOptions) {
    this.#handle = new BossHandle(options, 'pg-boss scheduler options');
    this.#clock = options.clock ?? systemClock;
  }

  /** The started pg-boss instance. */
  boss(): Promise<PgBossType> {
    return this.#handle.ready();
  }

  /** Sends the job to start after `runAt`; with a `key`, it replaces the job scheduled earlier with that key. */
  async schedule(job: ScheduledJob): Promise<void> {
    checkJob(job);
    const boss = await this.#handle.ready();
    const { queueName, schema } = this.#handle;
    const startAfter = new Date(Math.max(this.#clock.now(), job.runAt ?? 0));
    const data: PgBossJobData =
      job.key === undefined
        ? { name: job.name, payload: job.payload }
        : { name: job.name, payload: job.payload, key: job.key };
    if (job.key === undefined) {
      await boss.send(queueName, data, { startAfter });
      return;
    }
    const id = crypto.randomUUID();
    // The new id is the latest before the job exists, so a fast worker never takes it for a stale one.
    const [row] = await this.#handle.sql<{ previous: string | null }>(
      `WITH previous AS (SELECT job_id FROM "${schema}".marketbridge_job_keys WHERE queue = $1 AND key = $2 FOR UPDATE)
       INSERT INTO "${schema}".marketbridge_job_keys (queue, key, job_id) VALUES ($1, $2, $3)
       ON CONFLICT (queue, key) DO UPDATE SET job_id = EXCLUDED.job_id
       RETURNING (SELECT job_id::text FROM previous) AS previous`,
      [queueName, job.key, id],
    );
    try {
      await boss.send(queueName, data, { id, startAfter });
    } catch (error) {
      await this.#handle.sql(
        `UPDATE "${schema}".marketbridge_job_keys SET job_id = $4 WHERE queue = $1 AND key = $2 AND job_id = $3`,
        [queueName, job.key, id, row?.previous ?? id],
      );
      throw error;
    }
    // Tidy: the replaced job would be skipped anyway; cancelling only affects jobs not yet running.
    if (row?.previous) await boss.cancel(queueName, row.previous).catch(() => undefined);
  }

  /**
   * Creates or replaces a repeating job on a cron `pattern` (pg-boss fires schedules once a
   * minute at most; `everyMs` is rejected with a hint). Workers pick up new schedules within
   * their `repeatScanMs`.
   */
  async repeat(job: RepeatingJob): Promise<void> {
    validateRepeatingJob(job, { everyMs: false });
    const boss = await this.#handle.ready();
    const queue = repeatQueueName(this.#handle.queueName, job.key);
    await this.#handle.ensureQueue(queue);
    await boss.schedule(queue, job.pattern!, { name: job.name, payload: job.payload } satisfies PgBossJobData, {
      tz: job.timeZone ?? 'UTC',
    });
  }

  /** Removes a repeating job. */
  async unrepeat(key: string): Promise<void> {
    const boss = await this.#handle.ready();
    await boss.unschedule(repeatQueueName(this.#handle.queueName, key));
  }

  /** Jobs queued (created or waiting to retry) and running: the queue's lag for health reports. */
  async counts(): Promise<{ waiting: number; delayed: number; active: number; failed: number }> {
    const [row] = await this.#handle.sql<{ waiting: string; delayed: string; active: string; failed: string }>(
      `SELECT count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()) AS waiting,
              count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after > now()) AS delayed,
              count(*) FILTER (WHERE state = 'active') AS active,
              count(*) FILTER (WHERE state = 'failed') AS failed
         FROM "${this.#handle.schema}".job WHERE name = $1`,
      [this.#handle.queueName],
    );
    return {
      waiting: Number(row?.waiting ?? 0),
      delayed: Number(row?.delayed ?? 0),
      active: Number(row?.active ?? 0),
      failed: Number(row?.failed ?? 0),
    };
  }

  /** Stops the pg-boss instance the scheduler started (one you passed stays yours). */
  async close(): Promise<void> {
    await this.#handle.close();
  }
}
