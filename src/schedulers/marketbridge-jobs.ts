import { MarketbridgeError } from '../core/errors/marketbridge-error.js';
import type { OAuthClient } from '../auth/oauth-client.js';
import type { MaybePromise } from '../core/types.js';
import type { AsyncJob } from '../http/jobs/async-job.js';
import { SYNC_CONTINUE_JOB, SYNC_RUN_JOB, type InventorySyncEngine } from '../sync/inventory/engine.js';
import type { SyncReport } from '../sync/inventory/report.js';
import type { WebhookProcessor } from '../webhooks/processor/processor.js';
import { JobBusyError } from './job-busy-error.js';
import type { JobHandler, JobHandlers } from './job-handlers.js';

/**
 * The job the webhook processor schedules when a handler failed and a retry is due.
 *
 * @example
 * ```ts
 * const handlers = { [WEBHOOK_RETRY_JOB]: () => processor.runDueRetries() };
 * ```
 *
 * @category Schedulers
 */
export const WEBHOOK_RETRY_JOB = 'webhooks.runDueRetries';

/**
 * A job that refreshes a connection's OAuth tokens before they expire (payload `{ connectionId }`).
 *
 * @example
 * ```ts
 * await scheduler.repeat({ key: 'refresh:shop-1', name: TOKEN_REFRESH_JOB, payload: { connectionId: 'shop-1' }, pattern: '*\/20 * * * *' });
 * ```
 *
 * @category Schedulers
 */
export const TOKEN_REFRESH_JOB = 'marketbridge.auth.refresh';

/**
 * A job that advances an async platform job (report, feed, bulk operation) kept in the store
 * (payload `{ storeKey }`).
 *
 * @example
 * ```ts
 * await scheduler.schedule({ name: ASYNC_JOB_RUN, payload: { storeKey: 'jobs:inventory-report' } });
 * ```
 *
 * @category Schedulers
 */
export const ASYNC_JOB_RUN = 'marketbridge.asyncJob.run';

/**
 * Where {@link marketbridgeJobHandlers} finds the objects its jobs act on. Each is optional:
 * only the jobs whose target is given get a handler.
 *
 * @category Schedulers
 */
export interface MarketbridgeJobTargets {
  /** Sync engines, or a lookup by sync id and tenant (from the job's payload). */
  syncs?:
    | readonly InventorySyncEngine[]
    | ((syncId: string, tenantId: string | undefined) => MaybePromise<InventorySyncEngine | undefined>);
  /** The webhook processor, or a lookup by tenant. */
  webhooks?: WebhookProcessor | ((tenantId: string | undefined) => MaybePromise<WebhookProcessor | undefined>);
  /** The OAuth client, or a lookup by platform and tenant. */
  oauth?:
    | OAuthClient
    | ((payload: {
        connectionId: string;
        platform?: string;
        tenantId?: string;
      }) => MaybePromise<OAuthClient | undefined>);
  /** Loads the async job kept at a store key (e.g. `AsyncJob.load(definition, { store, storeKey, clock })`). */
  asyncJobs?: (storeKey: string) => MaybePromise<AsyncJob | undefined>;
  /** Batches one sync job runs before it hands the rest to a new job (default 50). */
  maxBatches?: number;
}

const field = (payload: unknown, name: string): string | undefined => {
  const value = (payload as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const missing = (job: string, what: string) =>
  new MarketbridgeError('not_found', `Job ${job}: ${what}.`, { operation: job });

/**
 * Handlers for marketbridge's own jobs (`marketbridge.sync.run`, `marketbridge.sync.continue`,
 * `webhooks.runDueRetries`, `marketbridge.auth.refresh`, `marketbridge.asyncJob.run`), ready for
 * a queue worker. Each is idempotent, so at-least-once delivery has exactly-once effects: a
 * sync resumes from its journal, a webhook retry claims its record, a refresh is single-flight.
 * A sync whose lease another worker holds throws {@link JobBusyError} so the queue retries it.
 *
 * @example
 * ```ts
 * const worker = createBullMQWorker({
 *   connection: { url: process.env.REDIS_URL },
 *   handlers: marketbridgeJobHandlers({ syncs: [engine], webhooks: processor, maxBatches: 20 }),
 * });
 * ```
 *
 * @category Schedulers
 */
export function marketbridgeJobHandlers(targets: MarketbridgeJobTargets): JobHandlers {
  const handlers: Record<string, JobHandler> = {};
  const maxBatches = targets.maxBatches ?? 50;
  const { syncs, webhooks, oauth, asyncJobs } = targets;
  if (syncs) {
    const find = async (job: string, payload: unknown): Promise<InventorySyncEngine> => {
      const syncId = field(payload, 'syncId') ?? 'default';
      const tenantId = field(payload, 'tenantId');
      const engine =
        typeof syncs === 'function'
          ? await syncs(syncId, tenantId)
          : syncs.find(
              (candidate) =>
                candidate.id === syncId && (tenantId === undefined || candidate.context.tenantId === tenantId),
            );
      if (!engine) throw missing(job, `no sync engine "${syncId}"${tenantId ? ` for tenant "${tenantId}"` : ''}`);
      return engine;
    };
    const check = (job: string, report: SyncReport): SyncReport => {
      if (report.status === 'busy')
        throw new JobBusyError(job, `another worker holds the lease of sync "${report.syncId}"`);
      return report;
    };
    handlers[SYNC_RUN_JOB] = async (payload, run) => {
      const mode = field(payload, 'mode') === 'full' ? 'full' : 'incremental';
      return check(
        SYNC_RUN_JOB,
        await (await find(SYNC_RUN_JOB, payload)).runSync({ mode, maxBatches, signal: run.signal }),
      );
    };
    handlers[SYNC_CONTINUE_JOB] = async (payload, run) =>
      check(
        SYNC_CONTINUE_JOB,
        await (await find(SYNC_CONTINUE_JOB, payload)).continueSync({ maxBatches, signal: run.signal }),
      );
  }
  if (webhooks) {
    handlers[WEBHOOK_RETRY_JOB] = async (payload) => {
      const processor = typeof webhooks === 'function' ? await webhooks(field(payload, 'tenantId')) : webhooks;
      if (!processor)
        throw missing(WEBHOOK_RETRY_JOB, `no webhook processor for tenant "${field(payload, 'tenantId')}"`);
      return processor.runDueRetries();
    };
  }
  if (oauth) {
    handlers[TOKEN_REFRESH_JOB] = async (payload, run) => {
      const connectionId = field(payload, 'connectionId') ?? 'default';
      const platform = field(payload, 'platform');
      const tenantId = field(payload, 'tenantId');
      const client =
        typeof oauth === 'function'
          ? await oauth({ connectionId, ...(platform ? { platform } : {}), ...(tenantId ? { tenantId } : {}) })
          : oauth;
      if (!client) throw missing(TOKEN_REFRESH_JOB, `no OAuth client for connection "${connectionId}"`);
      return client.refresh(connectionId, run.signal);
    };
  }
  if (asyncJobs) {
    handlers[ASYNC_JOB_RUN] = async (payload, run) => {
      const storeKey = field(payload, 'storeKey');
      if (!storeKey) throw missing(ASYNC_JOB_RUN, 'the payload has no storeKey');
      const job = await asyncJobs(storeKey);
      if (!job) throw missing(ASYNC_JOB_RUN, `no async job at "${storeKey}"`);
      return job.run(run.signal);
    };
  }
  return handlers;
}
