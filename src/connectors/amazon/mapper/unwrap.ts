import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';

/**
 * A mapping result as a value, or the error the connector throws for an answer it cannot read.
 *
 * @example
 * ```ts
 * const order = unwrapMapped(fromOrders2026Order(answer.order), 'getOrder');
 * ```
 */
export function unwrapMapped<T>(
  result: { isOk(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): { message: string } },
  operation: string,
): T {
  if (result.isOk()) return result._unsafeUnwrap();
  throw new MarketplaceApiError(`Could not read Amazon's answer: ${result._unsafeUnwrapErr().message}`, {
    platform: 'amazon',
    operation,
    retryable: false,
  });
}
