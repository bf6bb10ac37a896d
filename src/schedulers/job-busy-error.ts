import { MarketbridgeError, type MarketbridgeErrorOptions } from '../core/errors/marketbridge-error.js';

/**
 * A job found its work held by another worker (a sync run's lease): nothing was done, and the
 * queue should deliver the job again later. Queue adapters treat it as a retryable failure.
 *
 * @example
 * ```ts
 * if (report.status === 'busy') throw new JobBusyError('marketbridge.sync.continue', 'another worker holds the lease of sync "default"');
 * ```
 *
 * @category Schedulers
 */
export class JobBusyError extends MarketbridgeError {
  override name = 'JobBusyError';

  /**
   * @param job - the job's name
   * @param reason - who holds the work
   * @param options - structured context
   */
  constructor(job: string, reason: string, options: MarketbridgeErrorOptions = {}) {
    super('conflict', `Job ${job} was not run: ${reason}. It will be delivered again.`, {
      retryable: true,
      operation: job,
      ...options,
    });
  }
}
