import { MarketbridgeError, type MarketbridgeErrorOptions } from './marketbridge-error.js';

/**
 * The marketplace (or the connector) does not implement this canonical operation. Check
 * `marketplace.capabilities.supports(operation)` before calling.
 *
 * @example
 * ```ts
 * throw new UnsupportedOperationError('my-shop', 'cancelOrder');
 * ```
 *
 * @category Errors
 */
export class UnsupportedOperationError extends MarketbridgeError {
  override name = 'UnsupportedOperationError' as const;
  declare readonly platform: string;
  declare readonly operation: string;

  /**
   * @param platform - the marketplace name
   * @param operation - the operation that is not supported
   * @param options - structured context
   */
  constructor(
    platform: string,
    operation: string,
    options: Omit<MarketbridgeErrorOptions, 'platform' | 'operation'> = {},
  ) {
    super(
      'unsupported_operation',
      `The ${platform} marketplace does not support ${operation}(). Check marketplace.capabilities.supports('${operation}') before calling it.`,
      { ...options, platform, operation, retryable: false },
    );
  }
}
