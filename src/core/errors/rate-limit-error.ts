import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';

/**
 * Options of {@link RateLimitError}.
 *
 * @example
 * ```ts
 * const options: RateLimitErrorOptions = { retryAfterMs: 2000, platform: 'amazon' };
 * ```
 *
 * @category Errors
 */
export interface RateLimitErrorOptions extends MarketbridgeErrorOptions {
  /** How long to wait before the next attempt, when the platform or the limiter knows. */
  retryAfterMs?: number;
}

/**
 * The marketplace (or marketbridge's own limiter, when asked not to wait) refused a request for
 * lack of quota. Always retryable; wait `retryAfterMs` when it is set.
 *
 * @example
 * ```ts
 * throw new RateLimitError('QuotaExceeded for getOrders.', { retryAfterMs: 1000, platform: 'amazon' });
 * ```
 *
 * @category Errors
 */
export class RateLimitError extends MarketbridgeError {
  override name = 'RateLimitError' as const;
  /** Milliseconds to wait before trying again, if known. */
  readonly retryAfterMs?: number;

  /**
   * @param message - what was throttled
   * @param options - structured context and the wait time
   */
  constructor(message: string, options: RateLimitErrorOptions = {}) {
    super('rate_limited', message, { retryable: true, status: 429, ...options });
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}
