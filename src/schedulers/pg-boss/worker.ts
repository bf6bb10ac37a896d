import type PgBossType from 'pg-boss';
import { ValidationError } from '../../core/errors/validation-error.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { handlerFor, validateHandlers, type JobHandlers, type QueueWorker } from '../job-handlers.js';
import { BossHandle, type PgBossConnection } from './boss.js';
import { repeatQueueName, type PgBossJobData } from './scheduler.js';

/**
 * Options of {@link createPgBossWorker}.
 *
 * @example
 * ```ts
 * const options: PgBossWorkerOptions = { connectionString: process.env.DATABASE_URL, handlers, concurrency: 2 };
 * ```
 *
 * @category Schedulers
 */
export interface PgBossWorkerOptions extends PgBossConnection {
  /** Handlers by job name, e.g. `marketbridgeJobHandlers(...)` plus your own. */
  handlers: JobHandlers;
  /** Jobs run at once by this process (default 1). */
  concurrency?: number;
  /** How often an idle worker asks for jobs (default 2 s; pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often to look for repeating jobs created since the worker started (default 60,000 ms). */
  repeatScanMs?: number;
  /** On `close()`, how long to wait for running jobs (default 30,000 ms). */
  closeTimeoutMs?: number;
  /** Told about failed and replaced jobs. */
  logger?: Logger;
}

/**
 * Starts a pg-boss worker that runs marketbridge jobs (and your own) by name, from the queue
 * and from every repeating schedule {@link PgBossScheduler.repeat} created. A job replaced by
 * a later one with the same key is skipped; a failed job is retried with the queue's policy;
 * a job whose worker died is delivered again once its `expireInSeconds` passes.
 *
 * @example
 * ```ts
 * import { createPgBossWorker, marketbridgeJobHandlers } from 'marketbridge/schedulers/pg-boss';
 *
 * const worker = createPgBossWorker({
 *   connectionString: process.env.DATABASE_URL,
 *   handlers: marketbridgeJobHandlers({ syncs: [engine], webhooks: processor }),
 * });
 * await worker.started;
 * process.on('SIGTERM', () => void worker.close());
 * ```
 *
 * @category Schedulers
 */
export function createPgBossWorker(options: PgBossWorkerOptions): QueueWorker & { readonly started: Promise<void> } {
  validateHandlers(options?.handlers);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1)
    throw new ValidationError('pg-boss worker options', [
      { path: ['concurrency'], message: 'Expected a positive integer.' },
    ]);
  const handle = new BossHandle(options, 'pg-boss worker options');
  const logger = options.logger ?? silentLogger;
  const stopping = new AbortController();
  const working = new Set<string>();
  const workerIds: { queue: string; id: string }[] = [];
  let scan: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const run = async (boss: PgBossType, job: PgBossType.JobWithMetadata<PgBossJobData>): Promise<unknown> => {
    const { name, payload, key } = job.data ?? ({} as PgBossJobData);
    if (key !== undefined) {
      const [row] = await handle.sql<{ job_id: string }>(
        `SELECT job_id::text FROM "${handle.schema}".marketbridge_job_keys WHERE queue = $1 AND key = $2`,
        [handle.queueName, key],
      );
      if (row?.job_id !== job.id) {
        logger.info('job replaced by a later one with the same key; skipped', { job: name, key });
        return { skipped: 'replaced' };
      }
    }
    try {
      const result = await handlerFor(options.handlers, name)(payload, {
        id: job.id,
        name,
        attempt: job.retryCount + 1,
        signal: stopping.signal,
      });
      if (key !== undefined)
        await handle.sql(
          `DELETE FROM "${handle.schema}".marketbridge_job_keys WHERE queue = $1 AND key = $2 AND job_id = $3`,
          [handle.queueName, key, job.id],
        );
      return result ?? null;
    } catch (error) {
      logger.warn('job failed', { job: name, attempt: job.retryCount + 1 });
      throw error;
    }
  };

  const work = async (boss: PgBossType, queue: string) => {
    if (working.has(queue) || closed) return;
    working.add(queue);
    const workOptions = {
      includeMetadata: true as const,
      batchSize: 1,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
    };
    for (let i = 0; i < concurrency; i++) {
      const id = await boss.work<PgBossJobData>(queue, workOptions, async ([job]) => (job ? run(boss, job) : null));
      workerIds.push({ queue, id });
    }
  };

  const scanRepeats = async (boss: PgBossType) => {
    const prefix = repeatQueueName(handle.queueName, '');
    for (const schedule of await boss.getSchedules())
      if (schedule.name.startsWith(prefix)) await work(boss, schedule.name);
  };

  const started = (async () => {
    const boss = await handle.ready();
    await work(boss, handle.queueName);
    await scanRepeats(boss);
    scan = setInterval(
      () =>
        void scanRepeats(boss).catch((error: Error) => logger.error('repeat scan failed', { message: error.message })),
      options.repeatScanMs ?? 60_000,
    );
    scan.unref?.();
  })();

  return {
    started,
    async close() {
      closed = true;
      if (scan) clearInterval(scan);
      await started.catch(() => undefined);
      const boss = await handle.ready();
      const timeout = options.closeTimeoutMs ?? 30_000;
      const timer = setTimeout(() => stopping.abort(new Error('worker closing')), timeout);
      try {
        // offWork waits for the running handler of each worker before it resolves.
        for (const { queue, id } of workerIds) await boss.offWork({ id }).catch(() => boss.offWork(queue));
        await handle.close(timeout);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
