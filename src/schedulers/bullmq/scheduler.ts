import type { ConnectionOptions, JobsOptions, Queue } from 'bullmq';
import { systemClock, type Clock } from '../../core/clock.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import type { ScheduledJob, Scheduler } from '../../core/scheduler.js';
import { checkJob } from '../check-job.js';
import { validateRepeatingJob, type RepeatingJob } from '../job-handlers.js';
import { keysHash, runKeyScript } from './keys.js';
import { bullmq } from './peer.js';

/**
 * Options of {@link BullMQScheduler}.
 *
 * @example
 * ```ts
 * const options: BullMQSchedulerOptions = { connection: { host: '127.0.0.1', port: 6379 }, queueName: 'marketbridge' };
 * ```
 *
 * @category Schedulers
 */
export interface BullMQSchedulerOptions {
  /** BullMQ's connection: ioredis options or an ioredis client (see BullMQ's docs on connections). */
  connection: ConnectionOptions;
  /** The queue every marketbridge job goes to (default `marketbridge`); the worker takes the same name. */
  queueName?: string;
  /** BullMQ's key prefix (default `bull`). */
  prefix?: string;
  /**
   * Delivery policy of each job: attempts and backoff for failed runs (default 10 attempts,
   * exponential from 1 s), and how many finished jobs to keep.
   */
  jobOptions?: Pick<JobsOptions, 'attempts' | 'backoff' | 'removeOnComplete' | 'removeOnFail'>;
  /** Turns `runAt` into a delay (default the system clock; the queue runs on real time). */
  clock?: Clock;
}

/** The data of a queued marketbridge job. */
interface JobData {
  payload: unknown;
  key?: string;
}

/**
 * A {@link Scheduler} on BullMQ (Redis): `schedule` adds a delayed job to one queue, and
 * scheduling the same `key` again replaces the earlier job (a replaced job still in the
 * queue is skipped when delivered). `repeat` upserts a BullMQ job scheduler. Run the jobs
 * with {@link createBullMQWorker} in as many processes as you like: delivery is at least once,
 * and marketbridge's job functions make the effects exactly once.
 *
 * @example
 * ```ts
 * import { BullMQScheduler } from 'marketbridge/schedulers/bullmq';
 *
 * const scheduler = new BullMQScheduler({ connection: { host: '127.0.0.1', port: 6379 } });
 * const engine = new InventorySyncEngine({ source, channels, context: { store, lock, scheduler } });
 * ```
 *
 * @category Schedulers
 */
export class BullMQScheduler implements Scheduler {
  /** The BullMQ queue the jobs go to. */
  readonly queue: Queue;
  readonly #hash: string;
  readonly #jobOptions: JobsOptions;
  readonly #clock: Clock;

  /** @param options - the connection, queue name and delivery policy */
  constructor(options: BullMQSchedulerOptions) {
    if (!options || options.connection === undefined) {
      throw new ValidationError('BullMQ scheduler options', [
        {
          path: ['connection'],
          message: 'Give BullMQ a connection: ioredis options ({ host, port }) or an ioredis client.',
        },
      ]);
    }
    const queueName = options.queueName ?? 'marketbridge';
    const prefix = options.prefix ?? 'bull';
    this.queue = new bullmq.Queue(queueName, { connection: options.connection, prefix });
    this.#hash = keysHash(prefix, queueName);
    this.#clock = options.clock ?? systemClock;
    this.#jobOptions = {
      attempts: 10,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: 1_000,
      removeOnFail: 5_000,
      ...options.jobOptions,
    };
  }

  /** Adds the job, delayed until `runAt`; with a `key`, it replaces the job scheduled earlier with that key. */
  async schedule(job: ScheduledJob): Promise<void> {
    checkJob(job);
    const delay = Math.max(0, Math.ceil((job.runAt ?? 0) - this.#clock.now()));
    const data: JobData = job.key === undefined ? { payload: job.payload } : { payload: job.payload, key: job.key };
    if (job.key === undefined) {
      await this.queue.add(job.name, data, { ...this.#jobOptions, delay });
      return;
    }
    const client = await this.queue.client;
    const id = `mb-${crypto.randomUUID()}`;
    // The new id is the latest before the job exists, so a fast worker never takes it for a stale one.
    const previous = (await runKeyScript(client, 'swap', [this.#hash, job.key, id])) as string | null;
    try {
      await this.queue.add(job.name, data, { ...this.#jobOptions, delay, jobId: id });
    } catch (error) {
      await runKeyScript(client, 'compareAndSet', [this.#hash, job.key, id, previous ?? '']);
      throw error;
    }
    // Tidy: the replaced job would be skipped anyway; removing it fails harmlessly while it runs.
    if (previous) await this.queue.remove(previous).catch(() => 0);
  }

  /** Creates or replaces a repeating job (BullMQ job scheduler `key`). */
  async repeat(job: RepeatingJob): Promise<void> {
    validateRepeatingJob(job, { everyMs: true });
    const repeat =
      job.pattern !== undefined ? { pattern: job.pattern, tz: job.timeZone ?? 'UTC' } : { every: job.everyMs! };
    await this.queue.upsertJobScheduler(job.key, repeat, {
      name: job.name,
      data: { payload: job.payload } satisfies JobData,
      opts: this.#jobOptions,
    });
  }

  /** Removes a repeating job; resolves whether it existed. */
  async unrepeat(key: string): Promise<boolean> {
    return this.queue.removeJobScheduler(key);
  }

  /** Jobs waiting (due), delayed (not yet due), running and failed: the queue's lag for health reports. */
  async counts(): Promise<{ waiting: number; delayed: number; active: number; failed: number }> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  /** Closes the queue's connection (the connection object you passed stays yours). */
  async close(): Promise<void> {
    await this.queue.close();
  }
}
