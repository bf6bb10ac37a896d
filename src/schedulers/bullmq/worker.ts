import type { ConnectionOptions, Job, Worker } from 'bullmq';
import { isMarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { handlerFor, validateHandlers, type JobHandlers, type QueueWorker } from '../job-handlers.js';
import { isLatest, keysHash, runKeyScript } from './keys.js';
import { bullmq } from './peer.js';

/**
 * Options of {@link createBullMQWorker}.
 *
 * @example
 * ```ts
 * const options: BullMQWorkerOptions = { connection: { host: '127.0.0.1', port: 6379 }, handlers, concurrency: 4 };
 * ```
 *
 * @category Schedulers
 */
export interface BullMQWorkerOptions {
  /** BullMQ's connection (the worker opens its own blocking connection from it). */
  connection: ConnectionOptions;
  /** Handlers by job name, e.g. `marketbridgeJobHandlers(...)` plus your own. */
  handlers: JobHandlers;
  /** The queue to take jobs from (default `marketbridge`). */
  queueName?: string;
  /** BullMQ's key prefix (default `bull`). */
  prefix?: string;
  /** Jobs run at once by this process (default 1). */
  concurrency?: number;
  /**
   * How long a job stays claimed without its worker renewing the claim (default 30,000 ms): a
   * job whose worker died is delivered to another one this long after its last renewal.
   */
  lockDurationMs?: number;
  /** How often to look for jobs whose worker died (default: `lockDurationMs`). */
  stalledIntervalMs?: number;
  /** On `close()`, how long to wait for running jobs before aborting them (default 30,000 ms). */
  closeTimeoutMs?: number;
  /** Told about failed and replaced jobs. */
  logger?: Logger;
}

/**
 * Starts a BullMQ worker that runs marketbridge jobs (and your own) by name. A job replaced by
 * a later one with the same key is skipped; a handler that throws a non-retryable
 * MarketbridgeError fails the job at once, any other failure is retried with the queue's
 * backoff; a job whose worker died is delivered again after `lockDurationMs`.
 *
 * @example
 * ```ts
 * import { createBullMQWorker, marketbridgeJobHandlers } from 'marketbridge/schedulers/bullmq';
 *
 * const worker = createBullMQWorker({
 *   connection: { host: '127.0.0.1', port: 6379 },
 *   handlers: marketbridgeJobHandlers({ syncs: [engine], webhooks: processor }),
 * });
 * process.on('SIGTERM', () => void worker.close());
 * ```
 *
 * @category Schedulers
 */
export function createBullMQWorker(options: BullMQWorkerOptions): QueueWorker & { readonly worker: Worker } {
  if (!options || options.connection === undefined) {
    throw new ValidationError('BullMQ worker options', [
      {
        path: ['connection'],
        message: 'Give BullMQ a connection: ioredis options ({ host, port }) or an ioredis client.',
      },
    ]);
  }
  validateHandlers(options.handlers);
  const queueName = options.queueName ?? 'marketbridge';
  const prefix = options.prefix ?? 'bull';
  const hash = keysHash(prefix, queueName);
  const logger = options.logger ?? silentLogger;
  const stopping = new AbortController();
  const lockDuration = options.lockDurationMs ?? 30_000;

  const processor = async (
    job: Job<{ payload: unknown; key?: string }>,
    _token?: string,
    signal?: AbortSignal,
  ): Promise<unknown> => {
    const client = await worker.client;
    if (!(await isLatest(client, hash, job.data?.key, job.id))) {
      logger.info('job replaced by a later one with the same key; skipped', { job: job.name, key: job.data?.key });
      return { skipped: 'replaced' };
    }
    const handler = handlerFor(options.handlers, job.name);
    const run = {
      id: job.id ?? '',
      name: job.name,
      attempt: job.attemptsMade + 1,
      signal: signal ? AbortSignal.any([signal, stopping.signal]) : stopping.signal,
    };
    try {
      const result = await handler(job.data?.payload, run);
      if (job.data?.key !== undefined)
        await runKeyScript(client, 'compareAndSet', [hash, job.data.key, job.id ?? '', '']);
      return result ?? null;
    } catch (error) {
      logger.warn('job failed', {
        job: job.name,
        attempt: run.attempt,
        retryable: !isMarketbridgeError(error) || error.retryable,
      });
      if (isMarketbridgeError(error) && !error.retryable) throw new bullmq.UnrecoverableError(error.message);
      throw error;
    }
  };

  const worker: Worker = new bullmq.Worker(queueName, processor, {
    connection: options.connection,
    prefix,
    concurrency: options.concurrency ?? 1,
    lockDuration,
    stalledInterval: options.stalledIntervalMs ?? lockDuration,
    maxStalledCount: 3,
  });
  worker.on('error', (error) => logger.error('queue worker error', { message: error.message }));

  return {
    worker,
    async close() {
      const timer = setTimeout(() => stopping.abort(new Error('worker closing')), options.closeTimeoutMs ?? 30_000);
      try {
        await worker.close();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
