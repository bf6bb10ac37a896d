import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';

/**
 * An action was blocked by a safety constraint of the IntegrationValidator.
 *
 * @example
 * ```ts
 * throw new SafetyViolationError('Price 0.01 EUR is below the floor of 5.00 EUR.');
 * ```
 *
 * @category Errors
 */
export class SafetyViolationError extends MarketbridgeError {
  override name = 'SafetyViolationError' as const;

  /**
   * @param message - what went wrong and how to fix it
   * @param options - structured context
   */
  constructor(message: string, options: MarketbridgeErrorOptions = {}) {
    super('safety_violation', message, { retryable: false, ...options });
  }
}
