/**
 * marketbridge's jobs on BullMQ (Redis): a `Scheduler` for the `Context` that queues syncs,
 * webhook retries, token refreshes and async-job polls as delayed or repeating jobs, and a
 * worker that runs them in any number of processes. Delivery is at least once; the job
 * functions' own idempotency (sync journal and lease, webhook retry claims, single-flight
 * refresh) makes every effect happen once. Needs the optional peer dependency `bullmq`.
 *
 * @example
 * ```ts
 * import { BullMQScheduler, createBullMQWorker, marketbridgeJobHandlers } from 'marketbridge/schedulers/bullmq';
 *
 * const connection = { host: '127.0.0.1', port: 6379 };
 * const scheduler = new BullMQScheduler({ connection });
 * const engine = new InventorySyncEngine({ source, channels, context: { store, lock, scheduler } });
 * const worker = createBullMQWorker({ connection, handlers: marketbridgeJobHandlers({ syncs: [engine] }) });
 * await scheduler.schedule({ name: SYNC_RUN_JOB, payload: { syncId: engine.id } });
 * ```
 *
 * @module marketbridge/schedulers/bullmq
 */
export { BullMQScheduler, type BullMQSchedulerOptions } from './bullmq/scheduler.js';
export { createBullMQWorker, type BullMQWorkerOptions } from './bullmq/worker.js';
export * from './shared-exports.js';
