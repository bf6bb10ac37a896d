import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';

/**
 * The operation did not finish in time. For writes the outcome is unknown until read back.
 *
 * @example
 * ```ts
 * throw new TimeoutError('No answer within 10000 ms.', { operation: 'getOrder' });
 * ```
 *
 * @category Errors
 */
export class TimeoutError extends MarketbridgeError {
  override name = 'TimeoutError' as const;

  /**
   * @param message - what went wrong and how to fix it
   * @param options - structured context
   */
  constructor(message: string, options: MarketbridgeErrorOptions = {}) {
    super('timeout', message, { retryable: true, ...options });
  }
}
