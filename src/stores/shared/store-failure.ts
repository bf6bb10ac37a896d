import { MarketbridgeError } from '../../core/errors/marketbridge-error.js';

/**
 * Wraps a client failure (connection lost, server error) in a retryable MarketbridgeError, so
 * callers see one error family whatever the client library.
 *
 * @example
 * ```ts
 * throw storeFailure('Redis', 'get', error);
 * ```
 */
export function storeFailure(server: string, operation: string, cause: unknown): MarketbridgeError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new MarketbridgeError(
    'internal',
    `The ${server} store could not ${operation}: ${detail}. Check that the server is reachable.`,
    {
      operation,
      retryable: true,
      cause,
    },
  );
}
