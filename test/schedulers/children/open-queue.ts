/** The scheduler and worker of one queue engine, configured for fast redelivery in tests. */
import { BullMQScheduler, createBullMQWorker } from '../../../src/schedulers/bullmq.js';
import { createPgBossWorker, PgBossScheduler } from '../../../src/schedulers/pg-boss.js';
import { marketbridgeJobHandlers, type MarketbridgeJobTargets } from '../../../src/schedulers/marketbridge-jobs.js';
import type { JobHandlers, QueueWorker } from '../../../src/schedulers/job-handlers.js';
import type { Scheduler } from '../../../src/core/scheduler.js';
import { postgresUrl, redisUrl } from '../../stores/probes.js';

export type QueueKind = 'bullmq' | 'pg-boss';

export interface OpenedQueue {
  scheduler: Scheduler & {
    close(): Promise<void>;
    counts(): Promise<{ waiting: number; delayed: number; active: number; failed: number }>;
  };
  handlers(targets: MarketbridgeJobTargets): JobHandlers;
  startWorker(handlers: JobHandlers): Promise<QueueWorker>;
  close(): Promise<void>;
}

export function redisConnection() {
  const url = new URL(redisUrl);
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
}

/** `scope` is the store's namespace or schema; the queue's own names derive from it. */
export function openQueue(kind: QueueKind, scope: string, queueName: string): OpenedQueue {
  if (kind === 'bullmq') {
    const connection = redisConnection();
    const prefix = `${scope}bull`;
    const scheduler = new BullMQScheduler({
      connection,
      queueName,
      prefix,
      jobOptions: { attempts: 40, backoff: { type: 'fixed', delay: 300 } },
    });
    return {
      scheduler,
      handlers: marketbridgeJobHandlers,
      async startWorker(handlers) {
        const worker = createBullMQWorker({
          connection,
          queueName,
          prefix,
          handlers,
          lockDurationMs: 1_500,
          stalledIntervalMs: 500,
          closeTimeoutMs: 5_000,
        });
        await worker.worker.waitUntilReady();
        return worker;
      },
      close: () => scheduler.close(),
    };
  }
  const connection = {
    connectionString: postgresUrl,
    schema: `${scope}_boss`,
    queueName,
    queueOptions: { retryLimit: 40, retryDelay: 1, retryBackoff: false, expireInSeconds: 2 },
    bossOptions: { max: 3, maintenanceIntervalSeconds: 1, monitorStateIntervalSeconds: 60 },
  };
  const scheduler = new PgBossScheduler(connection);
  return {
    scheduler,
    handlers: marketbridgeJobHandlers,
    async startWorker(handlers) {
      const worker = createPgBossWorker({
        ...connection,
        handlers,
        pollingIntervalSeconds: 0.5,
        closeTimeoutMs: 5_000,
      });
      await worker.started;
      return worker;
    },
    close: () => scheduler.close(),
  };
}
