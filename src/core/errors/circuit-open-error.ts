import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';

/**
 * The circuit breaker for this endpoint is open: no request is sent until it half-opens.
 *
 * @example
 * ```ts
 * throw new CircuitOpenError('Too many failures; retry after the cool-down.', { platform: 'bol' });
 * ```
 *
 * @category Errors
 */
export class CircuitOpenError extends MarketbridgeError {
  override name = 'CircuitOpenError' as const;

  /**
   * @param message - what went wrong and how to fix it
   * @param options - structured context
   */
  constructor(message: string, options: MarketbridgeErrorOptions = {}) {
    super('circuit_open', message, { retryable: true, ...options });
  }
}
