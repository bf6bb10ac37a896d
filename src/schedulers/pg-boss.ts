/**
 * marketbridge's jobs on pg-boss (PostgreSQL): a `Scheduler` for the `Context` that queues
 * syncs, webhook retries, token refreshes and async-job polls as delayed jobs or cron
 * schedules, and a worker that runs them in any number of processes. Delivery is at least
 * once; the job functions' own idempotency (sync journal and lease, webhook retry claims,
 * single-flight refresh) makes every effect happen once. Needs the optional peer dependency
 * `pg-boss` (10.x, which runs on Node 20).
 *
 * @example
 * ```ts
 * import { PgBossScheduler, createPgBossWorker, marketbridgeJobHandlers } from 'marketbridge/schedulers/pg-boss';
 *
 * const connectionString = process.env.DATABASE_URL;
 * const scheduler = new PgBossScheduler({ connectionString });
 * const processor = createWebhookProcessor({ verifiers, routes, context: { store, scheduler } });
 * const worker = createPgBossWorker({ connectionString, handlers: marketbridgeJobHandlers({ webhooks: processor }) });
 * ```
 *
 * @module marketbridge/schedulers/pg-boss
 */
export {
  PgBossScheduler,
  repeatQueueName,
  type PgBossSchedulerOptions,
  type PgBossJobData,
} from './pg-boss/scheduler.js';
export { createPgBossWorker, type PgBossWorkerOptions } from './pg-boss/worker.js';
export type { PgBossConnection } from './pg-boss/boss.js';
export * from './shared-exports.js';
