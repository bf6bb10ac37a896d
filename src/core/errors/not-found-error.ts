import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';

/**
 * The requested resource does not exist on the marketplace.
 *
 * @example
 * ```ts
 * throw new NotFoundError('No product with id P-1.', { platform: 'simulated', operation: 'getProduct' });
 * ```
 *
 * @category Errors
 */
export class NotFoundError extends MarketbridgeError {
  override name = 'NotFoundError' as const;

  /**
   * @param message - what went wrong and how to fix it
   * @param options - structured context
   */
  constructor(message: string, options: MarketbridgeErrorOptions = {}) {
    super('not_found', message, { retryable: false, ...options });
  }
}
