import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';

/**
 * A compare-and-set or version check failed: someone else changed the resource since it was read. Re-read and decide again; never force.
 *
 * @example
 * ```ts
 * throw new ConflictError('Inventory of SKU-1 changed since it was read.', { operation: 'setInventory' });
 * ```
 *
 * @category Errors
 */
export class ConflictError extends MarketbridgeError {
  override name = 'ConflictError' as const;

  /**
   * @param message - what went wrong and how to fix it
   * @param options - structured context
   */
  constructor(message: string, options: MarketbridgeErrorOptions = {}) {
    super('conflict', message, { retryable: false, ...options });
  }
}
